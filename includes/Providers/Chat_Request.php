<?php
/**
 * A provider-neutral chat request.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

/**
 * Messages plus generation options; each adapter turns it into its provider's wire format.
 *
 * @since 0.1.0
 */
final class Chat_Request {

	/**
	 * @param list<array{role: string, content: string}> $messages    Conversation; roles system, user, assistant.
	 * @param int|null                                   $max_tokens  Output token limit.
	 * @param float|null                                 $temperature Sampling temperature.
	 * @param bool                                       $stream      Ask for server-sent events.
	 */
	public function __construct(
		public readonly array $messages,
		public readonly ?int $max_tokens = null,
		public readonly ?float $temperature = null,
		public readonly bool $stream = false,
	) {
	}

	/**
	 * The system prompt (all system messages joined), for providers that take it apart.
	 */
	public function system_prompt(): string {
		$parts = array();
		foreach ( $this->messages as $message ) {
			if ( 'system' === $message['role'] ) {
				$parts[] = $message['content'];
			}
		}
		return implode( "\n\n", $parts );
	}

	/**
	 * Messages other than system ones.
	 *
	 * @return list<array{role: string, content: string}>
	 */
	public function conversation(): array {
		return array_values( array_filter( $this->messages, static fn( array $m ) => 'system' !== $m['role'] ) );
	}
}
