<?php
/**
 * The rig's WordPress as a client sees it: over HTTP, through nginx and php-fpm.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

/**
 * REST calls to the running rig site (its own database, not the test database) with the admin's
 * application password, a server-sent-events client that timestamps every event as it arrives,
 * and a private fake provider with its own stream pace. A request served this way loads only what
 * WordPress loads for REST: no wp-admin includes, unlike the PHPUnit process.
 */
final class Rig_Site {

	/**
	 * The private fake provider process.
	 *
	 * @var resource|null
	 */
	private static $fake = null;

	/** Its base URL. */
	private static string $fake_url = '';

	/**
	 * The site's base URL, or null when the rig's env.sh was not sourced.
	 */
	public static function base_url(): ?string {
		$url = getenv( 'WP_BASE_URL' );
		return is_string( $url ) && '' !== $url && '' !== (string) getenv( 'WP_APP_PASSWORD' ) ? rtrim( $url, '/' ) : null;
	}

	/**
	 * Starts a fake provider of our own (the shared one paces streams at 5 ms a frame), once.
	 *
	 * @param int $chunk_delay_ms Pause between stream frames.
	 * @return string Its base URL.
	 */
	public static function fake_provider( int $chunk_delay_ms ): string {
		if ( null !== self::$fake ) {
			return self::$fake_url;
		}
		$command    = array( 'node', dirname( __DIR__, 3 ) . '/fake-provider/server.mjs', '--port', '0', '--chunk-delay-ms', (string) $chunk_delay_ms, '--hang-max-ms', '15000' );
		$pipes      = array();
		$process    = proc_open(
			$command,
			array(
				1 => array( 'pipe', 'w' ),
				2 => array(
					'file',
					'/dev/null',
					'a',
				),
			),
			$pipes
		);
		$line       = is_resource( $process ) ? (string) fgets( $pipes[1] ) : '';
		self::$fake = is_resource( $process ) ? $process : null;
		if ( ! preg_match( '#listening on (http://\S+)#', $line, $match ) ) {
			throw new \RuntimeException( 'The fake provider did not start: ' . $line );
		}
		self::$fake_url = $match[1];
		return self::$fake_url;
	}

	/**
	 * Stops the private fake provider.
	 */
	public static function stop_fake_provider(): void {
		if ( null !== self::$fake ) {
			proc_terminate( self::$fake );
			proc_close( self::$fake );
		}
		self::$fake = null;
	}

	/**
	 * Routes the private fake provider served, oldest first.
	 *
	 * @return list<string>
	 */
	public static function fake_routes(): array {
		$log = json_decode( (string) file_get_contents( self::$fake_url . '/__requests' ), true );
		return array_map( static fn( $entry ) => (string) $entry['route'], is_array( $log ) ? $log : array() );
	}

	/**
	 * What the private fake provider logged about each request, oldest first.
	 *
	 * @return list<array<string, mixed>>
	 */
	public static function fake_requests(): array {
		$log = json_decode( (string) file_get_contents( self::$fake_url . '/__requests' ), true );
		return is_array( $log ) ? array_values( $log ) : array();
	}

	/**
	 * Forgets what the private fake provider served.
	 */
	public static function reset_fake_provider(): void {
		file_get_contents( self::$fake_url . '/__reset', false, stream_context_create( array( 'http' => array( 'method' => 'POST' ) ) ) );
	}

	/**
	 * A REST call as the admin.
	 *
	 * @param string                    $method  Method.
	 * @param string                    $route   Route under /wp-json.
	 * @param array<string, mixed>|null $body    JSON body.
	 * @param list<string>              $headers Extra request headers ("Name: value").
	 * @return array{status: int, body: mixed}
	 */
	public static function rest( string $method, string $route, ?array $body = null, array $headers = array() ): array {
		$handle = self::handle( $route );
		if ( $headers ) {
			curl_setopt( $handle, CURLOPT_HTTPHEADER, array_merge( array( 'Content-Type: application/json' ), $headers ) );
		}
		curl_setopt( $handle, CURLOPT_CUSTOMREQUEST, $method );
		curl_setopt( $handle, CURLOPT_RETURNTRANSFER, true );
		if ( null !== $body ) {
			curl_setopt( $handle, CURLOPT_POSTFIELDS, (string) wp_json_encode( $body ) );
		}
		$raw = curl_exec( $handle );
		return array(
			'status' => (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ),
			'body'   => json_decode( is_string( $raw ) ? $raw : '', true ),
		);
	}

