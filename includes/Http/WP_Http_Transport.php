<?php
/**
 * The only caller of the WordPress HTTP API.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Http;

use AI_Failover\Contracts\Http_Transport;

/**
 * Sends requests with wp_remote_request() and turns WP_Error into a classified transport failure.
 *
 * Two things WordPress's HTTP API has no argument for are done through its own hooks, and only
 * while this transport's request is in flight:
 *
 * - The body as it arrives: Requests reports every piece it receives (`request.progress`, which
 *   WP_HTTP_Requests_Hooks fires as the `requests-request.progress` action, in WordPress 6.1's
 *   Requests 1.8 and in the WpOrg\Requests 2.x of 6.2+ alike). Each piece goes to the request's
 *   body receiver at once, and is kept, so a stream cut mid-way still leaves what arrived. A
 *   receiver that wants no more (its client went away) stops the transfer.
 * - Exact limits on cURL (`http_api_curl` hands over the handle): the connect timeout, and a
 *   total timeout in milliseconds (the API's `timeout` is at least 1 s, which would overrun a
 *   remaining budget of 498 ms). The first-byte timeout is the same timer: cURL's timeout starts
 *   at min(first byte, total) and is moved to the total when the first body byte arrives. cURL
 *   reads it on every pass of its loop, so it fires on time, sub-second values included (a
 *   progress callback is only called about once a second while nothing arrives, and cURL's
 *   low-speed limit works in whole seconds averaged over about five).
 * - A receiver's hold (Http_Request::$hold_ms, the throughput probe): while it holds, the same
 *   timer is brought forward to the end of the hold, so a stream that stalls is ended then; once
 *   it no longer holds, the total limit is back. A timer brought forward is read when cURL next
 *   wakes, which it does at least once a second while nothing arrives: a hold of up to a second
 *   ends on time, a longer one at most a second late.
 *
 * Without the cURL extension, Requests' socket transport still relays the body, but the limits
 * are the API's own (at least 1 s, no first-byte timer).
 *
 * @since 0.1.0
 */
final class WP_Http_Transport implements Http_Transport {

	/**
	 * The request in flight: its limits, its cURL handle, and what has arrived.
	 *
	 * @var array{connect_ms: int, total_ms: int, first_byte_ms: int, on_body: (\Closure(string, int): bool)|null, hold_ms: (\Closure(): ?float)|null, limit_ms: int, started: float, handle: \CurlHandle|null, body: string, first_byte: bool, status: int, stopped: bool}|null
	 */
	private ?array $flight = null;

	/**
	 * Judges and pins where each request goes.
	 *
	 * @var Destination_Guard
	 */
	private readonly Destination_Guard $guard;

	/**
	 * @param Destination_Guard|null $guard URL policy at call time; the DNS-backed one by default.
	 */
	public function __construct( ?Destination_Guard $guard = null ) {
		$this->guard = $guard ?? new Destination_Guard( new Dns_Resolver() );
	}

