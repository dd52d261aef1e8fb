<?php
/**
 * A provider's answer.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

/**
 * Text, why it stopped, token usage, and whether a stream arrived whole.
 *
 * @since 0.1.0
 */
final class Chat_Result {

	/**
	 * @param string      $text              Generated text.
	 * @param string      $finish_reason     Provider's reason, normalised where obvious ("stop", "length", ...).
	 * @param int         $input_tokens      Prompt tokens, 0 when the provider did not say.
	 * @param int         $output_tokens     Completion tokens, 0 when the provider did not say.
	 * @param bool        $complete          False when a stream ended before its end marker.
	 * @param string|null $incomplete_reason Why a stream counts as incomplete.
	 */
	public function __construct(
		public readonly string $text,
		public readonly string $finish_reason = 'stop',
		public readonly int $input_tokens = 0,
		public readonly int $output_tokens = 0,
		public readonly bool $complete = true,
		public readonly ?string $incomplete_reason = null,
	) {
	}

	/**
	 * @return array{text: string, finish_reason: string, input_tokens: int, output_tokens: int, complete: bool, incomplete_reason: string|null}
	 */
	public function to_array(): array {
		return array(
			'text'              => $this->text,
			'finish_reason'     => $this->finish_reason,
			'input_tokens'      => $this->input_tokens,
			'output_tokens'     => $this->output_tokens,
			'complete'          => $this->complete,
			'incomplete_reason' => $this->incomplete_reason,
		);
	}
}