	/**
	 * POSTs the same run to each feature all at once (curl_multi: every request is in flight
	 * before any answers), as concurrent visitors do.
	 *
	 * @param list<string>         $features Feature ids, one request each.
	 * @param array<string, mixed> $body     Run request.
	 * @return list<array{status: int, body: mixed}> In the order given.
	 */
	public static function parallel_runs( array $features, array $body ): array {
		$multi   = curl_multi_init();
		$handles = array();
		foreach ( $features as $feature ) {
			$handle = self::handle( '/ai-failover/v1/features/' . $feature . '/run' );
			curl_setopt( $handle, CURLOPT_POST, true );
			curl_setopt( $handle, CURLOPT_POSTFIELDS, (string) wp_json_encode( $body ) );
			curl_setopt( $handle, CURLOPT_RETURNTRANSFER, true );
			curl_multi_add_handle( $multi, $handle );
			$handles[] = $handle;
		}
		do {
			$status = curl_multi_exec( $multi, $running );
			if ( $running ) {
				curl_multi_select( $multi, 1.0 );
			}
		} while ( $running && CURLM_OK === $status );
		$answers = array();
		foreach ( $handles as $handle ) {
			$answers[] = array(
				'status' => (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ),
				'body'   => json_decode( (string) curl_multi_getcontent( $handle ), true ),
			);
			curl_multi_remove_handle( $multi, $handle );
		}
		curl_multi_close( $multi );
		return $answers;
	}

	/**
	 * POSTs a run with `stream: true` and reads the server-sent events as they arrive.
	 *
	 * @param string               $feature Feature id.
	 * @param array<string, mixed> $body    Run request.
	 * @param bool                 $leave   Hang up as soon as the first delta arrived, as a closed browser tab does.
	 * @return array{status: int, headers: array<string, string>, events: list<array{event: string, data: mixed, at_ms: float}>, elapsed_ms: float, rest: string}
	 */
	public static function stream_run( string $feature, array $body, bool $leave = false ): array {
		$events  = array();
		$headers = array();
		$buffer  = '';
		$handle  = self::handle( '/ai-failover/v1/features/' . $feature . '/run' );
		$started = microtime( true );
		curl_setopt( $handle, CURLOPT_POSTFIELDS, (string) wp_json_encode( $body + array( 'stream' => true ) ) );
		curl_setopt(
			$handle,
			CURLOPT_HEADERFUNCTION,
			static function ( $handle, string $line ) use ( &$headers ): int {
				$parts = explode( ':', $line, 2 );
				if ( 2 === count( $parts ) ) {
					$headers[ strtolower( trim( $parts[0] ) ) ] = trim( $parts[1] );
				}
				return strlen( $line );
			}
		);
		curl_setopt(
			$handle,
			CURLOPT_WRITEFUNCTION,
			static function ( $handle, string $data ) use ( &$buffer, &$events, $started, $leave ): int {
				$buffer .= $data;
				for ( $end = strpos( $buffer, "\n\n" ); false !== $end; $end = strpos( $buffer, "\n\n" ) ) {
					$block  = substr( $buffer, 0, $end );
					$buffer = substr( $buffer, $end + 2 );
					$name   = 'message';
					$lines  = array();
					foreach ( explode( "\n", $block ) as $line ) {
						if ( str_starts_with( $line, 'event: ' ) ) {
							$name = substr( $line, 7 );
						} elseif ( str_starts_with( $line, 'data: ' ) ) {
							$lines[] = substr( $line, 6 );
						}
					}
					if ( $lines ) {
						$events[] = array(
							'event' => $name,
							'data'  => json_decode( implode( "\n", $lines ), true ),
							'at_ms' => ( microtime( true ) - $started ) * 1000,
						);
					}
				}
				return $leave && in_array( 'delta', array_column( $events, 'event' ), true ) ? 0 : strlen( $data );
			}
		);
		curl_exec( $handle );
		return array(
			'status'     => (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ),
			'headers'    => $headers,
			'events'     => $events,
			'elapsed_ms' => ( microtime( true ) - $started ) * 1000,
			'rest'       => $buffer,
		);
	}

	/**
	 * Lines PHP logged (php-fpm's error_log: web requests' warnings go there, not to debug.log).
	 *
	 * @return list<string>
	 */
	public static function php_log(): array {
		$file = dirname( (string) getenv( 'WP_DEBUG_LOG_FILE' ) ) . '/php-errors.log';
		return is_readable( $file ) ? (array) file( $file, FILE_IGNORE_NEW_LINES ) : array();
	}

	/**
	 * @param string $route Route under /wp-json.
	 */
	private static function handle( string $route ): \CurlHandle {
		$handle = curl_init( (string) self::base_url() . '/wp-json' . $route );
		curl_setopt( $handle, CURLOPT_USERPWD, (string) getenv( 'WP_ADMIN_USER' ) . ':' . (string) getenv( 'WP_APP_PASSWORD' ) );
		curl_setopt( $handle, CURLOPT_HTTPHEADER, array( 'Content-Type: application/json' ) );
		curl_setopt( $handle, CURLOPT_TIMEOUT, 30 );
		return $handle;
	}
}
