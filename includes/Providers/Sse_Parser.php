<?php
/**
 * Server-sent events parsing.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

/**
 * Splits an event stream into events, per the WHATWG format all three providers use: whole
 * (parse()) or as the bytes arrive (feed(), one parser per stream).
 *
 * @since 0.1.0
 */
final class Sse_Parser {

	/**
	 * Bytes received after the last complete event.
	 *
	 * @var string
	 */
	private string $pending = '';

	/**
	 * Takes the next bytes of a stream and returns the events they complete. Chunks split events,
	 * lines and even a CRLF anywhere; an event counts only once its blank line has arrived.
	 *
	 * @param string $chunk Bytes as received.
	 * @return list<array{event: string, data: string}>
	 */
	public function feed( string $chunk ): array {
		$text = $this->pending . $chunk;
		// A CR at the very end may be the first half of a CRLF: keep it for the next chunk.
		$held = str_ends_with( $text, "\r" ) ? "\r" : '';
		$text = str_replace( array( "\r\n", "\r" ), "\n", '' === $held ? $text : substr( $text, 0, -1 ) );
		$end  = strrpos( $text, "\n\n" );
		if ( false === $end ) {
			$this->pending = $text . $held;
			return array();
		}
		$this->pending = substr( $text, $end + 2 ) . $held;
		return self::parse( substr( $text, 0, $end + 2 ) );
	}

	/**
	 * Parses a whole (possibly cut) stream. A final event without its blank-line terminator is
	 * dropped: a half-received event must not count as data.
	 *
	 * @param string $stream Raw body.
	 * @return list<array{event: string, data: string}>
	 */
	public static function parse( string $stream ): array {
		$stream = str_replace( array( "\r\n", "\r" ), "\n", $stream );
		$events = array();
		$blocks = explode( "\n\n", $stream );
		array_pop( $blocks );
		// Whatever follows the last blank line is unterminated.
		foreach ( $blocks as $block ) {
			$event = 'message';
			$data  = array();
			foreach ( explode( "\n", $block ) as $line ) {
				if ( '' === $line || str_starts_with( $line, ':' ) ) {
					continue;
				}
				$colon = strpos( $line, ':' );
				$field = false === $colon ? $line : substr( $line, 0, $colon );
				$value = false === $colon ? '' : ltrim( substr( $line, $colon + 1 ), ' ' );
				if ( 'event' === $field ) {
					$event = $value;
				} elseif ( 'data' === $field ) {
					$data[] = $value;
				}
			}
			if ( $data ) {
				$events[] = array(
					'event' => $event,
					'data'  => implode( "\n", $data ),
				);
			}
		}//end foreach
		return $events;
	}
}
