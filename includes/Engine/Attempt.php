<?php
/**
 * One step of a run.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Error;
use AI_Failover\Secrets\Resolved_Key;

/**
 * An attempt on a route with a key (or a route skipped), what came of it, what the engine did
 * next and why, in a sentence a site admin understands. Built with the named constructors
 * (answered, failed, skipped); the decision is added once known (decided).
 *
 * Its array is the attempt vocabulary shared from the engine to the screen: the event log row
 * is this array plus the run's context (Event_Recorder).
 *
 * @since 0.1.0
 */
final class Attempt {

	/**
	 * @param int                           $index         1-based position in the run.
	 * @param string                        $route_id      "provider/model".
	 * @param string                        $provider_id   Provider.
	 * @param string                        $provider      Provider label.
	 * @param string                        $model         Model.
	 * @param string                        $key_id        Key id ('' when keyless or skipped).
	 * @param string                        $key_label     Key label ('' when keyless or skipped).
	 * @param float                         $start_ms      Offset from the run's start.
	 * @param float                         $duration_ms   Time taken.
	 * @param Outcome                       $outcome       What came of it.
	 * @param Error_Class|Engine_Class|null $error_class   Why it failed or was skipped.
	 * @param int                           $http_status   HTTP status (0 when none).
	 * @param string                        $provider_code Provider's code.
	 * @param float|null                    $retry_after   Seconds the provider asked to wait.
	 * @param Decision|null                 $decision      What the engine did next (null until decided).
	 * @param string                        $reason        Plain-language explanation.
	 * @param int                           $input_tokens  Prompt tokens.
	 * @param int                           $output_tokens Completion tokens.
	 * @param float                         $cost          Estimated USD.
	 * @param bool                          $simulated     Part of a drill.
	 * @param string                        $message       Provider's (redacted) message.
	 */
	private function __construct(
		public readonly int $index,
		public readonly string $route_id,
		public readonly string $provider_id,
		public readonly string $provider,
		public readonly string $model,
		public readonly string $key_id,
		public readonly string $key_label,
		public readonly float $start_ms,
		public readonly float $duration_ms,
		public readonly Outcome $outcome,
		public readonly Error_Class|Engine_Class|null $error_class,
		public readonly int $http_status,
		public readonly string $provider_code,
		public readonly ?float $retry_after,
		public readonly ?Decision $decision,
		public readonly string $reason,
		public readonly int $input_tokens = 0,
		public readonly int $output_tokens = 0,
		public readonly float $cost = 0.0,
		public readonly bool $simulated = false,
		public readonly string $message = '',
	) {
	}

	/**
	 * A provider answered (completely, or a stream that broke after its first token).
	 *
	 * @param int               $index       Position in the run.
	 * @param Route             $route       Route.
	 * @param Resolved_Key|null $key         Key used.
	 * @param float             $start_ms    Offset from the run's start.
	 * @param float             $duration_ms Time taken.
	 * @param Chat_Result       $result      Answer.
	 */
	public static function answered( int $index, Route $route, ?Resolved_Key $key, float $start_ms, float $duration_ms, Chat_Result $result ): self {
		return new self(
			$index,
			$route->id(),
			$route->provider->id,
			$route->provider->label,
			$route->model,
			$key->id ?? '',
			$key->label ?? '',
			$start_ms,
			$duration_ms,
			$result->complete ? Outcome::Success : Outcome::Incomplete,
			$result->complete ? null : Engine_Class::Incomplete,
			200,
			'',
			null,
			null,
			'',
			$result->input_tokens,
			$result->output_tokens,
			$route->cost( $result->input_tokens, $result->output_tokens )
		);
	}

