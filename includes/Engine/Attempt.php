<?php
/**
 * One step of a run.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * An attempt on a route with a key (or a route skipped), what came of it, what the engine did
 * next and why, in a sentence a site admin understands.
 *
 * @since 0.1.0
 */
final class Attempt {

	public const SUCCESS    = 'success';
	public const ERROR      = 'error';
	public const SKIPPED    = 'skipped';
	public const INCOMPLETE = 'incomplete';

	/**
	 * @param int         $index         1-based position in the run.
	 * @param string      $route_id      "provider/model".
	 * @param string      $provider_id   Provider.
	 * @param string      $provider      Provider label.
	 * @param string      $model         Model.
	 * @param string      $key_label     Key label ('' when keyless or skipped).
	 * @param float       $start_ms      Offset from the run's start.
	 * @param float       $duration_ms   Time taken.
	 * @param string      $outcome       One of the constants.
	 * @param string|null $error_class   Taxonomy class, validation_failed, breaker_open, ...
	 * @param int         $http_status   HTTP status (0 when none).
	 * @param string      $provider_code Provider's code.
	 * @param float|null  $retry_after   Seconds the provider asked to wait.
	 * @param string      $decision      retry, rotate_key, fallback, stop, done, skip.
	 * @param string      $reason        Plain-language explanation.
	 * @param int         $input_tokens  Prompt tokens.
	 * @param int         $output_tokens Completion tokens.
	 * @param float       $cost          Estimated USD.
	 * @param bool        $simulated     Injected by a drill, not a real call.
	 * @param string      $message       Provider's (redacted) message.
	 */
	public function __construct(
		public readonly int $index,
		public readonly string $route_id,
		public readonly string $provider_id,
		public readonly string $provider,
		public readonly string $model,
		public readonly string $key_label,
		public readonly float $start_ms,
		public readonly float $duration_ms,
		public readonly string $outcome,
		public readonly ?string $error_class,
		public readonly int $http_status,
		public readonly string $provider_code,
		public readonly ?float $retry_after,
		public readonly string $decision,
		public readonly string $reason,
		public readonly int $input_tokens = 0,
		public readonly int $output_tokens = 0,
		public readonly float $cost = 0.0,
		public readonly bool $simulated = false,
		public readonly string $message = '',
	) {
	}

	/**
	 * A copy with the decision filled in (known only after the outcome).
	 *
	 * @param string $decision Decision.
	 * @param string $reason   Reason.
	 */
	public function decided( string $decision, string $reason ): self {
		return new self( $this->index, $this->route_id, $this->provider_id, $this->provider, $this->model, $this->key_label, $this->start_ms, $this->duration_ms, $this->outcome, $this->error_class, $this->http_status, $this->provider_code, $this->retry_after, $decision, $reason, $this->input_tokens, $this->output_tokens, $this->cost, $this->simulated, $this->message );
	}

	/**
	 * @return array<string, mixed>
	 */
	public function to_array(): array {
		return array(
			'index'         => $this->index,
			'route'         => $this->route_id,
			'provider_id'   => $this->provider_id,
			'provider'      => $this->provider,
			'model'         => $this->model,
			'key_label'     => $this->key_label,
			'start_ms'      => round( $this->start_ms, 1 ),
			'duration_ms'   => round( $this->duration_ms, 1 ),
			'outcome'       => $this->outcome,
			'error_class'   => $this->error_class,
			'http_status'   => $this->http_status,
			'provider_code' => $this->provider_code,
			'retry_after'   => $this->retry_after,
			'decision'      => $this->decision,
			'reason'        => $this->reason,
			'input_tokens'  => $this->input_tokens,
			'output_tokens' => $this->output_tokens,
			'cost'          => round( $this->cost, 6 ),
			'simulated'     => $this->simulated,
			'message'       => $this->message,
		);
	}
}