	public function send( Http_Request $request ): Http_Response {
		$stream = $this->is_stream( $request );
		$args   = array(
			'method'             => $request->method,
			'headers'            => $request->headers,
			'body'               => $request->body ?? '',
			// The exact limit is set on the cURL handle; this only matters without cURL.
			'timeout'            => max( 0.001, $request->timeout_ms / 1000 ),
			'redirection'        => 0,
			'reject_unsafe_urls' => ! $request->allow_private_network,
			'user-agent'         => 'AI-Failover/' . ( defined( 'AIFO_VERSION' ) ? AIFO_VERSION : 'dev' ) . '; WordPress',
		);

		$this->flight = array(
			'connect_ms'    => max( 1, min( $request->connect_timeout_ms, $request->timeout_ms ) ),
			'total_ms'      => max( 1, $request->timeout_ms ),
			'first_byte_ms' => $request->first_byte_timeout_ms > 0 && $request->first_byte_timeout_ms < $request->timeout_ms ? $request->first_byte_timeout_ms : 0,
			'on_body'       => $request->on_body,
			'hold_ms'       => $request->hold_ms,
			'limit_ms'      => 0,
			'started'       => microtime( true ),
			'handle'        => null,
			'body'          => '',
			'first_byte'    => false,
			'status'        => 0,
			'stopped'       => false,
		);
		add_action( 'http_api_curl', array( $this, 'apply_curl_limits' ) );
		add_action( 'requests-request.progress', array( $this, 'receive_body' ) );
		$started = microtime( true );
		try {
			$response = $this->guard->around( $request->allow_private_network, static fn() => wp_remote_request( $request->url, $args ) );
		} finally {
			remove_action( 'http_api_curl', array( $this, 'apply_curl_limits' ) );
			remove_action( 'requests-request.progress', array( $this, 'receive_body' ) );
			$flight = $this->land();
		}
		$duration = ( microtime( true ) - $started ) * 1000;

		if ( is_wp_error( $response ) ) {
			$message = $response->get_error_message();
			$kind    = self::failure_kind( $message );
			if ( $flight['stopped'] ) {
				return new Http_Response( $flight['status'] > 0 ? $flight['status'] : 200, array(), $flight['body'], null, 'stopped: the receiver wanted no more', $duration, true );
			}
			if ( 'truncated' === $kind || ( $stream && $flight['first_byte'] ) ) {
				// The body stopped mid-way (a cut, or time ran out during a stream): what arrived
				// before is still worth reading.
				return new Http_Response( $flight['status'] > 0 ? $flight['status'] : 200, array(), $flight['body'], null, $message, $duration, true, Http_Response::FAILURE_TIMEOUT === $kind );
			}
			if ( Http_Response::FAILURE_TIMEOUT === $kind && $flight['first_byte_ms'] > 0 && ! $flight['first_byte'] && $duration < $flight['total_ms'] ) {
				/* translators: 1: Milliseconds, 2: Transport message. */
				$message = sprintf( __( 'No response within the first-byte timeout of %1$d ms (%2$s).', 'ai-failover' ), $flight['first_byte_ms'], $message );
			}
			return Http_Response::failed( $kind, $message, $duration );
		}

		$headers = array();
		foreach ( wp_remote_retrieve_headers( $response ) as $name => $value ) {
			$headers[ strtolower( (string) $name ) ] = is_array( $value ) ? implode( ', ', $value ) : (string) $value;
		}
		return new Http_Response(
			(int) wp_remote_retrieve_response_code( $response ),
			$headers,
			wp_remote_retrieve_body( $response ),
			null,
			'',
			$duration
		);
	}

	/**
	 * Sets the limits WordPress's HTTP API has no argument for (the `http_api_curl` action, fired
	 * just before cURL starts).
	 *
	 * @param mixed $handle cURL handle.
	 */
	public function apply_curl_limits( $handle ): void {
		if ( null === $this->flight || ! $handle instanceof \CurlHandle ) {
			return;
		}
		$this->flight['handle'] = $handle;
		// cURL starts right after this hook: a hold's end is counted from here, as cURL counts its timer.
		$this->flight['started'] = microtime( true );
		// phpcs:disable WordPress.WP.AlternativeFunctions.curl_curl_setopt -- inside the HTTP API's own hook.
		// Sub-second timeouts need cURL not to use signals (its synchronous resolver would).
		curl_setopt( $handle, CURLOPT_NOSIGNAL, true );
		curl_setopt( $handle, CURLOPT_CONNECTTIMEOUT_MS, $this->flight['connect_ms'] );
		curl_setopt( $handle, CURLOPT_TIMEOUT_MS, $this->flight['first_byte_ms'] > 0 ? $this->flight['first_byte_ms'] : $this->flight['total_ms'] );
		// phpcs:enable
	}

