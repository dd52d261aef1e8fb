<?php
/**
 * What a caller asks the engine to do.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Stream_Listener;
use AI_Failover\Providers\Chat_Request;

/**
 * The chat request plus how to run it: interactive or background, with simulated failures
 * (an administrator's drill) and output checks.
 *
 * @since 0.1.0
 */
final class Run_Request {

	/**
	 * @param Chat_Request          $chat       The request.
	 * @param bool                  $background Whether a wait that does not fit the budget may be deferred.
	 * @param array<string, string> $simulate   Route id ("provider/model") => error class to inject.
	 * @param array<string, mixed>  $validate   Output checks (non_empty, min_length, regex, json, json_schema).
	 * @param string                $caller     Who asked: rest, php, cron, workflow, queue:<who first asked> ...
	 * @param Stream_Listener|null  $listener   For a stream: gets the run's events and text as they happen.
	 * @param string                $workflow   Workflow (post id) the run is a step of, for the event log; '' outside workflows.
	 * @param string                $step       Step id within that workflow, for the event log.
	 * @param list<string>|null     $roles      The caller's roles, for a feature that reserves fallbacks for some; null: not a user's run.
	 */
	public function __construct(
		public readonly Chat_Request $chat,
		public readonly bool $background = false,
		public readonly array $simulate = array(),
		public readonly array $validate = array(),
		public readonly string $caller = 'php',
		public readonly ?Stream_Listener $listener = null,
		public readonly string $workflow = '',
		public readonly string $step = '',
		public readonly ?array $roles = null,
	) {
	}

	/**
	 * Rough prompt size for cost estimates: 4 characters per token.
	 */
	public function estimated_input_tokens(): int {
		$chars = 0;
		foreach ( $this->chat->messages as $message ) {
			$chars += strlen( $message['content'] );
		}
		return (int) ceil( $chars / 4 );
	}
}