	/**
	 * A call that failed. An answer that failed the caller's checks was still paid for: pass it
	 * as $paid so its tokens and cost are counted.
	 *
	 * @param int                      $index       Position in the run.
	 * @param Route                    $route       Route.
	 * @param Resolved_Key|null        $key         Key used.
	 * @param float                    $start_ms    Offset from the run's start.
	 * @param float                    $duration_ms Time taken.
	 * @param Error_Class|Engine_Class $class       Class.
	 * @param Provider_Error           $error       The error.
	 * @param Chat_Result|null         $paid        The rejected answer, if any.
	 */
	public static function failed( int $index, Route $route, ?Resolved_Key $key, float $start_ms, float $duration_ms, Error_Class|Engine_Class $class, Provider_Error $error, ?Chat_Result $paid = null ): self {
		return new self(
			$index,
			$route->id(),
			$route->provider->id,
			$route->provider->label,
			$route->model,
			$key->id ?? '',
			$key->label ?? '',
			$start_ms,
			$duration_ms,
			Outcome::Error,
			$class,
			$error->http_status,
			$error->provider_code,
			$error->retry_after,
			null,
			'',
			$paid->input_tokens ?? 0,
			$paid->output_tokens ?? 0,
			null === $paid ? 0.0 : $route->cost( $paid->input_tokens, $paid->output_tokens ),
			false,
			$error->message
		);
	}

	/**
	 * A route that was not called.
	 *
	 * @param int                      $index    Position in the run.
	 * @param Route                    $route    Route.
	 * @param Error_Class|Engine_Class $class    Why.
	 * @param float                    $start_ms Offset from the run's start.
	 * @param Decision                 $decision What the engine did instead.
	 * @param string                   $reason   Sentence.
	 */
	public static function skipped( int $index, Route $route, Error_Class|Engine_Class $class, float $start_ms, Decision $decision, string $reason ): self {
		return new self( $index, $route->id(), $route->provider->id, $route->provider->label, $route->model, '', '', $start_ms, 0.0, Outcome::Skipped, $class, 0, '', null, $decision, $reason );
	}

	/**
	 * A copy with the decision filled in (known only after the outcome).
	 *
	 * @param Decision $decision Decision.
	 * @param string   $reason   Reason.
	 */
	public function decided( Decision $decision, string $reason ): self {
		return $this->with(
			array(
				'decision' => $decision,
				'reason'   => $reason,
			)
		);
	}

	/**
	 * A copy marked as part of a drill.
	 */
	public function as_simulated(): self {
		return $this->with( array( 'simulated' => true ) );
	}

	/**
	 * The attempt vocabulary, shared by the run result, the event log and the screens.
	 *
	 * @return array{attempt: int, route: string, provider: string, provider_label: string, model: string, key_id: string, key_label: string, start_ms: float, latency_ms: float, outcome: string, error_class: string|null, http_status: int, provider_code: string, retry_after: float|null, decision: string, reason: string, tokens_in: int, tokens_out: int, cost: float, simulated: bool, message: string}
	 */
	public function to_array(): array {
		return array(
			'attempt'        => $this->index,
			'route'          => $this->route_id,
			'provider'       => $this->provider_id,
			'provider_label' => $this->provider,
			'model'          => $this->model,
			'key_id'         => $this->key_id,
			'key_label'      => $this->key_label,
			'start_ms'       => round( $this->start_ms, 1 ),
			'latency_ms'     => round( $this->duration_ms, 1 ),
			'outcome'        => $this->outcome->value,
			'error_class'    => $this->error_class?->value,
			'http_status'    => $this->http_status,
			'provider_code'  => $this->provider_code,
			'retry_after'    => $this->retry_after,
			'decision'       => ( $this->decision ?? Decision::Stop )->value,
			'reason'         => $this->reason,
			'tokens_in'      => $this->input_tokens,
			'tokens_out'     => $this->output_tokens,
			'cost'           => round( $this->cost, 6 ),
			'simulated'      => $this->simulated,
			'message'        => $this->message,
		);
	}

	/**
	 * @param array<string, mixed> $changes Properties to change.
	 */
	private function with( array $changes ): self {
		return new self( ...array_merge( get_object_vars( $this ), $changes ) );
	}
}
