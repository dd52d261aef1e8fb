<?php
/**
 * A classified provider failure.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

/**
 * What went wrong, in the taxonomy, with the evidence: HTTP status, the provider's own code, a
 * redacted message and how long the provider asked us to wait.
 *
 * @since 0.1.0
 */
final class Provider_Error {

	/**
	 * @param Error_Class $class         Taxonomy class.
	 * @param int         $http_status   HTTP status, 0 when no response arrived.
	 * @param string      $provider_code The provider's error type/code/status, such as "rate_limit_exceeded".
	 * @param string      $message       Redacted message; Provider_Client has removed the provider's keys and capped it.
	 * @param float|null  $retry_after   Seconds the provider asked to wait, when it said.
	 */
	public function __construct(
		public readonly Error_Class $class,
		public readonly int $http_status,
		public readonly string $provider_code,
		public readonly string $message,
		public readonly ?float $retry_after = null,
	) {
	}

	/**
	 * Whether retrying the same request may help.
	 */
	public function is_transient(): bool {
		return $this->class->is_transient();
	}

	/**
	 * @return array{class: string, http_status: int, provider_code: string, message: string, retry_after: float|null, transient: bool}
	 */
	public function to_array(): array {
		return array(
			'class'         => $this->class->value,
			'http_status'   => $this->http_status,
			'provider_code' => $this->provider_code,
			'message'       => $this->message,
			'retry_after'   => $this->retry_after,
			'transient'     => $this->is_transient(),
		);
	}
}
