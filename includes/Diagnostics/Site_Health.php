<?php
/**
 * Site Health tests.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Diagnostics;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Providers\Provider_Repository;
use AI_Failover\Secrets\Key_Vault;

/**
 * Tools > Site Health: providers usable, features without a fallback, open breakers, dead keys,
 * and the event log's table and retention.
 *
 * @since 0.1.0
 */
final class Site_Health implements Registers_Hooks {

	public function __construct(
		private readonly Provider_Repository $providers,
		private readonly Key_Vault $keys,
		private readonly Feature_Repository $features,
		private readonly Circuit_Breaker $breakers,
		private readonly Event_Repository $events,
		private readonly Retention $retention,
	) {
	}

	public function register_hooks(): void {
		add_filter( 'site_status_tests', array( $this, 'register_tests' ) );
	}

	/**
	 * @param array<string, mixed> $tests Tests.
	 * @return array<string, mixed>
	 */
	public function register_tests( $tests ): array {
		$tests = is_array( $tests ) ? $tests : array();
		foreach ( array( 'providers', 'fallbacks', 'breakers', 'keys', 'event_log' ) as $name ) {
			$tests['direct'][ 'aifo_' . $name ] = array(
				/* translators: %s: Test name. */
				'label' => sprintf( __( 'AI Failover: %s', 'ai-failover' ), $name ),
				'test'  => array( $this, 'test_' . $name ),
			);
		}
		return $tests;
	}

	/**
	 * @return array<string, mixed>
	 */
	public function test_providers(): array {
		$unusable = array();
		foreach ( $this->providers->all() as $provider ) {
			if ( $provider->enabled && $provider->requires_key() && ! $this->keys->resolve( $provider->id, time() ) ) {
				$unusable[] = $provider->label;
			}
		}
		if ( $unusable ) {
			/* translators: %s: Comma-separated provider names. */
			return $this->result( 'providers', 'critical', __( 'Some AI providers have no usable key', 'ai-failover' ), sprintf( __( 'These providers cannot answer: %s. Add a key or revive a dead one.', 'ai-failover' ), implode( ', ', $unusable ) ) );
		}
		return $this->result( 'providers', 'good', __( 'Every AI provider has a usable key', 'ai-failover' ), __( 'Use "Test" next to a key to check that the provider answers.', 'ai-failover' ) );
	}

	/**
	 * @return array<string, mixed>
	 */
	public function test_fallbacks(): array {
		$alone = array();
		foreach ( $this->features->all() as $feature ) {
			if ( ! $feature['fallbacks'] ) {
				$alone[] = $feature['label'];
			}
		}
		if ( $alone ) {
			/* translators: %s: Comma-separated feature names. */
			return $this->result( 'fallbacks', 'recommended', __( 'Some AI features have no fallback', 'ai-failover' ), sprintf( __( 'When their model fails, these features fail too (by design: nothing is switched silently): %s. Add a fallback route if they matter.', 'ai-failover' ), implode( ', ', $alone ) ) );
		}
		return $this->result( 'fallbacks', 'good', __( 'Every AI feature has a fallback', 'ai-failover' ), '' );
	}

	/**
	 * @return array<string, mixed>
	 */
	public function test_breakers(): array {
		$open = array();
		foreach ( $this->features->all() as $feature ) {
			foreach ( array_merge( array( $feature['primary'] ), $feature['fallbacks'] ) as $route ) {
				$id = $route['provider_id'] . '/' . $route['model'];
				if ( Circuit_Breaker::OPEN === $this->breakers->state( 'route:' . $id ) ) {
					$open[ $id ] = $id;
				}
			}
		}
		if ( $open ) {
			/* translators: %s: Comma-separated routes. */
			return $this->result( 'breakers', 'critical', __( 'Some AI routes are switched off after repeated failures', 'ai-failover' ), sprintf( __( 'Circuit breakers are open for: %s. Requests skip them until a probe succeeds.', 'ai-failover' ), implode( ', ', $open ) ) );
		}
		return $this->result( 'breakers', 'good', __( 'No AI route is switched off', 'ai-failover' ), '' );
	}

	/**
	 * @return array<string, mixed>
	 */
	public function test_keys(): array {
		$dead = array();
		foreach ( $this->providers->all() as $provider ) {
			foreach ( $this->keys->views( $provider->id, time() ) as $view ) {
				if ( in_array( $view['state'], array( 'dead', 'undecryptable' ), true ) ) {
					$dead[] = $provider->label . ' / ' . $view['label'] . ' (' . $view['state'] . ')';
				}
			}
		}
		if ( $dead ) {
			/* translators: %s: Comma-separated keys. */
			return $this->result( 'keys', 'critical', __( 'Some AI keys are out of rotation', 'ai-failover' ), sprintf( __( 'These keys were rejected or cannot be decrypted: %s.', 'ai-failover' ), implode( ', ', $dead ) ) );
		}
		return $this->result( 'keys', 'good', __( 'Every AI key is in rotation', 'ai-failover' ), '' );
	}

	/**
	 * @return array<string, mixed>
	 */
	public function test_event_log(): array {
		if ( ! $this->events->table_exists() ) {
			return $this->result( 'event_log', 'critical', __( 'The AI Failover event log table is missing', 'ai-failover' ), __( 'Failures cannot be recorded. Deactivate and activate the plugin to create it.', 'ai-failover' ) );
		}
		$oldest = $this->events->oldest();
		if ( null !== $oldest && strtotime( $oldest . ' UTC' ) < time() - ( $this->retention->days() + 2 ) * DAY_IN_SECONDS ) {
			return $this->result( 'event_log', 'recommended', __( 'The AI Failover event log is past its retention period', 'ai-failover' ), __( 'Old rows are not being deleted: check that WP-Cron runs.', 'ai-failover' ) );
		}
		return $this->result( 'event_log', 'good', __( 'The AI Failover event log is healthy', 'ai-failover' ), '' );
	}

	/**
	 * @param string $test        Test name.
	 * @param string $status      good, recommended or critical.
	 * @param string $label       Headline.
	 * @param string $description Details.
	 * @return array<string, mixed>
	 */
	private function result( string $test, string $status, string $label, string $description ): array {
		return array(
			'label'       => $label,
			'status'      => $status,
			'badge'       => array(
				'label' => __( 'AI Failover', 'ai-failover' ),
				'color' => 'good' === $status ? 'blue' : 'red',
			),
			'description' => '' === $description ? '' : '<p>' . esc_html( $description ) . '</p>',
			'actions'     => '<p><a href="' . esc_url( admin_url( 'admin.php?page=ai-failover' ) ) . '">' . esc_html__( 'Open AI Failover', 'ai-failover' ) . '</a></p>',
			'test'        => 'aifo_' . $test,
		);
	}
}
