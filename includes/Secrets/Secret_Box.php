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
 * missing). The current secret, the only one anything is sealed with, is the AIFO_SECRET_KEY constant
 * or environment variable when one is set, else the site's wp-config salts: never the previous one.
 * Older secrets only ever open: AIFO_PREVIOUS_SECRET_KEY (whichever direction the change went), and
 * the salts while an explicit key is set. So every change of secret is lossless once Key_Vault has
 * re-sealed, and each define can be removed afterwards.
 *
 * Sealed format: "aifo1:<kid>:<base64(nonce . ciphertext)>", kid = 8 hex chars identifying the
 * secret (a hash of the derived key, which reveals nothing about it).
 *
 * @since 0.1.0
 */
final class Secret_Box {

	private const PREFIX = 'aifo1';

	/**
	 * Kid of the derived key everything is sealed with.
	 *
	 * @var string
	 */
	private readonly string $current_kid;

	/**
	 * Derived keys that open, by kid; the current one included.
	 *
	 * @var array<string, string>
	 */
	private array $keys = array();

	/**
	 * @param string       $current Secret new values are sealed with.
	 * @param list<string> $older   Secrets that only open older values. Empty strings are skipped.
	 * @throws \InvalidArgumentException When the current secret is empty.
	 */
	public function __construct( #[\SensitiveParameter] string $current, #[\SensitiveParameter] array $older = array() ) {
		if ( '' === $current ) {
			throw new \InvalidArgumentException( 'Secret_Box needs a current secret.' );
		}
		$this->current_kid = $this->add_secret( $current );
		foreach ( $older as $secret ) {
			if ( '' !== $secret ) {
				$this->add_secret( $secret );
			}
		}
	}

	/**
	 * The box for this site, from its defines and environment.
	 */
	public static function from_site(): self {
		$salts = '';
		foreach ( array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT' ) as $name ) {
			$salts .= defined( $name ) ? (string) constant( $name ) : '';
		}
		// The last resort keeps a site without salts working; Site Health should flag it.
		return self::for_secrets( self::setting( 'AIFO_SECRET_KEY' ), self::setting( 'AIFO_PREVIOUS_SECRET_KEY' ), '' !== $salts ? $salts : 'ai-failover-no-salts|' . ABSPATH );
	}

	/**
	 * Which secret seals and which only open: the explicit key when set, else the salts, seal;
	 * the previous key (and the salts behind an explicit key) only open.
	 *
	 * @param string $explicit AIFO_SECRET_KEY, '' when not set.
	 * @param string $previous AIFO_PREVIOUS_SECRET_KEY, '' when not set.
	 * @param string $salts    The wp-config salts (never empty).
	 */
	public static function for_secrets( #[\SensitiveParameter] string $explicit, #[\SensitiveParameter] string $previous, #[\SensitiveParameter] string $salts ): self {
		return '' !== $explicit ? new self( $explicit, array( $previous, $salts ) ) : new self( $salts, array( $previous ) );
	}

	/**
	 * Encrypts under the current secret.
	 *
	 * @param string $plaintext Secret to protect.
	 */
	public function seal( #[\SensitiveParameter] string $plaintext ): string {
		$nonce = random_bytes( SODIUM_CRYPTO_SECRETBOX_NONCEBYTES );
		$box   = sodium_crypto_secretbox( $plaintext, $nonce, $this->keys[ $this->current_kid ] );
		return self::PREFIX . ':' . $this->current_kid . ':' . base64_encode( $nonce . $box ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- binary ciphertext in a text option.
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
		return ! str_starts_with( $sealed, self::PREFIX . ':' . $this->current_kid . ':' );
	}

	/**
	 * Derives a secret's key and lists it.
	 *
	 * @param string $secret Secret.
	 * @return string Its kid.
	 */
	private function add_secret( #[\SensitiveParameter] string $secret ): string {
		$key                = sodium_crypto_generichash( 'ai-failover key vault v1|' . $secret, '', SODIUM_CRYPTO_SECRETBOX_KEYBYTES );
		$kid                = self::kid( $key );
		$this->keys[ $kid ] = $key;
		return $kid;
	}

	/**
	 * A define, else the environment variable of that name, else ''.
	 *
	 * @param string $name Constant / variable name.
	 */
	private static function setting( string $name ): string {
		if ( defined( $name ) ) {
			return (string) constant( $name );
		}
		$env = getenv( $name );
		return is_string( $env ) ? $env : '';
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
