<?php
/**
 * Health per route and per key.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Diagnostics;

use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Providers\Provider_Repository;
use AI_Failover\Secrets\Key_Vault;

/**
 * Turns the event log's hourly rollups (and the raw rows at the window's edges) into the health-row
 * shape. Each route is counted by run (runs that tried it, that it served, that fell back from it, that
 * skipped it on an open breaker: a skip is a fallback) and by attempt (sent, skipped, outcomes), both
 * labelled; errors by class with their first and last time; p50/p95 latency of the sent attempts;
 * cost; a time series; the breaker's state with when it opened and when it may probe next; for keys,
 * their state (dead keys with their reason). Drills are left out unless asked for.
 *
 * @since 0.1.0
 */
final class Health_Report {

	public function __construct(
		private readonly Event_Rollups $events,
		private readonly Circuit_Breaker $breakers,
		private readonly Key_Vault $keys,
		private readonly Provider_Repository $providers,
	) {
	}

	/**
	 * @param string $window            '24h' or '7d'.
	 * @param int    $now               Unix time.
	 * @param bool   $include_simulated Count drills too (off by default: they changed nothing).
	 * @param string $feature           Only this feature's traffic ('' for all).
	 * @return list<array<string, mixed>>
	 */
	public function rows( string $window, int $now, bool $include_simulated = false, string $feature = '' ): array {
		return $this->report( $window, $now, $include_simulated, $feature )['rows'];
	}

	/**
	 * The rows (rows()), and how many routes had traffic in the window: only the busiest are rows
	 * (Event_Rollups::MAX_ROUTES, filter `aifo_health_max_routes`), the panel says how many are not.
	 *
	 * @param string $window            '24h' or '7d'.
	 * @param int    $now               Unix time.
	 * @param bool   $include_simulated Count drills too.
	 * @param string $feature           Only this feature's traffic ('' for all).
	 * @return array{rows: list<array<string, mixed>>, routes_total: int, routes_shown: int}
	 */
	public function report( string $window, int $now, bool $include_simulated = false, string $feature = '' ): array {
		$seconds = self::seconds( $window );
		$data    = $this->events->health( $now - $seconds, $now, self::bucket( $window ), $include_simulated, $feature );
		$rows    = array();
		foreach ( $data['routes'] as $row ) {
			$subject = (string) $row['subject'];
			$row    += array( 'runs' => $data['runs'][ $subject ] ?? null );
			$rows[]  = $this->row( 'route', $subject, $row, $data, $data['series'][ $subject ] ?? array(), $this->breakers->state( 'route:' . $subject ), null, null );
		}
		$key_states = $this->key_states( $now );
		foreach ( $data['keys'] as $row ) {
			$subject = (string) $row['subject'];
			$state   = $key_states[ $subject ] ?? null;
			$key_id  = (string) ( $row['key_id'] ?? '' );
			$breaker = '' === $key_id ? 'n/a' : $this->breakers->state( 'key:' . $row['provider'] . ':' . $key_id );
			$rows[]  = $this->row( 'key', $subject, $row, $data, array(), $breaker, $state['state'] ?? null, $state['reason'] ?? null );
			unset( $key_states[ $subject ] );
		}
		// Dead or cooling keys with no traffic in the window still belong on the panel.
		foreach ( $key_states as $subject => $state ) {
			if ( 'active' !== $state['state'] ) {
				$rows[] = $this->row( 'key', $subject, array( 'provider' => strstr( $subject, ':', true ) ), $data, array(), 'n/a', $state['state'], $state['reason'] );
			}
		}
		return array(
			'rows'         => $rows,
			'routes_total' => $data['routes_total'],
			'routes_shown' => count( $data['routes'] ),
		);
	}

	/**
	 * The summary figures of a window: runs, served by fallback, failed, cost, p95 latency, attempts,
	 * the series, and the alert conditions active now (the same counts the alerts use).
	 *
	 * @param string                $window            '24h' or '7d'.
	 * @param int                   $now               Unix time.
	 * @param bool                  $include_simulated Count drills too.
	 * @param string                $feature           Only this feature ('' for all).
	 * @param string                $workflow          Only this workflow ('' for all).
	 * @param array<string, string> $alerts            Active alert conditions (Alerts::active_conditions()).
	 * @return array<string, mixed>
	 */
	public function summary( string $window, int $now, bool $include_simulated, string $feature, string $workflow, array $alerts ): array {
		$seconds = self::seconds( $window );
		$list    = array();
		foreach ( $alerts as $condition => $message ) {
			if ( '' !== $feature && ! str_ends_with( (string) $condition, ':' . $feature ) ) {
				continue;
				// Filtered to one feature: that feature's alerts only.
			}
			$list[] = array(
				'condition' => (string) $condition,
				'message'   => (string) $message,
			);
		}
		return array(
			'window'    => $window,
			'since'     => gmdate( 'Y-m-d\TH:i:s\Z', $now - $seconds ),
			'until'     => gmdate( 'Y-m-d\TH:i:s\Z', $now ),
			'bucket'    => self::bucket( $window ),
			'simulated' => $include_simulated,
		) + $this->events->summary( $now - $seconds, $now, self::bucket( $window ), $include_simulated, $feature, $workflow ) + array( 'alerts' => $list );
	}

