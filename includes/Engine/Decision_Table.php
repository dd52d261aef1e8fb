<?php
/**
 * The one place that says what each class of failure leads to.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Providers\Error_Class;

/**
 * Class -> retry the same route / key step / fall back / counts against the breaker. The engine,
 * the feature policy's triggers, and (through the generated src/schemas/engine-vocabulary.ts) the
 * zod schemas and the screens all read this table; nothing else lists classes.
 *
 * Why the rows are what they are:
 * - A bad request is bad everywhere, and a rejected key or account is that provider's problem: its
 *   keys rotate, the provider never changes (Never).
 * - A rate limit is the key's: it rests, a spare key is tried at once; the wait is only ever spent
 *   when nothing else can serve (Unless_Fallback), and moving on is the feature's choice.
 * - Server errors and broken answers are worth one quick retry; a hang is not when a fallback is
 *   ready, since a second timeout doubles the user's wait.
 * - Only signs that a route is down count against its breaker.
 * - A stream under the feature's minimum throughput is dropped before its text went out; a retry
 *   of the same route would be as slow, so it may only move on, and only when the feature says so.
 *
 * @since 0.2.0
 */
final class Decision_Table {

	/**
	 * The table, by class value.
	 *
	 * @return array<string, Rule>
	 */
	public static function rows(): array {
		static $rows = null;
		if ( null !== $rows ) {
			return $rows;
		}
		$never_again = static fn( Key_Step $key = Key_Step::None, Fallback_Rule $fallback = Fallback_Rule::Never, bool $default = false ): Rule => new Rule( Same_Route::Never, $key, $fallback, $default, false );
		$down        = static fn( Same_Route $same = Same_Route::Retry ): Rule => new Rule( $same, Key_Step::None, Fallback_Rule::If_Allowed, true, true );
		$skip        = new Rule( Same_Route::Never, Key_Step::None, Fallback_Rule::Always, false, false );
		$end         = $never_again();

		$rows = array(
			// Provider errors (Error_Class).
			Error_Class::Invalid_Request->value        => $end,
			Error_Class::Auth->value                   => $never_again( Key_Step::Reject ),
			Error_Class::Payment->value                => $never_again( Key_Step::Reject ),
			Error_Class::Forbidden->value              => $never_again( Key_Step::Reject ),
			Error_Class::Rate_Limited->value           => new Rule( Same_Route::Unless_Fallback, Key_Step::Rest, Fallback_Rule::If_Allowed, false, false ),
			Error_Class::Server->value                 => $down(),
			Error_Class::Timeout->value                => $down( Same_Route::Unless_Fallback ),
			Error_Class::Unreachable->value            => $down(),
			Error_Class::Empty_Response->value         => $down(),
			Error_Class::Invalid_Response->value       => $down(),
			Error_Class::Unsupported_Capability->value => $end,
			Error_Class::Content_Policy->value         => $never_again( Key_Step::None, Fallback_Rule::If_Allowed ),
			Error_Class::Context_Length->value         => $never_again( Key_Step::None, Fallback_Rule::If_Allowed ),
			// The engine's own classes (Engine_Class).
			Engine_Class::Validation_Failed->value     => $never_again( Key_Step::None, Fallback_Rule::If_Allowed ),
			Engine_Class::Breaker_Open->value          => $skip,
			Engine_Class::Provider_Disabled->value     => $skip,
			Engine_Class::Capability_Missing->value    => $skip,
			Engine_Class::Over_Cost_Ceiling->value     => $skip,
			Engine_Class::Over_Spend_Budget->value     => $skip,
			Engine_Class::Privacy_Ineligible->value    => $skip,
			Engine_Class::Region_Excluded->value       => $skip,
			Engine_Class::Region_Outage->value         => $skip,
			Engine_Class::Latency_Demoted->value       => $skip,
			Engine_Class::Slow_Stream->value           => $never_again( Key_Step::None, Fallback_Rule::If_Allowed ),
			Engine_Class::Keys_Exhausted->value        => $end,
			Engine_Class::Budget_Exhausted->value      => $end,
			Engine_Class::Attempts_Exhausted->value    => $end,
			Engine_Class::Loop_Guard->value            => $end,
			Engine_Class::Incomplete->value            => $end,
			Engine_Class::Deferred->value              => $end,
			Engine_Class::No_Route->value              => $end,
			Engine_Class::Unknown_Feature->value       => $end,
			Engine_Class::Access_Denied->value         => $end,
		);
		return $rows;
	}

	/**
	 * The rule of a class.
	 *
	 * @param Error_Class|Engine_Class $class Class.
	 */
	public static function rule( Error_Class|Engine_Class $class ): Rule {
		return self::rows()[ $class->value ];
	}

	/**
	 * A class from its value: a provider class or one of the engine's, null if neither.
	 *
	 * @param string $value Class value.
	 */
	public static function class_of( string $value ): Error_Class|Engine_Class|null {
		return Error_Class::tryFrom( $value ) ?? Engine_Class::tryFrom( $value );
	}

	/**
	 * The classes a feature has a fallback trigger for (the feature schema's `triggers`), in the
	 * order the feature form shows them.
	 *
	 * @return list<Error_Class|Engine_Class>
	 */
	public static function trigger_classes(): array {
		return array(
			Error_Class::Rate_Limited,
			Error_Class::Server,
			Error_Class::Timeout,
			Error_Class::Unreachable,
			Error_Class::Empty_Response,
			Error_Class::Invalid_Response,
			Engine_Class::Validation_Failed,
			Engine_Class::Slow_Stream,
			Error_Class::Context_Length,
			Error_Class::Content_Policy,
			Error_Class::Invalid_Request,
			Error_Class::Auth,
			Error_Class::Payment,
			Error_Class::Forbidden,
			Error_Class::Unsupported_Capability,
		);
	}
}
