<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

use AI_Failover\Tests\Integration\Security\Rig_Logs;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * The workflow routes for every role, over real HTTP against the rig's WordPress (the request
 * loads only what WordPress loads for REST), authenticated with application passwords. The
 * steps run on the keyless Simulator. Everything is created over HTTP by the administrator and
 * deleted again afterwards (the rig's site database is not the suite's transactional one).
 *
 * Administrators and editors may build, validate and run workflows and read their runs; only
 * administrators may drill (`simulate`); authors and subscribers get 403, visitors 401; and a
 * refused run leaves no run record.
 *
 * @coversNothing
 */
final class Workflow_Permissions_Http_Test extends TestCase {

	private string $base = '';

	private string $admin_auth = '';

	/** @var array<string, array{id: int, auth: string, login: string, password: string}> Role => user. */
	private array $users = array();

	private int $workflow = 0;

	private string $feature = '';

	protected function set_up(): void {
		parent::set_up();
		$this->base       = rtrim( (string) getenv( 'WP_BASE_URL' ), '/' );
		$password         = (string) getenv( 'WP_APP_PASSWORD' );
		$this->admin_auth = base64_encode( ( getenv( 'WP_ADMIN_USER' ) ?: 'admin' ) . ':' . $password ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic authentication.
		if ( '' === $this->base || '' === $password ) {
			$this->markTestSkipped( 'Needs the rig: source .rig/test/env.sh (WP_BASE_URL, WP_APP_PASSWORD).' );
		}
		$suffix        = strtolower( wp_generate_password( 6, false ) );
		$this->feature = 'wf-http-' . $suffix;
		$this->assertSame(
			201,
			$this->call(
				$this->admin_auth,
				'POST',
				'/ai-failover/v1/features',
				array(
					'id'      => $this->feature,
					'label'   => 'HTTP test',
					'primary' => array(
						'provider_id' => 'simulator',
						'model'       => 'sim-echo',
					),
				)
			)[0]
		);

		foreach ( array( 'editor', 'author', 'subscriber' ) as $role ) {
			$password              = wp_generate_password( 20, false );
			list( $status, $user ) = $this->call(
				$this->admin_auth,
				'POST',
				'/wp/v2/users',
				array(
					'username' => 'wfhttp_' . $role . '_' . $suffix,
					'email'    => $role . $suffix . '@example.org',
					'password' => $password,
					'roles'    => array( $role ),
				)
			);
			$this->assertSame( 201, $status, 'creating the ' . $role );
			list( $status, $app ) = $this->call( $this->admin_auth, 'POST', '/wp/v2/users/' . $user['id'] . '/application-passwords', array( 'name' => 'workflow test' ) );
			$this->assertSame( 201, $status, 'application password of the ' . $role );
			$this->users[ $role ] = array(
				'id'       => (int) $user['id'],
				'auth'     => base64_encode( $user['username'] . ':' . $app['password'] ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic authentication.
				'login'    => (string) $user['username'],
				'password' => $password,
			);
		}

		list( $status, $post ) = $this->call(
			$this->admin_auth,
			'POST',
			'/wp/v2/aifo-workflows',
			array(
				'title'   => 'HTTP permissions',
				'status'  => 'publish',
				'content' => $this->content(),
			)
		);
		$this->assertSame( 201, $status, 'creating the workflow' );
		$this->workflow = (int) $post['id'];
	}

	protected function tear_down(): void {
		if ( $this->workflow ) {
			$this->call( $this->admin_auth, 'DELETE', '/wp/v2/aifo-workflows/' . $this->workflow . '?force=true' );
		}
		foreach ( $this->users as $user ) {
			$this->call( $this->admin_auth, 'DELETE', '/wp/v2/users/' . $user['id'] . '?force=true&reassign=1' );
		}
		if ( '' !== $this->feature && '' !== $this->base ) {
			$this->call( $this->admin_auth, 'DELETE', '/ai-failover/v1/features/' . $this->feature );
		}
		parent::tear_down();
	}

	public function test_every_role_gets_what_its_capabilities_allow(): void {
		list( $status, $run ) = $this->call( $this->admin_auth, 'POST', $this->runs_route(), array( 'input' => array( 'topic' => 'owls' ) ) );
		$this->assertSame( 200, $status );
		$this->assertSame( 'succeeded', $run['status'] );
		$this->assertSame( 'Simulated answer to: Tell me about owls', $run['output'] );
		$run_id = (string) $run['id'];

		// Columns: features summary, validate, run, drill, list runs, one run, the post in edit
		// context, the post, the post list (published workflows are not for visitors either).
		$expected    = array(
			'administrator' => array_fill( 0, 9, 200 ),
			'editor'        => array( 200, 200, 200, 403, 200, 200, 200, 200, 200 ),
			'author'        => array_fill( 0, 9, 403 ),
			'subscriber'    => array_fill( 0, 9, 403 ),
			'anonymous'     => array_fill( 0, 9, 401 ),
		);
		$runs_before = count( $this->call( $this->admin_auth, 'GET', $this->runs_route() )[1] );
		$actual      = array();
		foreach ( array_keys( $expected ) as $role ) {
			$auth            = 'administrator' === $role ? $this->admin_auth : ( $this->users[ $role ]['auth'] ?? '' );
			$actual[ $role ] = array(
				$this->call( $auth, 'GET', '/ai-failover/v1/features-summary' )[0],
				$this->call( $auth, 'POST', '/ai-failover/v1/workflows/validate', array( 'content' => $this->content() ) )[0],
				$this->call( $auth, 'POST', $this->runs_route(), array( 'input' => array( 'topic' => $role ) ) )[0],
				$this->call(
					$auth,
					'POST',
					$this->runs_route(),
					array(
						'simulate' => array(
							array(
								'step'        => 'ask',
								'error_class' => 'timeout',
							),
						),
					)
				)[0],
				$this->call( $auth, 'GET', $this->runs_route() )[0],
				$this->call( $auth, 'GET', '/ai-failover/v1/workflow-runs/' . $run_id )[0],
				$this->call( $auth, 'GET', '/wp/v2/aifo-workflows/' . $this->workflow . '?context=edit' )[0],
				$this->call( $auth, 'GET', '/wp/v2/aifo-workflows/' . $this->workflow )[0],
				$this->call( $auth, 'GET', '/wp/v2/aifo-workflows' )[0],
			);
		}
		$this->assertSame( $expected, $actual );

		// Administrator and editor each ran it once, the administrator's drill once more; refusals left nothing.
		list( , $runs ) = $this->call( $this->admin_auth, 'GET', $this->runs_route() );
		$this->assertCount( $runs_before + 3, $runs );
		$this->assertSame( array( 'administrator', 'editor' ), array_values( array_intersect( array( 'administrator', 'editor', 'author', 'subscriber', 'anonymous' ), array_map( static fn( array $r ) => substr( (string) $r['output'], strlen( 'Simulated answer to: Tell me about ' ) ), $runs ) ) ) );
	}

	public function test_the_administrators_drill_takes_the_failure_branch(): void {
		list( $status, $run ) = $this->call(
			$this->admin_auth,
			'POST',
			$this->runs_route(),
			array(
				'simulate' => array(
					array(
						'step'        => 'ask',
						'error_class' => 'timeout',
					),
				),
			)
		);
		$this->assertSame( 200, $status );
		$this->assertSame( 'stopped', $run['status'] );
		$this->assertSame( 'failed', $run['outcome'] );
		$this->assertSame( array( 'failed', 'failure', 'timeout' ), array( $run['steps'][0]['status'], $run['steps'][0]['branch'], $run['steps'][0]['error']['class'] ) );
		$this->assertStringStartsWith( 'Gave up: timeout', $run['message'] );
	}

	public function test_editors_cannot_create_workflows_with_an_authors_account_and_can_with_their_own(): void {
		$body = array(
			'title'   => 'x',
			'content' => $this->content(),
		);
		$this->assertSame( 403, $this->call( $this->users['author']['auth'], 'POST', '/wp/v2/aifo-workflows', $body )[0] );
		list( $status, $post ) = $this->call( $this->users['editor']['auth'], 'POST', '/wp/v2/aifo-workflows', $body );
		$this->assertSame( 201, $status );
		$this->call( $this->admin_auth, 'DELETE', '/wp/v2/aifo-workflows/' . $post['id'] . '?force=true' );
	}

	public function test_a_streamed_run_sends_each_step_as_it_finishes(): void {
		$slow = $this->feature . '-slow';
		$this->assertSame(
			201,
			$this->call(
				$this->admin_auth,
				'POST',
				'/ai-failover/v1/features',
				array(
					'id'      => $slow,
					'label'   => 'Slow',
					'primary' => array(
						'provider_id' => 'simulator',
						'model'       => 'sim-slow-first-token',
					),
				)
			)[0]
		);
		$content        = str_replace( '"feature":"' . $this->feature . '"', '"feature":"' . $slow . '"', $this->content() );
		$content        = str_replace( '<!-- /wp:ai-failover/workflow -->', '<!-- wp:ai-failover/step {"stepId":"again","feature":"' . $slow . '","prompt":"More on {{steps.ask.output}}"} /--><!-- /wp:ai-failover/workflow -->', $content );
		list( , $post ) = $this->call(
			$this->admin_auth,
			'POST',
			'/wp/v2/aifo-workflows',
			array(
				'title'   => 'Slow',
				'status'  => 'publish',
				'content' => $content,
			)
		);
		try {
			// Record when each chunk arrives: buffered output would deliver every event at the end.
			$chunks = array();
			$logs   = ( new Rig_Logs() )->mark();
			$handle = curl_init( $this->base . '/wp-json/ai-failover/v1/workflows/' . $post['id'] . '/runs' );
			curl_setopt_array(
				$handle,
				array(
					CURLOPT_POST          => true,
					CURLOPT_POSTFIELDS    => (string) wp_json_encode( array( 'stream' => true ) ),
					// An Origin, as the editor's fetch sends: WordPress then adds CORS headers.
					CURLOPT_HTTPHEADER    => array( 'Content-Type: application/json', 'Origin: ' . $this->base, 'Authorization: Basic ' . $this->users['editor']['auth'] ),
					CURLOPT_TIMEOUT       => 30,
					CURLOPT_WRITEFUNCTION => static function ( $curl, string $data ) use ( &$chunks ): int {
						$chunks[] = array( microtime( true ), $data );
						return strlen( $data );
					},
				)
			);
			curl_exec( $handle );
			$this->assertSame( 200, curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ) );
			$this->assertStringStartsWith( 'text/event-stream', (string) curl_getinfo( $handle, CURLINFO_CONTENT_TYPE ) );
			curl_close( $handle );

			$body = implode( '', array_column( $chunks, 1 ) );
			preg_match_all( '/^event: (\w+)$/m', $body, $events );
			$this->assertSame( array( 'step_started', 'step_finished', 'step_started', 'step_finished', 'done' ), $events[1] );
			$this->assertSame( 1, preg_match( '/event: done\ndata: (.*)\n/', $body, $done ) );
			$this->assertSame( 'succeeded', json_decode( $done[1] ?? '', true )['status'] );

			$arrived = static function ( string $needle ) use ( $chunks ): float {
				$seen = '';
				foreach ( $chunks as $chunk ) {
					$seen .= $chunk[1];
					if ( str_contains( $seen, $needle ) ) {
						return $chunk[0];
					}
				}
				return INF;
			};
			// The second step waits 400 ms on the Simulator: the first step's record came before that.
			$this->assertGreaterThan( 0.2, $arrived( 'event: done' ) - $arrived( '"id":"ask"' ) );
			// Every header went out before the first event: none was set too late.
			$this->assertSame( array(), array_filter( $logs->appended(), static fn( string $text ): bool => str_contains( $text, 'headers already sent' ) ) );
		} finally {
			$this->call( $this->admin_auth, 'DELETE', '/wp/v2/aifo-workflows/' . $post['id'] . '?force=true' );
			$this->call( $this->admin_auth, 'DELETE', '/ai-failover/v1/features/' . $slow );
		}
	}

	public function test_a_streamed_run_whose_client_goes_away_still_finishes_and_is_recorded(): void {
		$slow = $this->feature . '-slow';
		$this->assertSame(
			201,
			$this->call(
				$this->admin_auth,
				'POST',
				'/ai-failover/v1/features',
				array(
					'id'      => $slow,
					'label'   => 'Slow',
					'primary' => array(
						'provider_id' => 'simulator',
						'model'       => 'sim-slow-first-token',
					),
				)
			)[0]
		);
		$content        = str_replace( '"feature":"' . $this->feature . '"', '"feature":"' . $slow . '"', $this->content() );
		$content        = str_replace( '<!-- /wp:ai-failover/workflow -->', '<!-- wp:ai-failover/step {"stepId":"again","feature":"' . $slow . '","prompt":"More"} /--><!-- wp:ai-failover/step {"stepId":"third","feature":"' . $slow . '","prompt":"Even more"} /--><!-- /wp:ai-failover/workflow -->', $content );
		list( , $post ) = $this->call(
			$this->admin_auth,
			'POST',
			'/wp/v2/aifo-workflows',
			array(
				'title'   => 'Abandoned',
				'status'  => 'publish',
				'content' => $content,
			)
		);
		try {
			$handle = curl_init( $this->base . '/wp-json/ai-failover/v1/workflows/' . $post['id'] . '/runs' );
			curl_setopt_array(
				$handle,
				array(
					CURLOPT_POST          => true,
					CURLOPT_POSTFIELDS    => (string) wp_json_encode( array( 'stream' => true ) ),
					CURLOPT_HTTPHEADER    => array( 'Content-Type: application/json', 'Authorization: Basic ' . $this->users['editor']['auth'] ),
					CURLOPT_TIMEOUT       => 30,
					// Hang up at the first event, while the first of three 400 ms steps runs.
					CURLOPT_WRITEFUNCTION => static fn(): int => 0,
				)
			);
			curl_exec( $handle );
			curl_close( $handle );

			$runs = array();
			for ( $i = 0; $i < 40 && ! $runs; $i++ ) {
				usleep( 100000 );
				$runs = $this->call( $this->admin_auth, 'GET', '/ai-failover/v1/workflows/' . $post['id'] . '/runs' )[1];
			}
			$this->assertCount( 1, $runs, 'the run was recorded' );
			$this->assertSame( array( 'ask', 'again', 'third' ), array_column( $runs[0]['steps'], 'id' ), 'every step ran' );
		} finally {
			$this->call( $this->admin_auth, 'DELETE', '/wp/v2/aifo-workflows/' . $post['id'] . '?force=true' );
			$this->call( $this->admin_auth, 'DELETE', '/ai-failover/v1/features/' . $slow );
		}
	}

	public function test_concurrent_runs_each_leave_their_own_record(): void {
		$before = count( $this->call( $this->admin_auth, 'GET', $this->runs_route() )[1] );
		$multi  = curl_multi_init();
		$curls  = array();
		foreach ( array( 'a', 'b', 'c', 'd', 'e', 'f' ) as $topic ) {
			$handle = curl_init( $this->base . '/wp-json' . $this->runs_route() );
			curl_setopt_array(
				$handle,
				array(
					CURLOPT_POST           => true,
					CURLOPT_POSTFIELDS     => (string) wp_json_encode( array( 'input' => array( 'topic' => $topic ) ) ),
					CURLOPT_HTTPHEADER     => array( 'Content-Type: application/json', 'Authorization: Basic ' . $this->users['editor']['auth'] ),
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_TIMEOUT        => 30,
				)
			);
			curl_multi_add_handle( $multi, $handle );
			$curls[ $topic ] = $handle;
		}
		do {
			curl_multi_exec( $multi, $running );
			curl_multi_select( $multi, 1.0 );
		} while ( $running > 0 );
		$ids = array();
		foreach ( $curls as $topic => $handle ) {
			$this->assertSame( 200, curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ) );
			$run = json_decode( (string) curl_multi_getcontent( $handle ), true );
			$this->assertSame( 'Simulated answer to: Tell me about ' . $topic, $run['output'] );
			$ids[] = $run['id'];
			curl_multi_remove_handle( $multi, $handle );
			curl_close( $handle );
		}
		curl_multi_close( $multi );

		list( , $runs ) = $this->call( $this->admin_auth, 'GET', $this->runs_route() );
		$this->assertCount( $before + 6, $runs, 'no run record lost to another' );
		$this->assertEqualsCanonicalizing( $ids, array_values( array_intersect( array_column( $runs, 'id' ), $ids ) ) );
	}

