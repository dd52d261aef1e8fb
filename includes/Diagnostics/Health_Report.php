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
 * Turns the event log's hourly rollups (and the raw rows at the window's edges) into the health-row shape: requests, success / error /
 * fallback rates, errors by class, p50/p95 latency, cost, a time series, the breaker's state and,
 * for keys, their state (dead keys with their reason).
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
	 * @return list<array<string, mixed>>
	 */
	public function rows( string $window, int $now, bool $include_simulated = false ): array {
		$seconds = '7d' === $window ? 7 * DAY_IN_SECONDS : DAY_IN_SECONDS;
		$data    = $this->events->health( $now - $seconds, $now, '7d' === $window ? 'day' : 'hour', $include_simulated );
		$rows    = array();
		foreach ( $data['routes'] as $row ) {
			$subject = (string) $row['subject'];
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
		return $rows;
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
		$histogram = $data['histograms'][ $kind . ':' . $subject ] ?? array();
		$classes   = array();
		foreach ( $data['classes'][ $kind . ':' . $subject ] ?? array() as $class => $count ) {
			$classes[] = array(
				'error_class' => (string) $class,
				'count'       => (int) $count,
			);
		}
		return array(
			'kind'             => $kind,
			'subject'          => $subject,
			'provider'         => (string) ( $row['provider'] ?? '' ),
			'requests'         => $requests,
			'successes'        => (int) ( $row['successes'] ?? 0 ),
			'success_rate'     => $requests ? round( (int) $row['successes'] / $requests, 4 ) : 0.0,
			'error_rate'       => $requests ? round( (int) $row['errors'] / $requests, 4 ) : 0.0,
			'fallback_rate'    => $requests ? round( (int) $row['fallbacks'] / $requests, 4 ) : 0.0,
			'errors_by_class'  => $classes,
			'p50_latency_ms'   => Event_Rollups::percentile( $histogram, 0.5 ),
			'p95_latency_ms'   => Event_Rollups::percentile( $histogram, 0.95 ),
			'cost'             => round( (float) ( $row['cost'] ?? 0 ), 6 ),
			'breaker'          => $breaker,
			'key_state'        => $state,
			'key_state_reason' => $reason,
			'series'           => $series,
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
