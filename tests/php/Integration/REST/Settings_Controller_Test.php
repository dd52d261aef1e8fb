<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

use AI_Failover\Settings\Settings_Repository;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * @covers \AI_Failover\REST\Settings_Controller
 * @covers \AI_Failover\Settings\Settings_Repository
 */
final class Settings_Controller_Test extends Test_Case {

	private const ROUTE = '/ai-failover/v1/settings';

	public function test_route_is_registered_with_read_and_edit_methods(): void {
		$routes = rest_get_server()->get_routes();

		$this->assertArrayHasKey( self::ROUTE, $routes );
		$methods = array_merge( ...array_map( static fn( $handler ) => array_keys( $handler['methods'] ), $routes[ self::ROUTE ] ) );
		$this->assertEqualsCanonicalizing( array( 'GET', 'POST', 'PUT', 'PATCH' ), $methods );
	}

	public function test_administrator_reads_the_schema_defaults_before_anything_is_saved(): void {
		wp_set_current_user( $this->create_user( 'administrator' ) );
		delete_option( Settings_Repository::OPTION );

		$response = $this->rest( 'GET', self::ROUTE );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame(
			array(
				'log_retention_days'      => 30,
				'log_previews'            => false,
				'log_preview_max_chars'   => 500,
				'alerts_enabled'          => true,
				'alert_email'             => '',
				'alert_webhook_url'       => '',
				'alert_window_minutes'    => 60,
				'alert_fallback_rate_pct' => 25,
				'alert_error_rate_pct'    => 50,
				'alert_min_runs'          => 5,
				'site_budget_daily_usd'   => 0,
				'site_budget_monthly_usd' => 0,
			),
			$response->get_data()
		);
	}

	public function test_a_partial_update_changes_only_the_fields_sent(): void {
		wp_set_current_user( $this->create_user( 'administrator' ) );
		update_option(
			Settings_Repository::OPTION,
			array(
				'log_retention_days' => 10,
				'log_previews'       => true,
			)
		);

		$response = $this->rest( 'POST', self::ROUTE, array( 'log_preview_max_chars' => 120 ) );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 10, $response->get_data()['log_retention_days'] );
		$this->assertTrue( $response->get_data()['log_previews'] );
		$this->assertSame( 120, get_option( Settings_Repository::OPTION )['log_preview_max_chars'] );
	}

	/**
	 * @dataProvider invalid_updates
	 *
	 * @param array<string, mixed> $body  Request body.
	 * @param string               $field The field the error must name.
	 */
	public function test_invalid_input_is_a_400_naming_the_field_and_saves_nothing( array $body, string $field ): void {
		wp_set_current_user( $this->create_user( 'administrator' ) );
		update_option( Settings_Repository::OPTION, array( 'log_retention_days' => 12 ) );

		$response = $this->rest( 'PUT', self::ROUTE, $body );

		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( 'rest_invalid_param', $response->get_data()['code'] );
		$this->assertArrayHasKey( $field, $response->get_data()['data']['params'] );
		$this->assertSame( array( 'log_retention_days' => 12 ), get_option( Settings_Repository::OPTION ), 'Nothing is lost.' );
	}

	/**
	 * @return array<string, array{array<string, mixed>, string}>
	 */
	public function invalid_updates(): array {
		return array(
			'below the minimum'              => array( array( 'log_retention_days' => 0 ), 'log_retention_days' ),
			'above the maximum'              => array( array( 'log_retention_days' => 366 ), 'log_retention_days' ),
			'not an integer'                 => array( array( 'log_retention_days' => 1.5 ), 'log_retention_days' ),
			'not a boolean'                  => array( array( 'log_previews' => 'maybe' ), 'log_previews' ),
			'an unknown field'               => array( array( 'log_retention_dayz' => 5 ), 'log_retention_dayz' ),
			'valid field with unknown field' => array(
				array(
					'log_retention_days' => 20,
					'shadow'             => true,
				),
				'shadow',
			),
		);
	}

	/**
	 * @dataProvider roles
	 */
	public function test_permission_matrix( string $role, int $expected_status ): void {
		if ( '' !== $role ) {
			wp_set_current_user( $this->create_user( $role ) );
		}

		foreach ( array( 'GET', 'POST' ) as $method ) {
			$response = $this->rest( $method, self::ROUTE, 'POST' === $method ? array( 'log_retention_days' => 7 ) : array() );
			$this->assertSame( $expected_status, $response->get_status(), "$method as " . ( $role ? $role : 'anonymous' ) );
			if ( 200 !== $expected_status ) {
				$this->assertSame( 'aifo_forbidden', $response->get_data()['code'] );
			}
		}
		if ( 200 !== $expected_status ) {
			$this->assertFalse( get_option( Settings_Repository::OPTION, false ) && 7 === ( get_option( Settings_Repository::OPTION )['log_retention_days'] ?? null ) );
		}
	}

	/**
	 * @return array<string, array{string, int}>
	 */
	public function roles(): array {
		return array(
			'anonymous'     => array( '', 401 ),
			'subscriber'    => array( 'subscriber', 403 ),
			'author'        => array( 'author', 403 ),
			'editor'        => array( 'editor', 403 ),
			'administrator' => array( 'administrator', 200 ),
		);
	}

	public function test_a_filter_can_hand_settings_to_editors(): void {
		$grant_editors = static fn( $base, $cap ) => 'aifo_manage_settings' === $cap ? 'edit_others_posts' : $base;
		add_filter( 'aifo_capability_base', $grant_editors, 10, 2 );
		wp_set_current_user( $this->create_user( 'editor' ) );

		$status = $this->rest( 'GET', self::ROUTE )->get_status();
		remove_filter( 'aifo_capability_base', $grant_editors, 10 );

		$this->assertSame( 200, $status );
	}

	public function test_schema_is_the_generated_one(): void {
		$response = $this->rest( 'OPTIONS', self::ROUTE );
		$schema   = $response->get_data()['schema'];
		$json     = json_decode( (string) file_get_contents( AIFO_PLUGIN_DIR . '/includes/Schema/json/plugin-settings.schema.json' ), true );

		$this->assertSame( array_keys( $json['properties'] ), array_keys( $schema['properties'] ) );
		foreach ( $json['properties'] as $name => $property ) {
			foreach ( $property as $keyword => $value ) {
				$this->assertSame( $value, $schema['properties'][ $name ][ $keyword ], "$name.$keyword" );
			}
		}
	}

	public function test_a_stored_value_that_no_longer_validates_falls_back_to_its_default(): void {
		wp_set_current_user( $this->create_user( 'administrator' ) );
		update_option(
			Settings_Repository::OPTION,
			array(
				'log_retention_days'    => 9000,
				'log_preview_max_chars' => 80,
			)
		);

		$data = $this->rest( 'GET', self::ROUTE )->get_data();

		$this->assertSame( 30, $data['log_retention_days'] );
		$this->assertSame( 80, $data['log_preview_max_chars'] );
	}
}
