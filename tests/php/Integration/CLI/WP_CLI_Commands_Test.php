<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\CLI;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * `wp ai-failover ...` through the real WP-CLI (the Packagist copy's wp-cli/wp-cli 2.11.0, which
 * `npm test` installs into .rig/cache/wp-cli) against the rig's site and database, as an
 * administrator would type it. The feature and workflow are created over REST and deleted after.
 *
 * @coversNothing
 */
final class WP_CLI_Commands_Test extends Test_Case {

	private string $boot    = '';
	private string $site    = '';
	private string $auth    = '';
	private string $feature = '';
	private int $workflow   = 0;

	protected function set_up(): void {
		parent::set_up();
		$this->boot = dirname( __DIR__, 4 ) . '/.rig/cache/wp-cli/vendor/wp-cli/wp-cli/php/boot-fs.php';
		$this->site = rtrim( (string) getenv( 'WP_BASE_URL' ), '/' );
		if ( ! is_readable( $this->boot ) ) {
			$this->markTestSkipped( 'WP-CLI is not installed in .rig/cache/wp-cli (bin/test.sh installs it from Packagist).' );
		}
		if ( '' === $this->site || ! getenv( 'WP_APP_PASSWORD' ) ) {
			$this->fail( 'WP_BASE_URL and WP_APP_PASSWORD come from .rig/test/env.sh (npm test sources it).' );
		}
		$this->auth    = 'Basic ' . base64_encode( ( getenv( 'WP_ADMIN_USER' ) ?: 'admin' ) . ':' . getenv( 'WP_APP_PASSWORD' ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic auth.
		$this->feature = 'cli-' . strtolower( wp_generate_password( 6, false ) );
		$this->assertSame(
			201,
			$this->site_rest(
				'POST',
				'/ai-failover/v1/features',
				array(
					'id'      => $this->feature,
					'label'   => 'CLI',
					'primary' => array(
						'provider_id' => 'simulator',
						'model'       => 'sim-echo',
					),
				)
			)['status']
		);
		$post           = $this->site_rest(
			'POST',
			'/wp/v2/aifo-workflows',
			array(
				'title'   => 'CLI ' . $this->feature,
				'status'  => 'publish',
				'content' => '<!-- wp:ai-failover/workflow {"inputs":[{"name":"topic","label":"Topic","type":"text","required":true,"default":""}]} -->'
					. '<!-- wp:ai-failover/step {"stepId":"ask","feature":"' . $this->feature . '","prompt":"About {{input.topic}}"} /-->'
					. '<!-- /wp:ai-failover/workflow -->',
			)
		);
		$this->workflow = (int) ( $post['body']['id'] ?? 0 );
		$this->assertSame( 201, $post['status'] );
	}

	protected function tear_down(): void {
		if ( $this->workflow > 0 ) {
			$this->site_rest( 'DELETE', '/wp/v2/aifo-workflows/' . $this->workflow . '?force=true' );
		}
		if ( '' !== $this->feature && '' !== $this->site ) {
			$this->site_rest( 'DELETE', '/ai-failover/v1/features/' . $this->feature );
		}
		parent::tear_down();
	}

	public function test_the_commands_run_through_wp_cli_against_the_site(): void {
		$run = $this->wp( 'ai-failover', 'feature', 'run', $this->feature, '--prompt=Hello CLI' );
		$this->assertSame( 0, $run['exit'], $run['stderr'] );
		$this->assertStringContainsString( 'Simulated answer to: Hello CLI', $run['stdout'] );
		$this->assertStringContainsString( 'Success: Served by Simulator (built in, no key) / sim-echo', $run['stdout'] );

		$json = $this->wp( 'ai-failover', 'feature', 'run', $this->feature, '--message=Again', '--format=json' );
		$this->assertSame( 'success', json_decode( $json['stdout'], true )['status'] ?? null, $json['stdout'] );

		$events = $this->wp( 'ai-failover', 'events', 'list', '--feature=' . $this->feature, '--since=10 minutes ago', '--format=json' );
		$rows   = json_decode( $events['stdout'], true );
		$this->assertSame( array( 'simulator/sim-echo', 'simulator/sim-echo' ), array_column( is_array( $rows ) ? $rows : array(), 'route' ), $events['stdout'] );

		$table = $this->wp( 'ai-failover', 'events', 'list', '--feature=' . $this->feature, '--limit=1' );
		$this->assertMatchesRegularExpression( '/created_at\s+run_id\s+feature.*\n.*' . preg_quote( $this->feature, '/' ) . '\s+simulator\/sim-echo\s+success/', $table['stdout'], 'A table, empty cells for nulls.' );

		$missing = $this->wp( 'ai-failover', 'feature', 'run', 'no-such-feature', '--message=x' );
		$this->assertSame( 1, $missing['exit'] );
		$this->assertStringContainsString( 'Error: The run failed: There is no AI feature "no-such-feature"', $missing['stderr'] );

		$workflow = $this->wp( 'ai-failover', 'workflow', 'run', (string) $this->workflow, '--input={"topic":"owls"}' );
		$this->assertSame( 0, $workflow['exit'], $workflow['stderr'] );
		$this->assertSame( 'Simulated answer to: About owls', json_decode( substr( $workflow['stdout'], 0, (int) strrpos( $workflow['stdout'], "}\n" ) + 1 ), true )['output'] ?? null, $workflow['stdout'] );

		$queued = $this->wp( 'ai-failover', 'workflow', 'run', (string) $this->workflow, '--input={"topic":"bats"}', '--async' );
		$this->assertMatchesRegularExpression( '/Success: Queued as job (\d+)\./', $queued['stdout'] );
		$jobs = json_decode( $this->wp( 'ai-failover', 'queue', 'list', '--status=queued', '--format=json' )['stdout'], true );
		$this->assertContains( $this->workflow, array_column( is_array( $jobs ) ? $jobs : array(), 'workflow' ) );
		$ran = $this->wp( 'ai-failover', 'queue', 'run' );
		$this->assertMatchesRegularExpression( '/Success: Ran [1-9]\d* jobs?\./', $ran['stdout'] );

		$breakers = $this->wp( 'ai-failover', 'breaker', 'list', '--format=json' );
		$this->assertSame( 0, $breakers['exit'] );
		$this->assertIsArray( json_decode( $breakers['stdout'], true ), $breakers['stdout'] );
		$bad = $this->wp( 'ai-failover', 'breaker', 'reset', 'nonsense' );
		$this->assertSame( array( 1, true ), array( $bad['exit'], str_contains( $bad['stderr'], 'is not a breaker' ) ) );
	}

	/**
	 * Runs `wp <args>` against the rig's site (its database, not the suite's).
	 *
	 * @param string ...$args Arguments.
	 * @return array{exit: int, stdout: string, stderr: string}
	 */
	private function wp( string ...$args ): array {
		$command = array_merge( array( PHP_BINARY, '-d', 'display_errors=stderr', $this->boot, '--path=' . getenv( 'WP_ROOT' ), '--allow-root' ), $args );
		$env     = array(
			'PATH'             => (string) getenv( 'PATH' ),
			'HOME'             => sys_get_temp_dir(),
			'WP_DB_NAME'       => getenv( 'WP_SITE_DB_NAME' ) ?: 'wordpress',
			'WP_CLI_CACHE_DIR' => sys_get_temp_dir() . '/aifo-wp-cli-cache',
		);
		$pipes   = array();
		$process = proc_open(
			$command,
			array(
				0 => array( 'file', '/dev/null', 'r' ),
				1 => array( 'pipe', 'w' ),
				2 => array( 'pipe', 'w' ),
			),
			$pipes,
			null,
			$env
		);
		$this->assertIsResource( $process );
		$stdout = (string) stream_get_contents( $pipes[1] );
		$stderr = (string) stream_get_contents( $pipes[2] );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		return array(
			'exit'   => proc_close( $process ),
			'stdout' => $stdout,
			'stderr' => $stderr,
		);
	}

	/**
	 * @param string                    $method Method.
	 * @param string                    $path   Path under /wp-json.
	 * @param array<string, mixed>|null $body   JSON body.
	 * @return array{status: int, body: mixed}
	 */
	private function site_rest( string $method, string $path, ?array $body = null ): array {
		$response = wp_remote_request(
			$this->site . '/wp-json' . $path,
			array(
				'method'  => $method,
				'headers' => array(
					'Authorization' => $this->auth,
					'Content-Type'  => 'application/json',
				),
				'body'    => null === $body ? null : wp_json_encode( $body ),
				'timeout' => 30,
			)
		);
		$this->assertIsArray( $response );
		return array(
			'status' => (int) wp_remote_retrieve_response_code( $response ),
			'body'   => json_decode( wp_remote_retrieve_body( $response ), true ),
		);
	}
}