	public function test_administrators_find_workflows_under_ai_failover_which_still_opens_its_settings(): void {
		$jar = (string) wp_tempnam( 'aifo-cookies' );
		try {
			$this->browse(
				$jar,
				$this->base . '/wp-login.php',
				array(
					'log'        => getenv( 'WP_ADMIN_USER' ) ?: 'admin',
					'pwd'        => (string) getenv( 'WP_ADMIN_PASS' ),
					'testcookie' => '1',
				)
			);
			list( $status, $page ) = $this->browse( $jar, $this->base . '/wp-admin/edit.php?post_type=aifo_workflow' );
			$this->assertSame( 200, $status );
			$this->assertMatchesRegularExpression( '#<a href=[\'"]admin\.php\?page=ai-failover[\'"][^>]*toplevel_page_ai-failover#', $page, 'the top level still opens the settings' );
			$this->assertMatchesRegularExpression( '#<li class="current"><a href=[\'"]edit\.php\?post_type=aifo_workflow[\'"]#', $page, 'Workflows is the current item of AI Failover' );
		} finally {
			wp_delete_file( $jar );
		}
	}

	public function test_editors_find_workflows_in_the_admin_menu_and_authors_do_not(): void {
		foreach ( array(
			'editor' => 200,
			'author' => 403,
		) as $role => $expected ) {
			$jar = (string) wp_tempnam( 'aifo-cookies' );
			try {
				$this->browse(
					$jar,
					$this->base . '/wp-login.php',
					array(
						'log'        => $this->users[ $role ]['login'],
						'pwd'        => $this->users[ $role ]['password'],
						'testcookie' => '1',
					)
				);
				list( $status, $page ) = $this->browse( $jar, $this->base . '/wp-admin/edit.php?post_type=aifo_workflow' );
				$this->assertSame( $expected, $status, $role . ': the workflow list' );
				list( , $dashboard ) = $this->browse( $jar, $this->base . '/wp-admin/index.php' );
				$this->assertSame( 200 === $expected ? 1 : 0, preg_match( '#<a href=[\'"]edit\.php\?post_type=aifo_workflow[\'"]#', $dashboard ), $role . ': the menu entry' );
				if ( 200 === $expected ) {
					$this->assertStringContainsString( 'HTTP permissions', $page );
				}
			} finally {
				wp_delete_file( $jar );
			}
		}
	}

