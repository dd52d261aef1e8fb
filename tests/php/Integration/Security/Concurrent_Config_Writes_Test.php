<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Security;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * Eight administrator requests at once, each writing its own entry of the same stored array
 * (providers, keys, features, catalog models, settings fields), over real HTTP: every write that
 * answered 2xx is there afterwards, and every delete that answered 200 is gone.
 *
 * @covers \AI_Failover\Settings\Option_Lock
 */
final class Concurrent_Config_Writes_Test extends Test_Case {

	private const PREFIX = 'security-race-';
	private const N      = 8;

	protected function set_up(): void {
		parent::set_up();
		if ( ! Site::available() ) {
			$this->markTestSkipped( 'WP_BASE_URL / WP_APP_PASSWORD not set: source .rig/<name>/env.sh.' );
		}
		$this->clean_up();
	}

	protected function tear_down(): void {
		if ( Site::available() ) {
			$this->clean_up();
		}
		parent::tear_down();
	}

	public function test_parallel_writes_of_different_entries_all_stay_written(): void {
		$this->all_succeed( $this->parallel( 'POST', static fn( int $i ): array => array( '/ai-failover/v1/providers', array( 'id' => self::PREFIX . $i, 'label' => 'Race', 'preset' => 'custom', 'base_url' => 'https://api.example.com/v1' ) ) ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- one line per request.
		$this->assertSame( self::N, count( $this->ids( '/ai-failover/v1/providers' ) ), 'Every provider created.' );

		$this->all_succeed( $this->parallel( 'POST', static fn( int $i ): array => array( '/ai-failover/v1/providers/' . self::PREFIX . '0/keys', array( 'label' => 'race ' . $i, 'secret' => 'sk-race-' . $i . '-0123456789abcdef' ) ) ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- one line per request.
		$this->assertCount( self::N, (array) Site::admin( 'GET', '/ai-failover/v1/providers/' . self::PREFIX . '0/keys' )['body'], 'Every key added.' );

		$this->all_succeed( $this->parallel( 'POST', static fn( int $i ): array => array( '/ai-failover/v1/features', array( 'id' => self::PREFIX . $i, 'label' => 'Race', 'primary' => array( 'provider_id' => self::PREFIX . $i, 'model' => 'm' ) ) ) ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- one line per request.
		$this->assertSame( self::N, count( $this->ids( '/ai-failover/v1/features' ) ), 'Every feature created.' );

		$this->all_succeed( $this->parallel( 'PUT', static fn( int $i ): array => array( '/ai-failover/v1/providers/' . self::PREFIX . '0/models', array( 'model' => 'race-model-' . $i ) ) ) );
		$models = array_column( (array) Site::admin( 'GET', '/ai-failover/v1/providers/' . self::PREFIX . '0/models' )['body'], 'model' );
		$this->assertCount( self::N, preg_grep( '/^race-model-/', $models ), 'Every model added.' );

		$this->all_succeed( $this->parallel( 'DELETE', static fn( int $i ): array => array( '/ai-failover/v1/features/' . self::PREFIX . $i, null ) ) );
		$this->assertSame( array(), $this->ids( '/ai-failover/v1/features' ), 'Every feature deleted.' );
		$this->all_succeed( $this->parallel( 'DELETE', static fn( int $i ): array => array( '/ai-failover/v1/providers/' . self::PREFIX . $i, null ) ) );
		$this->assertSame( array(), $this->ids( '/ai-failover/v1/providers' ), 'Every provider deleted.' );
	}

	public function test_parallel_changes_of_different_settings_all_stay_written(): void {
		$fields = array(
			'alert_window_minutes'    => 77,
			'alert_fallback_rate_pct' => 33,
			'alert_error_rate_pct'    => 44,
			'alert_min_runs'          => 9,
			'log_retention_days'      => 21,
			'log_preview_max_chars'   => 321,
		);
		$names  = array_keys( $fields );
		$before = Site::admin( 'GET', '/ai-failover/v1/settings' )['body'];
		try {
			$this->all_succeed(
				Site::admin_many(
					array_map( static fn( string $name ): array => array( 'PATCH', '/ai-failover/v1/settings', (string) wp_json_encode( array( $name => $fields[ $name ] ) ) ), $names ),
					count( $names )
				)
			);
			$after = array_intersect_key( Site::admin( 'GET', '/ai-failover/v1/settings' )['body'], $fields );
			ksort( $after );
			ksort( $fields );
			$this->assertSame( $fields, $after );
		} finally {
			Site::admin( 'PATCH', '/ai-failover/v1/settings', array_intersect_key( $before, $fields ) );
		}
	}

	/**
	 * @param string                                                 $method Method.
	 * @param callable(int): array{string, array<string, mixed>|null} $make  Route and body of request $i.
	 * @return list<array{status: int, raw: string}>
	 */
	private function parallel( string $method, callable $make ): array {
		$requests = array();
		for ( $i = 0; $i < self::N; $i++ ) {
			list( $route, $body ) = $make( $i );
			$requests[]           = array( $method, $route, null !== $body ? (string) wp_json_encode( $body ) : null );
		}
		return Site::admin_many( $requests, self::N );
	}

	/**
	 * @param list<array{status: int, raw: string}> $responses Responses.
	 */
	private function all_succeed( array $responses ): void {
		foreach ( $responses as $response ) {
			$this->assertContains( $response['status'], array( 200, 201 ), $response['raw'] );
		}
	}

	/**
	 * @return list<string> This test's ids in a collection.
	 */
	private function ids( string $route ): array {
		$ids = array_column( (array) Site::admin( 'GET', $route )['body'], 'id' );
		return array_values( array_filter( $ids, static fn( $id ): bool => str_starts_with( (string) $id, self::PREFIX ) ) );
	}

	private function clean_up(): void {
		foreach ( $this->ids( '/ai-failover/v1/features' ) as $id ) {
			Site::admin( 'DELETE', '/ai-failover/v1/features/' . $id );
		}
		foreach ( $this->ids( '/ai-failover/v1/providers' ) as $id ) {
			Site::admin( 'DELETE', '/ai-failover/v1/providers/' . $id );
		}
	}
}