	/**
	 * The values the log has since $since, for the filter dropdowns.
	 *
	 * @param int $since Unix time.
	 * @param int $now   Unix time.
	 * @return array{features: list<string>, providers: list<string>, error_classes: list<string>, workflows: list<string>}
	 */
	public function known_values( int $since, int $now ): array {
		return $this->events->known_values( $since, $now );
	}

	/**
	 * @param string $window '24h' or '7d'.
	 */
	private static function seconds( string $window ): int {
		return '7d' === $window ? 7 * DAY_IN_SECONDS : DAY_IN_SECONDS;
	}

	/**
	 * @param string $window '24h' or '7d'.
	 */
	private static function bucket( string $window ): string {
		return '7d' === $window ? 'day' : 'hour';
	}

	/**
	 * A MySQL datetime (UTC) as ISO 8601.
	 *
	 * @param string $datetime Such as 2026-11-22 06:00:00.123.
	 */
	private static function iso( string $datetime ): string {
		return str_replace( ' ', 'T', $datetime ) . 'Z';
	}

	/**
	 * @param string                     $kind    route or key.
	 * @param string                     $subject Subject.
	 * @param array<string, mixed>       $row     Aggregates.
	 * @param array<string, mixed>       $data    All aggregates.
	 * @param list<array<string, mixed>> $series  Series.
	 * @param string                     $breaker Breaker state.
	 * @param string|null                $state   Key state.
	 * @param string|null                $reason  Key state reason.
	 * @return array<string, mixed>
	 */
	private function row( string $kind, string $subject, array $row, array $data, array $series, string $breaker, ?string $state, ?string $reason ): array {
		$requests  = (int) ( $row['requests'] ?? 0 );
		$attempts  = (int) ( $row['attempts'] ?? 0 );
		$histogram = $data['histograms'][ $kind . ':' . $subject ] ?? array();
		$classes   = array();
		foreach ( $data['classes'][ $kind . ':' . $subject ] ?? array() as $class => $count ) {
			$seen      = $data['seen'][ $kind . ':' . $subject ][ $class ] ?? null;
			$classes[] = array(
				'error_class' => (string) $class,
				'count'       => (int) $count,
				'first_seen'  => null === $seen ? null : self::iso( $seen['first'] ),
				'last_seen'   => null === $seen ? null : self::iso( $seen['last'] ),
			);
		}
		$runs      = is_array( $row['runs'] ?? null ) ? $row['runs'] : null;
		$opened_at = 'route' === $kind ? $this->breakers->opened_at( 'route:' . $subject ) : ( '' === (string) ( $row['key_id'] ?? '' ) ? null : $this->breakers->opened_at( 'key:' . $row['provider'] . ':' . $row['key_id'] ) );
		if ( 'route' === $kind ) {
			// By run: the share of the runs that tried this route and left it for another one.
			$fallback_rate = null !== $runs && $runs['runs'] > 0 ? round( $runs['fell_back'] / $runs['runs'], 4 ) : 0.0;
		} else {
			$fallback_rate = $attempts ? round( (int) $row['fallbacks'] / $attempts, 4 ) : 0.0;
		}
		return array(
			'kind'                  => $kind,
			'subject'               => $subject,
			'provider'              => (string) ( $row['provider'] ?? '' ),
			'runs'                  => null === $runs ? null : (int) $runs['runs'],
			'runs_served'           => null === $runs ? null : (int) $runs['served'],
			'runs_fell_back'        => null === $runs ? null : (int) $runs['fell_back'],
			'runs_breaker_skipped'  => null === $runs ? null : (int) $runs['breaker_skipped'],
			'attempts'              => $attempts,
			'requests'              => $requests,
			'skipped'               => (int) ( $row['skipped'] ?? 0 ),
			'successes'             => (int) ( $row['successes'] ?? 0 ),
			'success_rate'          => $requests ? round( (int) $row['successes'] / $requests, 4 ) : 0.0,
			'error_rate'            => $requests ? round( (int) $row['errors'] / $requests, 4 ) : 0.0,
			'fallback_rate'         => $fallback_rate,
			'errors_by_class'       => $classes,
			'p50_latency_ms'        => Event_Rollups::percentile( $histogram, 0.5 ),
			'p95_latency_ms'        => Event_Rollups::percentile( $histogram, 0.95 ),
			'cost'                  => round( (float) ( $row['cost'] ?? 0 ), 6 ),
			'breaker'               => $breaker,
			'breaker_opened_at'     => null === $opened_at ? null : gmdate( 'Y-m-d\TH:i:s\Z', intdiv( $opened_at, 1000 ) ),
			'breaker_next_probe_at' => null === $opened_at ? null : gmdate( 'Y-m-d\TH:i:s\Z', intdiv( $opened_at + $this->breakers->cooldown_ms(), 1000 ) ),
			'key_state'             => $state,
			'key_state_reason'      => $reason,
			'series'                => $series,
		);
	}

	/**
	 * "provider:label" => state of every key.
	 *
	 * @param int $now Unix time.
	 * @return array<string, array{state: string, reason: string|null}>
	 */
	private function key_states( int $now ): array {
		$states = array();
		foreach ( array_keys( $this->providers->all() ) as $provider_id ) {
			foreach ( $this->keys->views( $provider_id, $now ) as $view ) {
				$states[ $provider_id . ':' . $view['label'] ] = array(
					'state'  => (string) $view['state'],
					'reason' => null === $view['state_reason'] ? null : (string) $view['state_reason'],
				);
			}
		}
		return $states;
	}
}
