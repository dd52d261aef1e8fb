<?php
/**
 * The rig's site as each role sees it, over real HTTP.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Security;

/**
 * One user per role on the rig's site (WP_BASE_URL), each with a password for wp-login.php and an
 * application password for REST, created through core's own REST routes by the administrator and
 * deleted again by forget_users(). '' is the anonymous visitor, 'administrator' the rig's admin.
 */
final class Site {

	public const ROLES = array( '', 'subscriber', 'contributor', 'author', 'editor', 'administrator' );

	private const USER_PREFIX = 'aifo-security-';

	/** @var array<string, array{id: int, login: string, password: string, app_password: string}> */
	private static array $users = array();

	/** @var array<string, list<\WP_Http_Cookie>> */
	private static array $cookies = array();

	public static function base(): string {
		return rtrim( (string) getenv( 'WP_BASE_URL' ), '/' );
	}

	public static function available(): bool {
		return '' !== self::base() && '' !== (string) getenv( 'WP_APP_PASSWORD' );
	}

	/**
	 * A REST request as a role, authenticated by application password.
	 *
	 * @param string      $role   One of ROLES.
	 * @param string      $method Method.
	 * @param string      $route  Route under /wp-json, with any query string.
	 * @param string|null $body   Raw body (JSON).
	 * @return array{status: int, body: mixed, raw: string, headers: array<string, string>}
	 */
	public static function rest( string $role, string $method, string $route, ?string $body = null ): array {
		$headers = array( 'Content-Type' => 'application/json' );
		if ( '' !== $role ) {
			$user                     = self::user( $role );
			$headers['Authorization'] = 'Basic ' . base64_encode( $user['login'] . ':' . $user['app_password'] ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic auth.
		}
		return self::request( $method, '/wp-json' . $route, $body, $headers );
	}

	/**
	 * A request with the role's login cookies (no application password).
	 *
	 * @param string                $role    One of ROLES.
	 * @param string                $method  Method.
	 * @param string                $path    Path from the site root.
	 * @param string|null           $body    Raw body.
	 * @param array<string, string> $headers Extra headers.
	 * @return array{status: int, body: mixed, raw: string, headers: array<string, string>}
	 */
	public static function as_logged_in( string $role, string $method, string $path, ?string $body = null, array $headers = array() ): array {
		return self::request( $method, $path, $body, $headers + array( 'Content-Type' => 'application/json' ), '' === $role ? array() : self::cookies( $role ) );
	}

	/**
	 * The rig admin's application password, for setting up fixtures.
	 *
	 * @param string                    $method Method.
	 * @param string                    $route  Route under /wp-json.
	 * @param array<string, mixed>|null $body   JSON body.
	 * @return array{status: int, body: mixed, raw: string, headers: array<string, string>}
	 */
	public static function admin( string $method, string $route, ?array $body = null ): array {
		return self::request(
			$method,
			'/wp-json' . $route,
			null !== $body ? (string) wp_json_encode( $body ) : null,
			array(
				'Content-Type'  => 'application/json',
				'Authorization' => 'Basic ' . base64_encode( getenv( 'WP_ADMIN_USER' ) . ':' . getenv( 'WP_APP_PASSWORD' ) ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic auth.
			)
		);
	}

	/**
	 * Many administrator requests, $at_once at a time, for the suites that send hundreds.
	 *
	 * @param list<array{string, string, string|null}> $requests Method, route under /wp-json, raw body.
	 * @param int                                      $at_once  Requests in flight together.
	 * @return list<array{status: int, raw: string}> In the order given.
	 */
	public static function admin_many( array $requests, int $at_once = 4 ): array {
		return self::many( 'administrator', $requests, $at_once );
	}

	/**
	 * Many REST requests as a role (application password), $at_once at a time.
	 *
	 * @param string                                   $role     One of ROLES.
	 * @param list<array{string, string, string|null}> $requests Method, route under /wp-json, raw body.
	 * @param int                                      $at_once  Requests in flight together.
	 * @return list<array{status: int, raw: string}> In the order given.
	 */
	public static function many( string $role, array $requests, int $at_once = 4 ): array {
		$requests_class = class_exists( '\\WpOrg\\Requests\\Requests' ) ? '\\WpOrg\\Requests\\Requests' : '\\Requests';
		$headers        = array( 'Content-Type' => 'application/json' );
		if ( '' !== $role ) {
			$user                     = self::user( $role );
			$headers['Authorization'] = 'Basic ' . base64_encode( $user['login'] . ':' . $user['app_password'] ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic auth.
		}
		$out = array();
		foreach ( array_chunk( $requests, max( 1, $at_once ) ) as $chunk ) {
			$batch = array();
			foreach ( $chunk as list( $method, $route, $body ) ) {
				$batch[] = array(
					'url'     => self::base() . '/wp-json' . $route,
					'type'    => $method,
					'headers' => $headers,
					'data'    => $body ?? array(),
					'options' => array(
						'timeout'          => 60,
						'follow_redirects' => false,
						// As WP_Http does: a raw body even on DELETE, instead of a query string.
						'data_format'      => null !== $body ? 'body' : 'query',
					),
				);
			}
			$responses = $requests_class::request_multiple( $batch );
			ksort( $responses ); // Keyed like $batch, listed in the order they completed.
			foreach ( $responses as $response ) {
				$out[] = $response instanceof \Exception
					? array(
						'status' => 0,
						'raw'    => $response->getMessage(),
					)
					: array(
						'status' => (int) $response->status_code,
						'raw'    => (string) $response->body,
					);
			}
		}
		return $out;
	}

	/**
	 * @param string                      $method  Method.
	 * @param string                      $path    Path from the site root.
	 * @param string|null                 $body    Raw body.
	 * @param array<string, string>       $headers Headers.
	 * @param list<\WP_Http_Cookie>       $cookies Cookies.
	 * @return array{status: int, body: mixed, raw: string, headers: array<string, string>}
	 */
	public static function request( string $method, string $path, ?string $body, array $headers, array $cookies = array() ): array {
		$response = wp_remote_request(
			self::base() . $path,
			array(
				'method'      => $method,
				'timeout'     => 60,
				'redirection' => 0,
				'headers'     => $headers,
				'cookies'     => $cookies,
				'body'        => $body,
			)
		);
		if ( is_wp_error( $response ) ) {
			throw new \RuntimeException( "$method $path: " . $response->get_error_message() );
		}
		$out = array();
		foreach ( wp_remote_retrieve_headers( $response ) as $name => $value ) {
			$out[ strtolower( (string) $name ) ] = is_array( $value ) ? implode( ', ', $value ) : (string) $value;
		}
		$raw = wp_remote_retrieve_body( $response );
		return array(
			'status'  => (int) wp_remote_retrieve_response_code( $response ),
			'body'    => json_decode( $raw, true ),
			'raw'     => $raw,
			'headers' => $out,
		);
	}

	/**
	 * The role's user, created on first use.
	 *
	 * @param string $role Role.
	 * @return array{id: int, login: string, password: string, app_password: string}
	 */
	public static function user( string $role ): array {
		if ( 'administrator' === $role ) {
			return array(
				'id'           => 1,
				'login'        => (string) getenv( 'WP_ADMIN_USER' ),
				'password'     => (string) getenv( 'WP_ADMIN_PASS' ),
				'app_password' => (string) getenv( 'WP_APP_PASSWORD' ),
			);
		}
		if ( isset( self::$users[ $role ] ) ) {
			return self::$users[ $role ];
		}
		$login    = self::USER_PREFIX . $role;
		$password = wp_generate_password( 24, false );
		self::delete_user( $login );
		$created = self::admin(
			'POST',
			'/wp/v2/users',
			array(
				'username' => $login,
				'password' => $password,
				'email'    => $login . '@example.org',
				'roles'    => array( $role ),
			)
		);
		if ( 201 !== $created['status'] ) {
			throw new \RuntimeException( "Could not create the $role user: " . $created['raw'] );
		}
		$id  = (int) $created['body']['id'];
		$app = self::admin( 'POST', '/wp/v2/users/' . $id . '/application-passwords', array( 'name' => 'security suite' ) );
		if ( 201 !== $app['status'] ) {
			throw new \RuntimeException( "Could not create the $role application password: " . $app['raw'] );
		}
		self::$users[ $role ] = array(
			'id'           => $id,
			'login'        => $login,
			'password'     => $password,
			'app_password' => (string) $app['body']['password'],
		);
		return self::$users[ $role ];
	}

	/**
	 * Logs the role in through wp-login.php.
	 *
	 * @param string $role Role.
	 * @return list<\WP_Http_Cookie>
	 */
	public static function cookies( string $role ): array {
		if ( isset( self::$cookies[ $role ] ) ) {
			return self::$cookies[ $role ];
		}
		$user     = self::user( $role );
		$response = wp_remote_post(
			self::base() . '/wp-login.php',
			array(
				'redirection' => 0,
				'cookies'     => array(
					new \WP_Http_Cookie(
						array(
							'name'  => 'wordpress_test_cookie',
							'value' => 'WP Cookie check',
						)
					),
				),
				'body'        => array(
					'log'        => $user['login'],
					'pwd'        => $user['password'],
					'wp-submit'  => 'Log In',
					'testcookie' => '1',
				),
			)
		);
		$cookies  = is_wp_error( $response ) ? array() : array_values( wp_remote_retrieve_cookies( $response ) );
		$names    = array_map( static fn( \WP_Http_Cookie $cookie ): string => (string) $cookie->name, $cookies );
		if ( ! preg_grep( '/^wordpress_logged_in_/', $names ) ) {
			throw new \RuntimeException( "The $role user could not log in." );
		}
		self::$cookies[ $role ] = $cookies;
		return $cookies;
	}

	/**
	 * The REST nonce of a logged-in role, as wp-admin hands it to its scripts.
	 *
	 * @param string $role Role.
	 */
	public static function rest_nonce( string $role ): string {
		$nonce = self::as_logged_in( $role, 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce' )['raw'];
		if ( ! preg_match( '/^[0-9a-f]{10}$/', $nonce ) ) {
			throw new \RuntimeException( "No REST nonce for $role: $nonce" );
		}
		return $nonce;
	}

	/**
	 * Deletes the users this class created.
	 */
	public static function forget_users(): void {
		foreach ( array_keys( self::$users ) as $role ) {
			self::delete_user( self::USER_PREFIX . $role );
		}
		self::$users   = array();
		self::$cookies = array();
	}

	private static function delete_user( string $login ): void {
		$found = self::admin( 'GET', '/wp/v2/users?context=edit&slug=' . rawurlencode( $login ) );
		foreach ( is_array( $found['body'] ) ? $found['body'] : array() as $user ) {
			if ( is_array( $user ) && isset( $user['id'] ) ) {
				self::admin( 'DELETE', '/wp/v2/users/' . (int) $user['id'] . '?force=true&reassign=1' );
			}
		}
	}
}
