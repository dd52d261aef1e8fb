<?php
/**
 * Alerts when features degrade.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Diagnostics;

use AI_Failover\Capabilities;
use AI_Failover\Contracts\Http_Transport;
use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Governance\Drill_Schedule;
use AI_Failover\Http\Http_Request;
use AI_Failover\Providers\Provider_Repository;
use AI_Failover\Secrets\Key_Vault;
use AI_Failover\Settings\Settings_Repository;

/**
 * Every five minutes (WP-Cron), checks each feature's fallback and failure rates over the
 * configured window (against the feature's own thresholds, else the site-wide ones), open circuit breakers and dead keys. A condition that starts raises one
 * alert (admin notice, email, optional JSON webhook); it is not repeated within the window; when
 * it clears, a recovery message goes out the same ways. Drills (simulated attempts) never alert.
 * The webhook goes through the plugin's one transport: the URL policy of provider base URLs (no
 * private network), resolved and pinned at call time, no redirects.
 *
 * @since 0.1.0
 */
final class Alerts implements Registers_Hooks {

	public const HOOK     = 'aifo_check_alerts';
	public const OPTION   = 'aifo_alert_state';
	public const SCHEDULE = 'aifo_five_minutes';

	public function __construct(
		private readonly Event_Rollups $events,
		private readonly Settings_Repository $settings,
		private readonly Feature_Repository $features,
		private readonly Provider_Repository $providers,
		private readonly Key_Vault $keys,
		private readonly Circuit_Breaker $breakers,
		private readonly Http_Transport $http,
		private readonly ?Drill_Schedule $drills = null,
	) {
	}

	public function register_hooks(): void {
		add_filter( 'cron_schedules', array( $this, 'add_schedule' ) ); // phpcs:ignore WordPress.WP.CronInterval -- five minutes on purpose: alerts must not wait 15.
		add_action( 'init', array( $this, 'schedule' ) );
		// WP-Cron and do_action() pass no argument, or '', which check( ?int ) must not receive.
		add_action( self::HOOK, array( $this, 'check' ), 10, 0 );
		add_action( 'admin_notices', array( $this, 'render_notice' ) );
	}

	/**
	 * @param array<string, mixed> $schedules Schedules.
	 * @return array<string, mixed>
	 */
	public function add_schedule( $schedules ): array {
		$schedules                   = is_array( $schedules ) ? $schedules : array();
		$schedules[ self::SCHEDULE ] = array(
			'interval' => 5 * MINUTE_IN_SECONDS,
			'display'  => __( 'Every five minutes (AI Failover alerts)', 'ai-failover' ),
		);
		return $schedules;
	}

	/**
	 * Schedules the check once.
	 */
	public function schedule(): void {
		if ( ! wp_next_scheduled( self::HOOK ) ) {
			wp_schedule_event( time() + 5 * MINUTE_IN_SECONDS, self::SCHEDULE, self::HOOK );
		}
	}

	/**
	 * Conditions active now: key => message.
	 *
	 * @param int $now Unix time.
	 * @return array<string, string>
	 */
	public function active_conditions( int $now ): array {
		$settings   = $this->settings->get();
		$conditions = array();
		$features   = $this->features->all();
		foreach ( $this->events->feature_stats( $now - (int) $settings['alert_window_minutes'] * MINUTE_IN_SECONDS, $now ) as $stats ) {
			if ( $stats['runs'] < (int) $settings['alert_min_runs'] ) {
				continue;
			}
			$feature  = $features[ $stats['feature'] ] ?? null;
			$label    = null !== $feature ? (string) $feature['label'] : $stats['feature'];
			$degraded = 100 * $stats['degraded_runs'] / $stats['runs'];
			$failed   = 100 * $stats['failed_runs'] / $stats['runs'];
			// A feature's own threshold wins; 0 (the default) means the site-wide one.
			$own_degraded = (int) ( $feature['alerts']['fallback_rate_pct'] ?? 0 );
			$own_failed   = (int) ( $feature['alerts']['error_rate_pct'] ?? 0 );
			$max_degraded = $own_degraded > 0 ? $own_degraded : (int) $settings['alert_fallback_rate_pct'];
			$max_failed   = $own_failed > 0 ? $own_failed : (int) $settings['alert_error_rate_pct'];
			if ( $degraded >= $max_degraded ) {
				/* translators: 1: Feature, 2: Percentage, 3: Runs, 4: Minutes. */
				$conditions[ 'fallback_rate:' . $stats['feature'] ] = sprintf( __( '%1$s needed a fallback or a key rotation in %2$d%% of its %3$d runs over the last %4$d minutes.', 'ai-failover' ), $label, (int) round( $degraded ), $stats['runs'], (int) $settings['alert_window_minutes'] );
			}
			if ( $failed >= $max_failed ) {
				/* translators: 1: Feature, 2: Percentage, 3: Runs, 4: Minutes. */
				$conditions[ 'error_rate:' . $stats['feature'] ] = sprintf( __( '%1$s failed in %2$d%% of its %3$d runs over the last %4$d minutes.', 'ai-failover' ), $label, (int) round( $failed ), $stats['runs'], (int) $settings['alert_window_minutes'] );
			}
		}//end foreach
		foreach ( $this->features->all() as $feature ) {
			foreach ( array_merge( array( $feature['primary'] ), $feature['fallbacks'] ) as $route ) {
				$id = $route['provider_id'] . '/' . $route['model'];
				if ( Circuit_Breaker::OPEN === $this->breakers->state( 'route:' . $id ) ) {
					/* translators: %s: Route. */
					$conditions[ 'breaker_open:' . $id ] = sprintf( __( 'The circuit breaker for %s is open after repeated failures: requests skip it.', 'ai-failover' ), $id );
				}
			}
		}
		// A scheduled drill whose chain no longer held (drills never count in the rates above).
		$conditions += null !== $this->drills ? $this->drills->alert_conditions( $features ) : array();
		foreach ( $this->providers->all() as $provider ) {
			foreach ( $this->keys->views( $provider->id, $now ) as $view ) {
				if ( 'dead' === $view['state'] ) {
					/* translators: 1: Provider, 2: Key label, 3: Reason. */
					$conditions[ 'key_dead:' . $provider->id . ':' . $view['id'] ] = sprintf( __( 'Key "%2$s" of %1$s is out of rotation: %3$s', 'ai-failover' ), $provider->label, $view['label'], (string) $view['state_reason'] );
				}
			}
		}

		/**
		 * Filters the alert conditions active now (key => sentence): another part of the plugin
		 * (the queue: scheduled workflows failing N times in a row) adds its own, raised and
		 * recovered like these.
		 *
		 * @since n.e.x.t
		 *
		 * @param array<string, string> $conditions Conditions.
		 * @param int                   $now        Unix time.
		 */
		$filtered = apply_filters( 'aifo_alert_conditions', $conditions, $now );
		return is_array( $filtered ) ? array_map( 'strval', $filtered ) : $conditions;
	}