	/**
	 * A browser request with a cookie jar.
	 *
	 * @param string                     $jar  Cookie file.
	 * @param string                     $url  URL.
	 * @param array<string, string>|null $form Form fields to POST.
	 * @return array{int, string}
	 */
	private function browse( string $jar, string $url, ?array $form = null ): array {
		$handle = curl_init( $url );
		curl_setopt_array(
			$handle,
			array(
				CURLOPT_COOKIEJAR      => $jar,
				CURLOPT_COOKIEFILE     => $jar,
				CURLOPT_COOKIE         => 'wordpress_test_cookie=WP%20Cookie%20check',
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_TIMEOUT        => 30,
			)
		);
		if ( null !== $form ) {
			curl_setopt( $handle, CURLOPT_POSTFIELDS, http_build_query( $form ) );
		}
		$body   = (string) curl_exec( $handle );
		$status = (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE );
		curl_close( $handle );
		return array( $status, $body );
	}

	private function runs_route(): string {
		return '/ai-failover/v1/workflows/' . $this->workflow . '/runs';
	}

	/**
	 * A one-step workflow on the test feature whose failure branch stops the run.
	 */
	private function content(): string {
		return '<!-- wp:ai-failover/workflow {"inputs":[{"name":"topic","label":"Topic","type":"text","required":false,"default":"cats"}]} -->'
			. '<!-- wp:ai-failover/step {"stepId":"ask","label":"Ask","feature":"' . $this->feature . '","prompt":"Tell me about {{input.topic}}"} -->'
			. '<!-- wp:ai-failover/on-failure --><!-- wp:ai-failover/stop {"status":"failed","message":"Gave up: {{error.class}}"} /--><!-- /wp:ai-failover/on-failure -->'
			. '<!-- /wp:ai-failover/step --><!-- /wp:ai-failover/workflow -->';
	}

	/**
	 * One real HTTP request to the rig.
	 *
	 * @param string               $auth   Basic credentials ('' for a visitor).
	 * @param string               $method Method.
	 * @param string               $route  REST route.
	 * @param array<string, mixed> $body   JSON body.
	 * @return array{int, mixed} Status and decoded body.
	 */
	private function call( string $auth, string $method, string $route, array $body = array() ): array {
		$headers = array( 'Content-Type' => 'application/json' );
		if ( '' !== $auth ) {
			$headers['Authorization'] = 'Basic ' . $auth;
		}
		$response = wp_remote_request(
			$this->base . '/wp-json' . $route,
			array(
				'method'  => $method,
				'headers' => $headers,
				'body'    => $body ? (string) wp_json_encode( $body ) : '',
				'timeout' => 30,
			)
		);
		$this->assertFalse( is_wp_error( $response ), is_wp_error( $response ) ? $response->get_error_message() : '' );
		return array( (int) wp_remote_retrieve_response_code( $response ), json_decode( wp_remote_retrieve_body( $response ), true ) );
	}
}
