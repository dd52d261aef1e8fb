<?php
/**
 * Authenticated encryption of API keys at rest.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Secrets;

/**
 * Uses sodium_crypto_secretbox (XSalsa20-Poly1305; WordPress ships sodium_compat where the extension is
 * missing). The encryption key is derived from, in order: the AIFO_SECRET_KEY constant or
 * environment variable, else the site's wp-config salts. Older secrets (AIFO_PREVIOUS_SECRET_KEY,
 * and the salts once a constant is set) stay able to open what they sealed, so changing the secret
 * loses nothing: Key_Vault re-seals with the current one.
 *
 * Sealed format: "aifo1:<kid>:<base64(nonce . ciphertext)>", kid = 8 hex chars identifying the
 * secret (a hash of the derived key, which reveals nothing about it).
 *
 * @since 0.1.0
 */
final class Secret_Box {

	private const PREFIX = 'aifo1';

	/**
	 * Derived keys by kid; the first is the current one.
	 *
	 * @var array<string, string>
	 */
	private array $keys = array();

	/**
	 * @param list<string> $secrets Secrets, current first. Empty strings are skipped.
	 * @throws \InvalidArgumentException When no secret is usable.
	 */
	public function __construct( array $secrets ) {
		foreach ( $secrets as $secret ) {
			if ( '' === $secret ) {
				continue;
			}
			$key                             = sodium_crypto_generichash( 'ai-failover key vault v1|' . $secret, '', SODIUM_CRYPTO_SECRETBOX_KEYBYTES );
			$this->keys[ self::kid( $key ) ] = $key;
		}
		if ( ! $this->keys ) {
			throw new \InvalidArgumentException( 'Secret_Box needs a secret.' );
		}
	}

	/**
	 * The box for this site: AIFO_SECRET_KEY (constant, then environment), then
	 * AIFO_PREVIOUS_SECRET_KEY, then the wp-config salts.
	 */
	public static function from_site(): self {
		$current  = defined( 'AIFO_SECRET_KEY' ) ? (string) constant( 'AIFO_SECRET_KEY' ) : (string) getenv( 'AIFO_SECRET_KEY' );
		$previous = defined( 'AIFO_PREVIOUS_SECRET_KEY' ) ? (string) constant( 'AIFO_PREVIOUS_SECRET_KEY' ) : (string) getenv( 'AIFO_PREVIOUS_SECRET_KEY' );
		$salts    = '';
		foreach ( array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT' ) as $name ) {
			$salts .= defined( $name ) ? (string) constant( $name ) : '';
		}
		// The last resort keeps a site without salts working; Site Health should flag it.
		return new self( array( $current, $previous, '' !== $salts ? $salts : 'ai-failover-no-salts|' . ABSPATH ) );
	}

	/**
	 * Encrypts under the current secret.
	 *
	 * @param string $plaintext Secret to protect.
	 */
	public function seal( string $plaintext ): string {
		$kid   = (string) array_key_first( $this->keys );
		$nonce = random_bytes( SODIUM_CRYPTO_SECRETBOX_NONCEBYTES );
		$box   = sodium_crypto_secretbox( $plaintext, $nonce, $this->keys[ $kid ] );
		return self::PREFIX . ':' . $kid . ':' . base64_encode( $nonce . $box ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- binary ciphertext in a text option.
	}

	/**
	 * Decrypts, or null when no known secret opens it (changed secret, tampering, corruption).
	 *
	 * @param string $sealed Output of seal().
	 */
	public function open( string $sealed ): ?string {
		$parts = explode( ':', $sealed, 3 );
		if ( 3 !== count( $parts ) || self::PREFIX !== $parts[0] || ! isset( $this->keys[ $parts[1] ] ) ) {
			return null;
		}
		$raw = base64_decode( $parts[2], true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- see seal().
		if ( false === $raw || strlen( $raw ) <= SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ) {
			return null;
		}
		try {
			$plain = sodium_crypto_secretbox_open( substr( $raw, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ), substr( $raw, 0, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ), $this->keys[ $parts[1] ] );
		} catch ( \SodiumException $e ) {
			return null;
		}
		return false === $plain ? null : $plain;
	}

	/**
	 * Whether a sealed value uses an older secret and should be sealed again.
	 *
	 * @param string $sealed Output of seal().
	 */
	public function needs_reseal( string $sealed ): bool {
		return ! str_starts_with( $sealed, self::PREFIX . ':' . array_key_first( $this->keys ) . ':' );
	}

	/**
	 * Identifier of a derived key.
	 *
	 * @param string $key Derived key.
	 */
	private static function kid( string $key ): string {
		return substr( bin2hex( sodium_crypto_generichash( $key, '', 16 ) ), 0, 8 );
	}
}
