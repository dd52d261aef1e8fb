<?php
/**
 * Scheduled drills of a feature's fallback chain.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Governance;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Engine\Feature_Runner;
use AI_Failover\Features\Feature_Repository;

/**
 * Every hour (WP-Cron, directly: no job queue needed), drills each feature whose `drills` are
 * enabled and due (daily or weekly since its last drill): one drill run per configured failure
 * (for example 503, then 429, then a timeout), each injected on the primary route with the
 * engine's own drill (throw-away keys, key states and breakers; every attempt marked simulated,
 * so health figures and alerts on real traffic are untouched). The fallback routes are called for
 * real, since the point is to know they answer. The chain held when every drilled run was still
 * answered. Each result (held, how long, what it cost, who served each step) is kept
 * (Drill_Results), and Alerts raises `drill_failed:<feature>` while the newest one did not hold.
 *
 * @since n.e.x.t
 */
final class Drill_Schedule implements Registers_Hooks {

	public const HOOK = 'aifo_run_scheduled_drills';

	/** Seconds between drills, by frequency. */
	public const INTERVALS = array(
		'daily'  => 86400,
		'weekly' => 604800,
	);

	public function __construct(
		private readonly Feature_Repository $features,
		private readonly Feature_Runner $runner,
		private readonly Drill_Results $results,
	) {
	}

	public function register_hooks(): void {
		add_action( 'init', array( $this, 'schedule' ) );
		// WP-Cron passes no argument, which run_due( ?int ) must not receive as ''.
		add_action( self::HOOK, array( $this, 'run_due' ), 10, 0 );
	}

	/**
	 * Schedules the hourly check once.
	 */
	public function schedule(): void {
		if ( ! wp_next_scheduled( self::HOOK ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'hourly', self::HOOK );
		}
	}

	/**
	 * Drills every feature that is due.
	 *
	 * @param int|null $now Unix time (tests pass one).
	 * @return list<string> Ids of the features drilled.
	 */
	public function run_due( ?int $now = null ): array {
		$now     = $now ?? time();
		$drilled = array();
		foreach ( $this->features->all() as $id => $feature ) {
			if ( $this->is_due( $feature, $this->results->latest( $id ), $now ) ) {
				$this->results->add( $this->drill( $feature, 'schedule', $now ) );
				$drilled[] = $id;
			}
		}
		return $drilled;
	}

	/**
	 * Whether a feature's next drill is due.
	 *
	 * @param array<string, mixed>      $feature Feature.
	 * @param array<string, mixed>|null $latest  Its newest result.
	 * @param int                       $now     Unix time.
	 */
	public static function is_due( array $feature, ?array $latest, int $now ): bool {
		$drills = (array) ( $feature['drills'] ?? array() );
		if ( empty( $drills['enabled'] ) || ! $drills['steps'] ) {
			return false;
		}
		$interval = self::INTERVALS[ (string) ( $drills['frequency'] ?? 'weekly' ) ] ?? 604800;
		$last     = null === $latest ? 0 : (int) strtotime( (string) $latest['ran_at'] );
		return $now - $last >= $interval;
	}

	/**
	 * Drills a feature now: one drilled run per configured failure, on the primary route.
	 *
	 * @param array<string, mixed> $feature Feature.
	 * @param string               $trigger 'schedule' or 'manual'.
	 * @param int|null             $now     Unix time.
	 * @return array<string, mixed> The result, in the drill-result schema's shape.
	 */
	public function drill( array $feature, string $trigger, ?int $now = null ): array {
		$primary = $feature['primary']['provider_id'] . '/' . $feature['primary']['model'];
		$classes = array_values( array_map( 'strval', (array) ( $feature['drills']['steps'] ?? array() ) ) );
		$steps   = array();
		foreach ( $classes ? $classes : array( 'server' ) as $class ) {
			$run     = $this->runner->run(
				(string) $feature['id'],
				array(
					'messages'   => array(
						array(
							'role'    => 'user',
							'content' => 'AI Failover scheduled drill: reply with OK.',
						),
					),
					'max_tokens' => 16,
					'simulate'   => array(
						array(
							'route'       => $primary,
							'error_class' => $class,
						),
					),
					'caller'     => 'drill',
				)
			);
			$served  = $run->served_by;
			$steps[] = array(
				'error_class' => $class,
				'held'        => $run->succeeded(),
				'status'      => $run->status,
				'served_by'   => null === $served ? '' : $served['provider_id'] . '/' . $served['model'],
				'run_id'      => $run->run_id,
				'duration_ms' => round( $run->duration_ms, 1 ),
				'cost'        => round( $run->cost, 6 ),
				'reason'      => $run->succeeded() ? '' : (string) ( $run->error['message'] ?? '' ),
			);
		}//end foreach
		return array(
			'feature'     => (string) $feature['id'],
			'ran_at'      => gmdate( 'Y-m-d\TH:i:s\Z', $now ?? time() ),
			'trigger'     => $trigger,
			'held'        => ! in_array( false, array_column( $steps, 'held' ), true ),
			'duration_ms' => round( array_sum( array_column( $steps, 'duration_ms' ) ), 1 ),
			'cost'        => round( array_sum( array_column( $steps, 'cost' ) ), 6 ),
			'steps'       => $steps,
		);
	}

	/**
	 * The alert conditions: a drilled feature whose newest drill did not hold.
	 *
	 * @param array<string, array<string, mixed>> $features Features by id.
	 * @return array<string, string> Condition key => sentence.
	 */
	public function alert_conditions( array $features ): array {
		$conditions = array();
		foreach ( $this->results->all() as $id => $results ) {
			$latest = $results[0] ?? null;
			if ( null === $latest || ! empty( $latest['held'] ) || ! isset( $features[ $id ] ) ) {
				continue;
			}
			$broken = array();
			foreach ( (array) $latest['steps'] as $step ) {
				if ( empty( $step['held'] ) ) {
					$broken[] = (string) $step['error_class'];
				}
			}
			/* translators: 1: Feature, 2: Comma-separated error classes, such as "server, timeout". */
			$conditions[ 'drill_failed:' . $id ] = sprintf( __( 'The fallback chain of %1$s no longer holds: its latest drill failed when the primary route was made to fail with %2$s.', 'ai-failover' ), (string) $features[ $id ]['label'], implode( ', ', $broken ) );
		}
		return $conditions;
	}
}
