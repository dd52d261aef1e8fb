<?php
/**
 * A usable key, decrypted for one request.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Secrets;

/**
 * Lives only in memory while requests are made. Its secret is never serialised: __serialize()
 * and __debugInfo() leave it out, so var_dump(), print_r() and logs of this object cannot leak it.
 *
 * @since 0.1.0
 */
final class Resolved_Key {

	/**
	 * @param string $id     Key id ("env", "constant" or a stored id).
	 * @param string $label  Admin-facing label.
	 * @param string $source env, constant or database.
	 * @param string $secret The key.
	 */
	public function __construct(
		public readonly string $id,
		public readonly string $label,
		public readonly string $source,
		#[\SensitiveParameter] private readonly string $secret,
	) {
	}

	/**
	 * The key, for the request's headers and nothing else.
	 */
	public function secret(): string {
		return $this->secret;
	}

	/**
	 * @return array{id: string, label: string, source: string}
	 */
	public function __debugInfo(): array {
		return array(
			'id'     => $this->id,
			'label'  => $this->label,
			'source' => $this->source,
		);
	}

	/**
	 * @return array{id: string, label: string, source: string}
	 */
	public function __serialize(): array {
		return $this->__debugInfo();
	}
}
