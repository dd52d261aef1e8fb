<?php
/**
 * Runs a stored feature: the WordPress side of the engine.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Catalog\Model_Catalog;
use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Contracts\Stream_Listener;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Governance\Access_Guard;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Repository;

/**
 * Loads the feature, lets `aifo_feature_policy` adjust it (the bounds are re-applied after),
 * resolves its routes against providers and the catalog, runs the engine, and hands a deferred
 * background run (a Retry-After past its budget) to the durable queue: `$defer` queues a
 * `feature_run` job and the result names it. Only a deferred run pays for that (the queue's
 * objects are built by the callback, not on the run path).
 *
 * @since 0.1.0
 */
final class Feature_Runner implements Registers_Hooks {

	public const DEFERRED_HOOK = 'aifo_deferred_run';

	/** Where wp_die() finds its handler, per kind of request. */
	private const DIE_HANDLERS = array( 'wp_die_handler', 'wp_die_json_handler', 'wp_die_jsonp_handler', 'wp_die_ajax_handler', 'wp_die_xml_handler', 'wp_die_xmlrpc_handler' );

	/**
	 * @param Feature_Repository  $features  Features.
	 * @param Provider_Repository $providers Providers.
	 * @param Model_Catalog       $catalog   Catalog.
	 * @param Chain_Runner        $engine    Engine.
	 * @param Access_Guard|null   $access    Access rules.
	 * @param \Closure|null       $defer     Queues a deferred run: (string $feature_id, array $request, Run_Result $result): int job id (0 = not queued).
	 */
	public function __construct(
		private readonly Feature_Repository $features,
		private readonly Provider_Repository $providers,
		private readonly Model_Catalog $catalog,
		private readonly Chain_Runner $engine,
		private readonly ?Access_Guard $access = null,
		private readonly ?\Closure $defer = null,
	) {
	}

	public function register_hooks(): void {
		add_action( self::DEFERRED_HOOK, array( $this, 'run_deferred' ), 10, 3 );
	}

	/**
	 * Runs a feature. Never throws for provider problems: the result says what happened.
	 *
	 * @param string               $feature_id Feature.
	 * @param array<string, mixed> $request    messages, max_tokens, temperature, stream, simulate, validate, background, caller, listener (a Stream_Listener, with stream), workflow, step; queued_job (the job running it: a deferral is that job's retry, not a new job).
	 */
	public function run( string $feature_id, array $request ): Run_Result {
		$result = $this->run_now( $feature_id, $request );
		if ( Run_Result::DEFERRED !== $result->status || null === $this->defer || $result->simulated || ! empty( $request['queued_job'] ) ) {
			return $result;
		}
		$job = (int) ( $this->defer )( $feature_id, $request, $result );
		return $job > 0 ? $result->with_job( $job ) : $result;
	}

	/**
	 * Runs a feature now.
	 *
	 * @param string               $feature_id Feature.
	 * @param array<string, mixed> $request    See run().
	 */
	private function run_now( string $feature_id, array $request ): Run_Result {
		$this->features->prime_for_run();
		$feature = $this->features->get( $feature_id );
		if ( null === $feature ) {
			/* translators: %s: Feature id. */
			return self::refused( $feature_id, Engine_Class::Unknown_Feature, sprintf( __( 'There is no AI feature "%s".', 'ai-failover' ), $feature_id ) );
		}
		$messages = array();
		foreach ( (array) ( $request['messages'] ?? array() ) as $message ) {
			if ( is_array( $message ) && isset( $message['role'], $message['content'] ) ) {
				$messages[] = array(
					'role'    => (string) $message['role'],
					'content' => (string) $message['content'],
				);
			}
		}
		if ( ! $messages ) {
			return self::refused( $feature_id, Error_Class::Invalid_Request, __( 'A run needs at least one message.', 'ai-failover' ) );
		}
		$pattern = Output_Checks::pattern_problem( ( (array) ( $request['validate'] ?? array() ) )['regex'] ?? null );
		if ( null !== $pattern ) {
			return self::refused( $feature_id, Error_Class::Invalid_Request, $pattern );
		}

		/**
		 * Filters a feature's policy for one request. The engine's bounds (3 attempts per route,
		 * 60 s, 5 fallbacks, triggers that may never fall back) are applied after this filter.
		 *
		 * @since 0.1.0
		 *
		 * @param array<string, mixed> $feature Feature, in the feature schema's shape.
		 * @param array<string, mixed> $request The run request.
		 */
		$adjusted = apply_filters( 'aifo_feature_policy', $feature, $request );
		$policy   = Feature_Policy::from_array( is_array( $adjusted ) ? array( 'id' => $feature_id ) + $adjusted : $feature );

		$simulate = array();
		foreach ( (array) ( $request['simulate'] ?? array() ) as $drill ) {
			if ( is_array( $drill ) && isset( $drill['route'], $drill['error_class'] ) ) {
				$simulate[ (string) $drill['route'] ] = (string) $drill['error_class'];
			}
		}

		$refusal = null !== $this->access && isset( $feature['access'] ) ? $this->access->refusal( $feature ) : null;
		$run     = null === $refusal
			? fn( Run_Request $run_request ) => $this->engine->run( $policy, $this->routes( $policy ), $run_request )
			// Refused by the feature's access rule: logged, and no provider is called.
			: fn( Run_Request $run_request ) => $this->engine->refuse( $policy, $this->routes( $policy ), $run_request, Engine_Class::Access_Denied, $refusal['reason'] );

		return $this->keeping_the_answer(
			fn() => $run(
				new Run_Request(
					new Chat_Request(
						$messages,
						isset( $request['max_tokens'] ) ? (int) $request['max_tokens'] : null,
						isset( $request['temperature'] ) ? (float) $request['temperature'] : null,
						! empty( $request['stream'] )
					),
					! empty( $request['background'] ),
					$simulate,
					(array) ( $request['validate'] ?? array() ),
					(string) ( $request['caller'] ?? 'php' ),
					! empty( $request['stream'] ) && ( $request['listener'] ?? null ) instanceof Stream_Listener ? $request['listener'] : null,
					(string) ( $request['workflow'] ?? '' ),
					(string) ( $request['step'] ?? '' ),
					// Only a feature that reserves fallbacks for some roles needs the caller's; a drill
					// (administrators, scheduled drills) checks the whole chain, whoever runs it.
					empty( $feature['tier']['fallback_roles'] ) || $simulate ? null : array_values( array_map( 'strval', (array) wp_get_current_user()->roles ) )
				)
			)
		);
	}

