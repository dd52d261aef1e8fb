<?php
/**
 * Relays a provider's event stream as text deltas while it arrives.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

use AI_Failover\Contracts\Provider_Adapter;
use AI_Failover\Contracts\Stream_Listener;

/**
 * One per streamed attempt: parses the body as the transport receives it, hands each text delta
 * to the run's listener at once, and afterwards makes the attempt's outcome agree with what was
 * relayed. That is where the streaming rule lives for every adapter alike: once a token has gone
 * out, the attempt can no longer fail (a later error event, cut or timeout makes it an incomplete
 * answer with the text so far), so the engine never splices another route's answer onto it.
 *
 * @since 0.2.0
 */
final class Delta_Relay {

	private Sse_Parser $parser;

	/**
	 * Text relayed so far.
	 *
	 * @var string
	 */
	private string $relayed = '';

	/**
	 * Whether the listener said nobody is listening any more.
	 *
	 * @var bool
	 */
	private bool $abandoned = false;

	/**
	 * @param Provider_Adapter     $adapter  The provider's wire format.
	 * @param Stream_Listener|null $listener Who gets the deltas (none: the text is only tracked).
	 */
	public function __construct(
		private readonly Provider_Adapter $adapter,
		private ?Stream_Listener $listener,
	) {
		$this->parser = new Sse_Parser();
	}

	/**
	 * Takes the next bytes of the body (the transport's body receiver).
	 *
	 * @param string $bytes  Bytes as received.
	 * @param int    $status HTTP status of the response they belong to.
	 * @return bool False once nobody listens: the transport may stop reading.
	 */
	public function receive( string $bytes, int $status ): bool {
		if ( $status < 200 || $status >= 300 ) {
			return true;
			// An error body is never answer text.
		}
		foreach ( $this->parser->feed( $bytes ) as $event ) {
			$this->relay( $this->adapter->stream_delta( $event ) );
		}
		return ! $this->abandoned;
	}

	/**
	 * The attempt's outcome, consistent with what was relayed; relays any text the transport did
	 * not deliver piece by piece (the Simulator, a server that ignored `stream`, a mocked response).
	 *
	 * @param Chat_Result|Provider_Error $result What the adapter made of the whole response.
	 */
	public function settle( Chat_Result|Provider_Error $result ): Chat_Result|Provider_Error {
		if ( $this->abandoned ) {
			return new Chat_Result( $this->relayed, 'incomplete', 0, 0, false, 'nobody was listening any more (the client went away), so the stream was stopped' );
		}
		if ( $result instanceof Provider_Error ) {
			if ( '' === $this->relayed ) {
				return $result;
				// Nothing went out: the engine may still retry or fall back.
			}
			return new Chat_Result( $this->relayed, 'incomplete', 0, 0, false, 'the provider failed mid-stream: ' . $result->message );
		}
		if ( str_starts_with( $result->text, $this->relayed ) ) {
			$this->relay( substr( $result->text, strlen( $this->relayed ) ) );
		}
		return $result;
	}

	/**
	 * @param string $text Delta.
	 */
	private function relay( string $text ): void {
		if ( '' === $text ) {
			return;
		}
		$this->relayed .= $text;
		if ( null === $this->listener || $this->abandoned ) {
			return;
		}
		try {
			$this->abandoned = ! $this->listener->on_delta( $text );
		} catch ( \Throwable $error ) {
			// A listener must not break the attempt: it simply stops getting deltas.
			$this->listener = null;
		}
	}
}
