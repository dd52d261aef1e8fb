<?php
/**
 * How one route ended.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;

/**
 * Handed from a route's attempts back to the run: an answer (Done), a hand-over to the next
 * route (Fallback), or the end of the run (Stop, Defer) with the class, the message and the wait
 * the provider asked for.
 *
 * @since 0.2.0
 */
final class Route_Outcome {

	/**
	 * @param Decision                                                                            $decision    Done, Fallback, Stop or Defer.
	 * @param Error_Class|Engine_Class|null                                                       $class       Why it did not answer (Incomplete for a broken stream).
	 * @param string                                                                              $message     The provider's message, or the reason.
	 * @param string                                                                              $reason      The sentence explaining the decision.
	 * @param float|null                                                                          $retry_after Seconds the provider asked to wait.
	 * @param Chat_Result|null                                                                    $answer      The answer, for Done.
	 * @param array{provider_id: string, provider: string, model: string, key_label: string}|null $served_by Who answered, for Done.
	 */
	private function __construct(
		public readonly Decision $decision,
		public readonly Error_Class|Engine_Class|null $class,
		public readonly string $message,
		public readonly string $reason,
		public readonly ?float $retry_after = null,
		public readonly ?Chat_Result $answer = null,
		public readonly ?array $served_by = null,
	) {
	}

	/**
	 * The route answered (a broken stream is an answer too: it is never switched).
	 *
	 * @param Chat_Result                                                                    $answer    Answer.
	 * @param array{provider_id: string, provider: string, model: string, key_label: string} $served_by Who answered.
	 */
	public static function answered( Chat_Result $answer, array $served_by ): self {
		return new self( Decision::Done, $answer->complete ? null : Engine_Class::Incomplete, (string) $answer->incomplete_reason, '', null, $answer, $served_by );
	}

	/**
	 * The next route takes the request.
	 *
	 * @param Error_Class|Engine_Class $class       Why.
	 * @param string                   $message     Message.
	 * @param string                   $reason      Sentence.
	 * @param float|null               $retry_after Asked wait.
	 */
	public static function fall_back( Error_Class|Engine_Class $class, string $message, string $reason, ?float $retry_after = null ): self {
		return new self( Decision::Fallback, $class, $message, $reason, $retry_after );
	}

	/**
	 * The run ends here.
	 *
	 * @param Error_Class|Engine_Class $class       Why.
	 * @param string                   $message     Message.
	 * @param string                   $reason      Sentence.
	 * @param float|null               $retry_after Asked wait.
	 */
	public static function stop( Error_Class|Engine_Class $class, string $message, string $reason, ?float $retry_after = null ): self {
		return new self( Decision::Stop, $class, $message, $reason, $retry_after );
	}

	/**
	 * A background run waits for WP-Cron instead.
	 *
	 * @param string $reason      Sentence.
	 * @param float  $retry_after Seconds until it is worth trying again.
	 */
	public static function defer( string $reason, float $retry_after ): self {
		return new self( Decision::Defer, Engine_Class::Deferred, $reason, $reason, $retry_after );
	}

	/**
	 * The run's status if it ends with this outcome.
	 */
	public function run_status(): string {
		return match ( true ) {
			null !== $this->answer => $this->answer->complete ? Run_Result::SUCCESS : Run_Result::INCOMPLETE,
			Decision::Defer === $this->decision => Run_Result::DEFERRED,
			default => Run_Result::FAILED,
		};
	}

	/**
	 * The run's error if it ends with this outcome: null for a full answer.
	 *
	 * @return array{class: string, message: string, retry_after: float|null}|null
	 */
	public function error(): ?array {
		if ( null !== $this->answer && $this->answer->complete ) {
			return null;
		}
		return array(
			'class'       => $this->class->value ?? Engine_Class::No_Route->value,
			'message'     => $this->message,
			'retry_after' => $this->retry_after,
		);
	}
}
