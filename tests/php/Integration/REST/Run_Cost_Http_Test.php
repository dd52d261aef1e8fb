<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

use AI_Failover\Tests\Integration\Rest_Over_Http;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * What a run costs the site, counted over real HTTP by the rig's mu-plugin (tests/rig/aifo-rig.php,
 * header X-Aifo-Rig-Count): the database queries the plugin's code issues and the plugin files the
 * request loads. A run of a feature with two providers reads everything it needs in two queries (the
 * options that are not autoloaded, then every breaker and key state of both providers) and writes
 * its events in one INSERT; it builds none of the screens, workflows or blocks. A REST request that
 * does not use the plugin loads three of its files and queries nothing for it.
 *
 * @covers \AI_Failover\Plugin
 * @covers \AI_Failover\Features\Feature_Repository
 * @covers \AI_Failover\Diagnostics\State_Repository
 */
final class Run_Cost_Http_Test extends Test_Case {
	use Rest_Over_Http;

	private const IDS = array( 'cost-primary', 'cost-backup' );

	private string $fake = '';

	protected function set_up(): void {
		parent::set_up();
		$this->fake = (string) getenv( 'FAKE_PROVIDER_URL' );
		if ( '' === $this->fake || '' === (string) getenv( 'WP_ROOT' ) ) {
			$this->markTestSkipped( 'FAKE_PROVIDER_URL / WP_ROOT are not set: source .rig/<name>/env.sh.' );
		}
	}

	protected function tear_down(): void {
		$this->tear_down_quietly();
		parent::tear_down();
	}

	public function test_a_run_reads_in_two_queries_and_writes_its_events_in_one(): void {
		$this->setup_over_http();
		$this->http( 'POST', '/ai-failover/v1/features/cost-run/run', $this->chat() );
		// The second run finds the tables current and its caches as cold as any request's.

		$run = $this->http( 'POST', '/ai-failover/v1/features/cost-run/run', $this->chat(), array( 'X-Aifo-Rig-Count' => 'run' ) );
		$this->assertSame( 200, $run['status'], $run['raw'] );
		$this->assertSame( 'success', $run['body']['status'] ?? null, $run['raw'] );
		$count = $this->counted( 'run' );

		$this->assertCount( 2, $count['reads'], "Reads:\n" . implode( "\n", $count['reads'] ) );
		$this->assertStringContainsString( 'aifo_provider_keys', $count['reads'][0], 'The options a run reads that are not autoloaded, together.' );
		$this->assertStringContainsString( 'aifo_state', $count['reads'][1], 'Breakers and key states.' );
		$this->assertStringContainsString( "'cost-primary','cost-backup'", $count['reads'][1], 'Of both providers of the feature, in the one query.' );
		$inserts = array_values( array_filter( $count['writes'], static fn( string $sql ): bool => str_starts_with( $sql, 'INSERT' ) ) );
		$this->assertCount( 1, $inserts, "Writes:\n" . implode( "\n", $count['writes'] ) );
		$this->assertStringContainsString( 'aifo_events', $inserts[0] );
		foreach ( array_diff( $count['writes'], $inserts ) as $write ) {
			// A success closes the route's and the key's breaker in a statement that matches no row when they are closed and clean.
			$this->assertMatchesRegularExpression( "/^UPDATE \\S+aifo_state SET probe_until = LAST_INSERT_ID.* WHERE id = '[0-9a-f]{32}' AND \\(breaker <> 'closed' OR failures > 0\\)$/", $write );
		}
		foreach ( $count['files'] as $file ) {
			$this->assertDoesNotMatchRegularExpression( '#^includes/(Admin|Blocks|Demo|Workflows)/#', $file, 'A run builds no screen, block, demo or workflow service.' );
		}
		$this->assertNotContains( 'includes/REST/Providers_Controller.php', $count['files'], 'Nor the other routes.' );
	}