	/**
	 * Takes each piece of the body as Requests receives it (the `requests-request.progress` action).
	 *
	 * @param mixed $data Bytes received.
	 */
	public function receive_body( $data ): void {
		if ( null === $this->flight || ! is_string( $data ) || '' === $data ) {
			return;
		}
		if ( ! $this->flight['first_byte'] ) {
			$this->flight['first_byte'] = true;
			$handle                     = $this->flight['handle'];
			if ( null !== $handle ) {
				$this->flight['status'] = (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_getinfo -- the HTTP API's own handle, mid-transfer.
				if ( $this->flight['first_byte_ms'] > 0 ) {
					// The first byte is in: from now on only the total limit (counted from the start) applies.
					curl_setopt( $handle, CURLOPT_TIMEOUT_MS, $this->flight['total_ms'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_setopt -- inside the HTTP API's own hook.
				}
			}
		}
		$this->flight['body'] .= $data;
		$receiver              = $this->flight['on_body'];
		$handle                = $this->flight['handle'];
		if ( null === $receiver ) {
			return;
		}
		try {
			$wanted = $receiver( $data, $this->flight['status'] > 0 ? $this->flight['status'] : 200 );
		} catch ( \Throwable $error ) {
			// A receiver that fails must not break the transfer; the body is still collected.
			$this->flight['on_body'] = null;
			return;
		}
		if ( false === $wanted && null !== $handle && null !== $this->flight ) {
			// Nobody wants the rest: a timeout already past ends the transfer on cURL's next pass,
			// which closes the connection, so the provider stops generating.
			$this->flight['stopped'] = true;
			$this->flight['on_body'] = null;
			curl_setopt( $handle, CURLOPT_TIMEOUT_MS, 1 ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_setopt -- inside the HTTP API's own hook.
			return;
		}
		$this->follow_hold();
	}

	/**
	 * Moves cURL's timer to the end of the receiver's hold while it holds (counted, like the
	 * timer, from the start of the request), and back to the total limit once it no longer does.
	 */
	private function follow_hold(): void {
		$flight = $this->flight;
		if ( null === $flight || null === $flight['hold_ms'] || null === $flight['handle'] ) {
			return;
		}
		$left = ( $flight['hold_ms'] )();
		if ( null === $this->flight ) {
			return;
		}
		if ( null === $left ) {
			if ( $flight['limit_ms'] > 0 ) {
				// It held and no longer does (released): the total limit is back, for the rest of the request.
				$this->flight['hold_ms'] = null;
				curl_setopt( $flight['handle'], CURLOPT_TIMEOUT_MS, $flight['total_ms'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_setopt -- inside the HTTP API's own hook.
			}
			return;
		}
		$limit = (int) min( $flight['total_ms'], ceil( ( microtime( true ) - $flight['started'] ) * 1000 + max( 1.0, $left ) ) );
		if ( $limit !== $flight['limit_ms'] ) {
			$this->flight['limit_ms'] = $limit;
			curl_setopt( $flight['handle'], CURLOPT_TIMEOUT_MS, $limit ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_setopt -- inside the HTTP API's own hook.
		}
	}

	/**
	 * Ends the request in flight and returns what the hooks collected during it.
	 *
	 * @return array{connect_ms: int, total_ms: int, first_byte_ms: int, on_body: (\Closure(string, int): bool)|null, hold_ms: (\Closure(): ?float)|null, limit_ms: int, started: float, handle: \CurlHandle|null, body: string, first_byte: bool, status: int, stopped: bool}
	 * @throws \LogicException Never: send() starts a flight before it lands.
	 */
	private function land(): array {
		$flight       = $this->flight ?? throw new \LogicException( 'No request in flight.' );
		$this->flight = null;
		return $flight;
	}

	/**
	 * Maps a transport error message to a failure kind.
	 *
	 * @param string $message WP_Error message (cURL or streams).
	 * @return string Http_Response::FAILURE_* or 'truncated'.
	 */
	public static function failure_kind( string $message ): string {
		if ( preg_match( '/cURL error (18|56)\b|transfer closed|Connection reset by peer/i', $message ) ) {
			return 'truncated';
		}
		if ( preg_match( '/cURL error 28\b|timed out|timeout/i', $message ) ) {
			return Http_Response::FAILURE_TIMEOUT;
		}
		if ( str_starts_with( $message, Destination_Guard::REFUSED_PREFIX ) || preg_match( '/valid URL was not provided|blocked requests through HTTP/i', $message ) ) {
			return Http_Response::FAILURE_BLOCKED;
		}
		return Http_Response::FAILURE_UNREACHABLE;
	}

	/**
	 * Whether the request asks for an event stream.
	 *
	 * @param Http_Request $request Request.
	 */
	private function is_stream( Http_Request $request ): bool {
		foreach ( $request->headers as $name => $value ) {
			if ( 'accept' === strtolower( $name ) && str_contains( $value, 'text/event-stream' ) ) {
				return true;
			}
		}
		return false;
	}
}
