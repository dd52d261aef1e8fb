<?php
/**
 * The `wp ai-failover breaker` commands.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\CLI;

use AI_Failover\Diagnostics\State_Repository;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Providers\Provider_Repository;

/**
 * Lists and resets circuit breakers (routes `route:<provider>/<model>`, keys `key:<provider>:<key>`).
 *
 * @since n.e.x.t
 */
final class Breaker_Command {

	private const FIELDS = array( 'subject', 'state', 'failures', 'opened_at' );

	public function __construct(
		private readonly State_Repository $state,
		private readonly Circuit_Breaker $breakers,
		private readonly Provider_Repository $providers,
		private readonly Output $out,
	) {
	}

	/**
	 * Lists the breakers that have counted failures or are open.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : table, json, csv, yaml or count.
	 * ---
	 * default: table
	 * ---
	 *
	 * @param list<string>          $args  Positional arguments.
	 * @param array<string, string> $assoc Options.
	 */
	public function list( array $args, array $assoc ): void {
		$this->out->items( $this->rows(), self::FIELDS, (string) ( $assoc['format'] ?? 'table' ) );
	}

	/**
	 * Closes a breaker (its failures and error-rate window start over), or every breaker.
	 *
	 * ## OPTIONS
	 *
	 * [<subject>]
	 * : The breaker, as listed: route:<provider>/<model> or key:<provider>:<key>.
	 *
	 * [--all]
	 * : Every breaker.
	 *
	 * ## EXAMPLES
	 *
	 *     wp ai-failover breaker reset route:openai/gpt-4o-mini
	 *
	 * @param list<string>               $args  Positional arguments.
	 * @param array<string, bool|string> $assoc Options.
	 */
	public function reset( array $args, array $assoc ): void {
		$subjects = ! empty( $assoc['all'] ) ? array_column( $this->rows(), 'subject' ) : array_slice( $args, 0, 1 );
		if ( ! $subjects && empty( $assoc['all'] ) ) {
			$this->out->error( __( 'Name a breaker (see wp ai-failover breaker list) or pass --all.', 'ai-failover' ) );
		}
		foreach ( $subjects as $subject ) {
			$subject = (string) $subject;
			if ( ! preg_match( '/^(route|key):/', $subject ) ) {
				/* translators: %s: The value given. */
				$this->out->error( sprintf( __( '"%s" is not a breaker: route:<provider>/<model> or key:<provider>:<key>.', 'ai-failover' ), $subject ) );
			}
			// Through the breaker, so its cached state and the breaker_changed event follow.
			$this->breakers->record_success( $subject );
			$this->state->reset_window( Circuit_Breaker::window_subject( $subject ) );
		}
		/* translators: %d: Number of breakers. */
		$this->out->success( sprintf( _n( 'Reset %d breaker.', 'Reset %d breakers.', count( $subjects ), 'ai-failover' ), count( $subjects ) ) );
	}

	/**
	 * @return list<array{subject: string, state: string, failures: int, opened_at: string}>
	 */
	private function rows(): array {
		$stored = $this->state->breakers( array_values( array_map( static fn( $provider ): string => $provider->id, $this->providers->all() ) ) );
		$this->breakers->load( array_keys( $stored ) );
		$rows = array();
		foreach ( $stored as $subject => $row ) {
			$state = $this->breakers->state( (string) $subject );
			if ( Circuit_Breaker::CLOSED === $state && 0 === $row['failures'] ) {
				continue;
			}
			$rows[] = array(
				'subject'   => (string) $subject,
				'state'     => $state,
				'failures'  => $row['failures'],
				'opened_at' => $row['opened_at'] > 0 ? gmdate( 'Y-m-d\TH:i:s\Z', intdiv( $row['opened_at'], 1000 ) ) : '',
			);
		}
		return $rows;
	}
}
