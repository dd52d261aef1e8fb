<?php
/**
 * A run's server-sent events, written to the client as they happen.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Contracts\Stream_Listener;
use AI_Failover\Engine\Outcome;

/**
 * The wire side of the streaming contract: `attempt` (each attempt as it ends), `fallback` (the run
 * moves on), `delta` ({text}), then exactly one of `done`, `incomplete` or `failed` with the whole
 * result. Every event is flushed as it is written.
 *
 * With output checks (`validate`), text cannot be taken back once sent, so an attempt's deltas are
 * held until that attempt has passed the checks and then sent together, just before its `attempt`
 * event; an answer that fails them never reaches the client, and the next route's text can follow
 * without a splice.
 *
 * @since 0.2.0
 */
final class Sse_Stream implements Stream_Listener {

	/**
	 * Deltas held back until their attempt passed the output checks.
	 *
	 * @var list<string>
	 */
	private array $held = array();

	/**
	 * @param resource $out       Where to write (php://output on a live response).
	 * @param bool     $hold_text Whether deltas wait for their attempt's output checks.
	 */
	public function __construct(
		private $out,
		private readonly bool $hold_text = false,
	) {
	}

	public function on_event( string $event, array $data ): void {
		if ( 'attempt' === $event && $this->held ) {
			if ( in_array( $data['outcome'] ?? '', array( Outcome::Success->value, Outcome::Incomplete->value ), true ) ) {
				$this->send( 'delta', array( 'text' => implode( '', $this->held ) ) );
			}
			$this->held = array();
		}
		$this->send( $event, $data );
	}

	public function on_delta( string $text ): bool {
		if ( $this->hold_text ) {
			$this->held[] = $text;
		} else {
			$this->send( 'delta', array( 'text' => $text ) );
		}
		// PHP notices a client that left when a flush fails (the run goes on: ignore_user_abort).
		return 0 === connection_aborted();
	}

	/**
	 * The last event, named after the run's status, with the whole result.
	 *
	 * @param array<string, mixed> $result Run_Result::to_array().
	 */
	public function finish( array $result ): void {
		$this->send( self::final_event( (string) ( $result['status'] ?? '' ) ), $result );
	}

	/**
	 * The terminal event for a run status.
	 *
	 * @param string $status Run status.
	 */
	public static function final_event( string $status ): string {
		return array(
			'success'    => 'done',
			'incomplete' => 'incomplete',
		)[ $status ] ?? 'failed';
	}

	/**
	 * @param string $event Event name.
	 * @param mixed  $data  JSON data.
	 */
	private function send( string $event, mixed $data ): void {
		fwrite( $this->out, 'event: ' . $event . "\n" . 'data: ' . wp_json_encode( $data ) . "\n\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fwrite -- the response stream.
		fflush( $this->out );
		// Past PHP's own buffers: the SAPI (php-fpm) hands the event to the web server now.
		flush();
	}
}