	/**
	 * Raises new conditions, recovers cleared ones, and repeats none within the window.
	 *
	 * @param int|null $now Unix time (tests pass one).
	 * @return array{raised: list<string>, recovered: list<string>}
	 */
	public function check( ?int $now = null ): array {
		$now      = $now ?? time();
		$settings = $this->settings->get();
		$state    = get_option( self::OPTION, array() );
		$state    = is_array( $state ) ? $state : array();
		$active   = $settings['alerts_enabled'] ? $this->active_conditions( $now ) : array();
		$window   = (int) $settings['alert_window_minutes'] * MINUTE_IN_SECONDS;
		$out      = array(
			'raised'    => array(),
			'recovered' => array(),
		);
		foreach ( $active as $key => $message ) {
			if ( isset( $state[ $key ] ) && $now - (int) $state[ $key ]['notified_at'] < $window ) {
				$state[ $key ]['message'] = $message;
				continue;
			}
			$state[ $key ]   = array(
				'message'     => $message,
				'since'       => (int) ( $state[ $key ]['since'] ?? $now ),
				'notified_at' => $now,
			);
			$out['raised'][] = $key;
			$this->notify( 'raised', $key, $message, $settings );
		}
		foreach ( array_diff( array_keys( $state ), array_keys( $active ) ) as $key ) {
			/* translators: %s: The alert that cleared. */
			$this->notify( 'recovered', (string) $key, sprintf( __( 'Recovered: %s', 'ai-failover' ), (string) $state[ $key ]['message'] ), $settings );
			unset( $state[ $key ] );
			$out['recovered'][] = (string) $key;
		}
		update_option( self::OPTION, $state, false );
		return $out;
	}

	/**
	 * The admin notice listing active alerts.
	 */
	public function render_notice(): void {
		if ( ! current_user_can( Capabilities::VIEW_LOGS ) ) {
			return;
		}
		$state = get_option( self::OPTION, array() );
		if ( ! is_array( $state ) || ! $state ) {
			return;
		}
		echo '<div class="notice notice-warning aifo-alerts"><p><strong>' . esc_html__( 'AI Failover alerts', 'ai-failover' ) . '</strong></p><ul>';
		foreach ( $state as $alert ) {
			echo '<li>' . esc_html( (string) ( $alert['message'] ?? '' ) ) . '</li>';
		}
		echo '</ul><p><a href="' . esc_url( admin_url( 'admin.php?page=ai-failover-diagnostics' ) ) . '">' . esc_html__( 'Open diagnostics', 'ai-failover' ) . '</a></p></div>';
	}

	/**
	 * Email and webhook.
	 *
	 * @param string               $event    raised or recovered.
	 * @param string               $key      Condition.
	 * @param string               $message  Sentence.
	 * @param array<string, mixed> $settings Settings.
	 */
	private function notify( string $event, string $key, string $message, array $settings ): void {
		$site = wp_specialchars_decode( (string) get_bloginfo( 'name' ), ENT_QUOTES );
		wp_mail(
			'' !== $settings['alert_email'] ? (string) $settings['alert_email'] : (string) get_option( 'admin_email' ),
			/* translators: 1: Site name, 2: raised or recovered. */
			sprintf( __( '[%1$s] AI Failover alert %2$s', 'ai-failover' ), $site, 'raised' === $event ? __( 'raised', 'ai-failover' ) : __( 'recovered', 'ai-failover' ) ),
			$message . "\n\n" . admin_url( 'admin.php?page=ai-failover-diagnostics' )
		);
		if ( '' !== $settings['alert_webhook_url'] ) {
			$this->http->send(
				new Http_Request(
					'POST',
					(string) $settings['alert_webhook_url'],
					array( 'Content-Type' => 'application/json' ),
					(string) wp_json_encode(
						array(
							'event'     => $event,
							'condition' => $key,
							'message'   => $message,
							'site'      => home_url(),
						)
					),
					3000,
					5000
				)
			);
		}
	}
}