	public function test_a_failed_attempt_counts_against_its_route_and_its_key_in_one_write(): void {
		// The primary answers 503 twice (the same-route retry, then the fallback): each failure is
		// one write for the route's and the key's breaker together, the commit a failover waits for.
		$this->setup_over_http( 'fail-503' );
		// Its warm-up run leaves 2 of the 5 failures that open a breaker: the counted run fails twice more.
		$this->http( 'POST', '/ai-failover/v1/features/cost-run/run', $this->chat() );

		$run = $this->http( 'POST', '/ai-failover/v1/features/cost-run/run', $this->chat(), array( 'X-Aifo-Rig-Count' => 'failover' ) );
		$this->assertSame( 200, $run['status'], $run['raw'] );
		$this->assertSame( 'success', $run['body']['status'] ?? null, $run['raw'] );
		$failed = array_values( array_filter( $run['body']['attempts'] ?? array(), static fn( array $attempt ): bool => 'success' !== $attempt['outcome'] ) );
		$this->assertCount( 2, $failed, $run['raw'] );
		$count = $this->counted( 'failover' );

		$failure_writes = array_values( array_filter( $count['writes'], static fn( string $sql ): bool => (bool) preg_match( '/^INSERT INTO \S+aifo_state .*failures/', $sql ) && ! str_contains( $sql, 'bucket_at' ) ) );
		$this->assertCount( count( $failed ), $failure_writes, "One write per failed attempt. Writes:\n" . implode( "\n", $count['writes'] ) );
		foreach ( $failure_writes as $write ) {
			$this->assertMatchesRegularExpression( "/VALUES \\('[0-9a-f]{32}', 'key:cost-primary:[a-z0-9]+'.*\\), \\('[0-9a-f]{32}', 'route:cost-primary\\/gpt-4o-mini'/", $write, 'The route and its key, in one statement.' );
		}
		$this->assertCount( 2 + count( $failed ), $count['reads'], "The two reads of every run, then the failure counts read back once per failed attempt. Reads:\n" . implode( "\n", $count['reads'] ) );
	}

	public function test_a_rest_request_that_does_not_use_the_plugin_costs_it_no_query_and_three_files(): void {
		$this->require_site();
		$me = $this->http( 'GET', '/wp/v2/users/me', null, array( 'X-Aifo-Rig-Count' => 'other' ) );
		$this->assertSame( 200, $me['status'], $me['raw'] );
		$count = $this->counted( 'other' );

		$this->assertSame( array(), array_merge( $count['reads'], $count['writes'] ) );
		$this->assertSame( array( 'plugin.php', 'includes/Requirements.php', 'includes/Plugin.php' ), $count['files'] );
	}

	/**
	 * What the rig counted for the request sent with that id.
	 *
	 * @param string $id Id.
	 * @return array{files: list<string>, reads: list<string>, writes: list<string>}
	 */
	private function counted( string $id ): array {
		$file = getenv( 'WP_ROOT' ) . '/wp-content/uploads/aifo-rig/count-' . $id . '.json';
		// phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- the rig's local output.
		$count = is_readable( $file ) ? json_decode( (string) file_get_contents( $file ), true ) : null;
		$this->assertIsArray( $count, "The rig wrote no count to $file: is tests/rig/aifo-rig.php current (bash bin/rig.sh up)?" );
		wp_delete_file( $file );
		return $count;
	}

	/**
	 * @param string $primary The fake provider's behaviour on the primary route (the backup answers).
	 */
	private function setup_over_http( string $primary = 'ok' ): void {
		$this->tear_down_quietly();
		foreach ( self::IDS as $index => $id ) {
			$provider = $this->http(
				'POST',
				'/ai-failover/v1/providers',
				array(
					'id'                    => $id,
					'label'                 => $id,
					'preset'                => 'openai',
					'base_url'              => $this->fake . '/r/' . ( 0 === $index ? $primary : 'ok' ) . '+cost' . $index . '/v1',
					'allow_private_network' => true,
				)
			);
			$this->assertSame( 201, $provider['status'], $provider['raw'] );
			$key = $this->http(
				'POST',
				"/ai-failover/v1/providers/$id/keys",
				array(
					'label'  => 'prod',
					'secret' => 'sk-cost-' . $index . '-0123456789abcdef',
				)
			);
			$this->assertSame( 201, $key['status'], $key['raw'] );
		}
		$feature = $this->http(
			'POST',
			'/ai-failover/v1/features',
			array(
				'id'        => 'cost-run',
				'label'     => 'Cost',
				'primary'   => array(
					'provider_id' => self::IDS[0],
					'model'       => 'gpt-4o-mini',
				),
				'fallbacks' => array(
					array(
						'provider_id' => self::IDS[1],
						'model'       => 'gpt-4o-mini',
					),
				),
			)
		);
		$this->assertSame( 201, $feature['status'], $feature['raw'] );
	}

	private function tear_down_quietly(): void {
		$this->http( 'DELETE', '/ai-failover/v1/features/cost-run' );
		foreach ( self::IDS as $id ) {
			$this->http( 'DELETE', '/ai-failover/v1/providers/' . $id );
		}
	}

	/**
	 * @return array<string, mixed>
	 */
	private function chat(): array {
		return array(
			'messages' => array(
				array(
					'role'    => 'user',
					'content' => 'Hi',
				),
			),
		);
	}
}
