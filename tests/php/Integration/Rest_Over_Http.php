<?php
/**
 * Real HTTP requests to the rig's site.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration;

/**
 * Sends REST requests over HTTP to the rig's WordPress (WP_BASE_URL, the admin's application
 * password), so a route runs on a request that loads only what WordPress loads for REST. That
 * site has its own database: whatever a test creates there it deletes itself.
 */
trait Rest_Over_Http {

	/**
	 * Skips the test when the rig's site is not reachable.
	 */
	protected function require_site(): string {
		$base = (string) getenv( 'WP_BASE_URL' );
		if ( '' === $base || '' === (string) getenv( 'WP_APP_PASSWORD' ) ) {
			$this->markTestSkipped( 'WP_BASE_URL / WP_APP_PASSWORD not set: source .rig/<name>/env.sh.' );
		}
		return $base;
	}

	/**
	 * One request; the decoded JSON body with the status and headers.
	 *
	 * @param string                    $method Method.
	 * @param string                    $route  Route under /wp-json, such as /ai-failover/v1/settings.
	 * @param array<string, mixed>|null $body   JSON body.
	 * @param array<string, string>     $extra  More request headers.
	 * @return array{status: int, body: mixed, raw: string, headers: array<string, string>}
	 */
	protected function http( string $method, string $route, ?array $body = null, array $extra = array() ): array {
		$response = wp_remote_request(
			rtrim( $this->require_site(), '/' ) . '/wp-json' . $route,
			array(
				'method'  => $method,
				'timeout' => 30,
				'headers' => array(
					'Authorization' => 'Basic ' . base64_encode( getenv( 'WP_ADMIN_USER' ) . ':' . getenv( 'WP_APP_PASSWORD' ) ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic auth.
					'Content-Type'  => 'application/json',
				) + $extra,
				'body'    => null !== $body ? (string) wp_json_encode( $body ) : null,
			)
		);
		$this->assert_not_wp_error( $response );
		$headers = array();
		foreach ( wp_remote_retrieve_headers( $response ) as $name => $value ) {
			$headers[ strtolower( (string) $name ) ] = is_array( $value ) ? implode( ', ', $value ) : (string) $value;
		}
		$raw = wp_remote_retrieve_body( $response );
		return array(
			'status'  => (int) wp_remote_retrieve_response_code( $response ),
			'body'    => json_decode( $raw, true ),
			'raw'     => $raw,
			'headers' => $headers,
		);
	}

	/**
	 * @param mixed $value Value.
	 */
	private function assert_not_wp_error( $value ): void {
		$this->assertFalse( is_wp_error( $value ), is_wp_error( $value ) ? $value->get_error_message() : '' );
	}
}