	/**
	 * Why the current request may not run the feature (its access rule), or null when it may
	 * or there is no such feature. Asked by the run route for the refusal's code, and before a
	 * stream starts, so a refused stream gets its 403 instead of a stream.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $feature_id Feature.
	 * @return array{code: string, reason: string}|null
	 */
	public function access_refusal( string $feature_id ): ?array {
		$feature = null !== $this->access ? $this->features->get( $feature_id ) : null;
		return null !== $feature && isset( $feature['access'] ) ? $this->access?->refusal( $feature ) : null;
	}

	/**
	 * Runs the engine so that a database outage in the middle of a run cannot take the answer
	 * the provider already gave. wpdb answers a lost connection with dead_db(), a wp_die() that
	 * ends the request with a 500; while the engine runs, wp_die() throws instead, the engine's
	 * bookkeeping swallows it (breakers, key states and the run's event rows are lost, and
	 * reported through aifo_event_log_failed), and the caller gets the answer.
	 *
	 * @param callable(): Run_Result $run The run.
	 */
	private function keeping_the_answer( callable $run ): Run_Result {
		$throwing = static fn(): \Closure => static function ( $message ): void {
			throw new \RuntimeException( is_string( $message ) ? wp_strip_all_tags( $message ) : 'wp_die' );
		};
		foreach ( self::DIE_HANDLERS as $filter ) {
			add_filter( $filter, $throwing, PHP_INT_MAX );
		}
		try {
			return $run();
		} finally {
			foreach ( self::DIE_HANDLERS as $filter ) {
				remove_filter( $filter, $throwing, PHP_INT_MAX );
			}
		}
	}

	/**
	 * Runs a feature in the background: a wait that does not fit the budget defers it to the
	 * durable queue (a `feature_run` job, retried there after each new Retry-After). Still the
	 * callback of DEFERRED_HOOK, for the WP-Cron events earlier versions scheduled.
	 *
	 * @param string               $feature_id Feature.
	 * @param array<string, mixed> $request    Request.
	 * @param int                  $deferrals  Times an earlier version deferred it (the queue counts attempts now).
	 */
	public function run_deferred( string $feature_id, array $request, int $deferrals = 0 ): Run_Result {
		unset( $deferrals );
		return $this->run( $feature_id, array( 'background' => true ) + $request );
	}

	/**
	 * The policy's routes with the catalog's capabilities and prices. Routes on providers that no
	 * longer exist are dropped (the feature repository refuses them on save). Public for
	 * Diagnostics, which shows which of them a spend budget still lets run.
	 *
	 * @param Feature_Policy $policy Policy.
	 * @return list<Route>
	 */
	public function routes( Feature_Policy $policy ): array {
		$routes = array();
		foreach ( array_merge( array( $policy->primary ), $policy->fallbacks ) as $index => $spec ) {
			$provider = $this->providers->get( $spec['provider_id'] );
			if ( null === $provider ) {
				continue;
			}
			$entry    = $this->catalog->get( $provider, $spec['model'] );
			$routes[] = new Route(
				$provider,
				$spec['model'],
				$spec['weight'],
				/* translators: %d: Fallback position. */
				0 === $index ? 'primary' : sprintf( __( 'fallback %d', 'ai-failover' ), $index ),
				null !== $entry ? array_values( (array) $entry['capabilities'] ) : array(),
				null !== $entry ? (float) $entry['input_price_per_mtok'] : 0.0,
				null !== $entry ? (float) $entry['output_price_per_mtok'] : 0.0,
				null !== $entry,
				null !== $entry ? (int) ( $entry['context_window'] ?? 0 ) : 0,
				$spec['over_budget']
			);
		}
		return $routes;
	}

	/**
	 * A result for a request that never reached the engine.
	 *
	 * @param string                   $feature_id Feature.
	 * @param Error_Class|Engine_Class $class      Class.
	 * @param string                   $message    Message.
	 */
	private static function refused( string $feature_id, Error_Class|Engine_Class $class, string $message ): Run_Result {
		return new Run_Result(
			bin2hex( random_bytes( 8 ) ),
			$feature_id,
			Run_Result::FAILED,
			'',
			'',
			0,
			0,
			0.0,
			null,
			false,
			'',
			array(),
			array(),
			array(
				'class'       => $class->value,
				'message'     => $message,
				'retry_after' => null,
			),
			0.0
		);
	}
}
