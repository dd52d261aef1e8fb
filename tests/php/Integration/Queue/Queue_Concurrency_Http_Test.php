<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Queue;

use AI_Failover\Queue\Job;
use AI_Failover\Queue\Job_Repository;
use AI_Failover\Queue\Queue;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * The queue under real concurrency: jobs queued over REST (`async: true`, 202) on the rig's
 * site, then several workers at once (parallel POST /queue/run requests, and parallel GETs of
 * wp-cron.php: php-fpm workers sharing only MariaDB), each upstream call counted by the fake
 * provider. Afterwards the site's table must show every job done exactly once (one attempt), never
 * more running at once than the site's limit, and the fake provider one request per job. Also the
 * Retry-After deferral end to end: a 429 with `retry-after: 30` leaves the job queued 30 s later,
 * and a worker before then sends nothing upstream.
 *
 * @covers \AI_Failover\Queue\Queue
 * @covers \AI_Failover\Queue\Job_Repository
 * @covers \AI_Failover\Queue\Workflow_Job_Handler
 * @covers \AI_Failover\REST\Queue_Controller
 * @covers \AI_Failover\REST\Workflows_Controller
 */
final class Queue_Concurrency_Http_Test extends Test_Case {

	private string $site = '';
	private string $auth = '';
	private string $fake = '';
	private string $tag  = '';

	private string $provider = '';
	private string $feature  = '';
	private int $workflow    = 0;

	protected function set_up(): void {
		parent::set_up();
		$this->site = rtrim( (string) getenv( 'WP_BASE_URL' ), '/' );
		$this->auth = 'Basic ' . base64_encode( ( getenv( 'WP_ADMIN_USER' ) ?: 'admin' ) . ':' . getenv( 'WP_APP_PASSWORD' ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic auth.
		$this->fake = rtrim( (string) ( getenv( 'FAKE_PROVIDER_URL' ) ?: 'http://127.0.0.1:8899' ), '/' );
		if ( '' === $this->site || ! getenv( 'WP_APP_PASSWORD' ) ) {
			$this->fail( 'WP_BASE_URL and WP_APP_PASSWORD come from .rig/test/env.sh (npm test sources it).' );
		}
		$this->tag = 'q' . strtolower( wp_generate_password( 6, false ) );
		// Jobs of earlier tests (or a crashed run) must not take this test's slots.
		$this->on_site( static fn() => $GLOBALS['wpdb']->query( 'DELETE FROM ' . Job_Repository::table() ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the rig site's own queue.
	}

	protected function tear_down(): void {
		if ( $this->workflow > 0 ) {
			$this->http( 'DELETE', '/wp/v2/aifo-workflows/' . $this->workflow . '?force=true' );
		}
		if ( '' !== $this->feature ) {
			$this->http( 'DELETE', '/ai-failover/v1/features/' . $this->feature );
		}
		if ( '' !== $this->provider ) {
			$this->http( 'DELETE', '/ai-failover/v1/providers/' . $this->provider );
		}
		parent::tear_down();
	}

	public function test_parallel_rest_workers_run_each_job_exactly_once_and_never_more_at_once_than_the_limit(): void {
		$route = 'slow-500+' . $this->tag;
		$this->workflow_on( $route );
		$ids = $this->enqueue( 8 );

		$answers = $this->parallel( array_fill( 0, 6, array( 'POST', '/wp-json/ai-failover/v1/queue/run' ) ) );
		$ran     = array();
		$workers = 0;
		foreach ( $answers as $answer ) {
			$this->assertSame( 200, $answer['status'], $answer['body'] );
			$got      = array_column( (array) ( json_decode( $answer['body'], true )['ran'] ?? array() ), 'id' );
			$ran      = array_merge( $ran, $got );
			$workers += $got ? 1 : 0;
		}
		$this->drain();

		$jobs = $this->site_jobs( $ids );
		$this->assertSame( array_fill_keys( $ids, array( Job::DONE, 1, 'succeeded' ) ), array_map( static fn( Job $job ) => array( $job->status, $job->attempts, $job->outcome ), $jobs ), 'Every job ran once and succeeded.' );
		$this->assertSame( count( $ran ), count( array_unique( $ran ) ), 'No job was handed to two workers.' );
		$this->assertSame( 8, $this->upstream( $route ), 'One upstream request per job.' );
		$this->assertGreaterThanOrEqual( 2, $workers, 'More than one worker ran jobs at the same time.' );
		$this->assertSame( Queue::DEFAULT_CONCURRENCY, self::max_overlap( $jobs ), 'As many jobs at once as the limit, never more.' );
	}

	public function test_parallel_wp_cron_workers_run_each_job_exactly_once(): void {
		$route = 'slow-200+' . $this->tag;
		$this->workflow_on( $route );
		$ids = $this->enqueue( 5 );

		// Several WP-Cron requests at once: the ones that pass WordPress's cron lock together all run
		// the queue's event; the leases decide who runs which job.
		$pending = fn(): bool => array() !== array_filter( $this->site_jobs( $ids ), static fn( Job $job ) => Job::DONE !== $job->status );
		for ( $round = 0; $round < 10; $round++ ) {
			if ( ! $pending() ) {
				break;
			}
			foreach ( $this->parallel( array_fill( 0, 5, array( 'GET', '/wp-cron.php' ) ) ) as $answer ) {
				$this->assertSame( 200, $answer['status'] );
			}
			if ( $round > 0 ) {
				$this->http( 'POST', '/wp-json/ai-failover/v1/queue/run' ); // After the first round, the next tick is a minute away.
			}
		}

		$jobs = $this->site_jobs( $ids );
		$this->assertSame( array_fill_keys( $ids, array( Job::DONE, 1 ) ), array_map( static fn( Job $job ) => array( $job->status, $job->attempts ), $jobs ) );
		$this->assertSame( 5, $this->upstream( $route ) );
		$this->assertLessThanOrEqual( Queue::DEFAULT_CONCURRENCY, self::max_overlap( $jobs ) );
	}

	public function test_a_retry_after_defers_the_job_and_no_worker_calls_the_provider_before_it(): void {
		$route = 'fail-429-ra30+' . $this->tag;
		$this->workflow_on( $route );
		list( $id ) = $this->enqueue( 1 );

		$before = (int) floor( microtime( true ) * 1000 );
		$this->http( 'POST', '/wp-json/ai-failover/v1/queue/run' );
		$job = $this->site_jobs( array( $id ) )[ $id ];
		$this->assertSame( array( Job::QUEUED, 1 ), array( $job->status, $job->attempts ), 'Back in the queue for a retry.' );
		$this->assertSame( 'rate_limited', $job->last_error['class'] ?? '' );
		$this->assertEqualsWithDelta( 30.0, (float) ( $job->last_error['retry_after'] ?? 0 ), 0.001 );
		$this->assertGreaterThanOrEqual( $before + 30000, $job->run_after, 'Deferred by the Retry-After.' );
		$this->assertLessThan( $before + 30000 + 15000, $job->run_after );
		$this->assertSame( 'failed', $job->outcome, 'The attempt\'s run is recorded as failed.' );

		list( $again ) = $this->parallel( array( array( 'POST', '/wp-json/ai-failover/v1/queue/run' ) ) );
		$this->assertSame( array(), json_decode( $again['body'], true )['ran'] ?? null, 'Not due yet: nothing ran.' );
		$this->assertSame( 1, $this->upstream( $route ), 'No upstream request while it waits.' );

		$listed = $this->http( 'GET', '/wp-json/ai-failover/v1/queue/jobs?status=queued' );
		$this->assertSame( 200, $listed['status'] );
		$this->assertContains( $id, array_column( (array) $listed['body'], 'id' ) );
		$cancel = $this->http( 'POST', '/wp-json/ai-failover/v1/queue/jobs/' . $id, array( 'action' => 'cancel' ) );
		$this->assertSame( array( 200, 'cancelled' ), array( $cancel['status'], $cancel['body']['status'] ?? '' ) );
		$retry = $this->http( 'POST', '/wp-json/ai-failover/v1/queue/jobs/' . $id, array( 'action' => 'explode' ) );
		$this->assertSame( array( 400, 'rest_invalid_param' ), array( $retry['status'], $retry['body']['code'] ?? '' ) );
		$this->assertArrayHasKey( 'action', (array) ( $retry['body']['data']['params'] ?? array() ) );
	}

	/**
	 * A provider on the fake route, a feature with one attempt and no fallback, a published
	 * workflow of one step whose prompt names the job's input.
	 *
	 * @param string $route Fake provider route.
	 */
	private function workflow_on( string $route ): void {
		$this->provider = $this->tag;
		$this->assertSame(
			201,
			$this->http(
				'POST',
				'/ai-failover/v1/providers',
				array(
					'id'                    => $this->provider,
					'label'                 => $this->provider,
					'preset'                => 'openai',
					'base_url'              => $this->fake . '/r/' . $route . '/v1',
					'allow_private_network' => true,
				)
			)['status']
		);
		$this->assertSame(
			201,
			$this->http(
				'POST',
				'/ai-failover/v1/providers/' . $this->provider . '/keys',
				array(
					'label'  => 'k',
					'secret' => 'fk-any-' . wp_generate_password(
						12,
						false
					),
				)
			)['status']
		);
		$this->feature = $this->tag . '-f';
		$this->assertSame(
			201,
			$this->http(
				'POST',
				'/ai-failover/v1/features',
				array(
					'id'      => $this->feature,
					'label'   => $this->feature,
					'primary' => array(
						'provider_id' => $this->provider,
						'model'       => 'gpt-4o-mini',
					),
					'retry'   => array( 'attempts_per_route' => 1 ),
				)
			)['status']
		);
		$post = $this->http(
			'POST',
			'/wp/v2/aifo-workflows',
			array(
				'title'   => 'Queue ' . $this->tag,
				'status'  => 'publish',
				'content' => '<!-- wp:ai-failover/workflow {"inputs":[{"name":"n","label":"N","type":"text","required":true,"default":""}]} -->'
					. '<!-- wp:ai-failover/step {"stepId":"ask","label":"Ask","feature":"' . $this->feature . '","prompt":"Job {{input.n}}"} /-->'
					. '<!-- /wp:ai-failover/workflow -->',
			)
		);
		$this->assertSame( 201, $post['status'], $post['raw'] );
		$this->workflow = (int) $post['body']['id'];
	}

	/**
	 * Queues $n runs over REST (`async: true`).
	 *
	 * @param int $n Jobs.
	 * @return list<int> Job ids.
	 */
	private function enqueue( int $n ): array {
		$ids = array();
		for ( $i = 0; $i < $n; $i++ ) {
			$answer = $this->http(
				'POST',
				'/ai-failover/v1/workflows/' . $this->workflow . '/runs',
				array(
					'input' => array( 'n' => (string) $i ),
					'async' => true,
				)
			);
			$this->assertSame( 202, $answer['status'], $answer['raw'] );
			$this->assertSame( array( 'queued', 'async', $this->workflow ), array( $answer['body']['status'], $answer['body']['source'], $answer['body']['workflow'] ) );
			$this->assertStringEndsWith( '/ai-failover/v1/queue/jobs/' . $answer['body']['id'], $answer['headers']['location'] ?? '' );
			$ids[] = (int) $answer['body']['id'];
		}
		return $ids;
	}

	/**
	 * Runs workers until nothing is due (the first ones may stop at their time budget).
	 */
	private function drain(): void {
		for ( $i = 0; $i < 10; $i++ ) {
			if ( array() === ( $this->http( 'POST', '/wp-json/ai-failover/v1/queue/run' )['body']['ran'] ?? array() ) ) {
				return;
			}
		}
	}

	/**
	 * Requests fired at once (curl_multi: all in flight before any answers).
	 *
	 * @param list<array{0: string, 1: string}> $requests Method and path.
	 * @return list<array{status: int, body: string}>
	 */
	private function parallel( array $requests ): array {
		$multi   = curl_multi_init();
		$handles = array();
		foreach ( $requests as $request ) {
			$handle = curl_init( $this->site . $request[1] );
			curl_setopt_array(
				$handle,
				array(
					CURLOPT_CUSTOMREQUEST  => $request[0],
					CURLOPT_HTTPHEADER     => array( 'Content-Type: application/json', 'Authorization: ' . $this->auth ),
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_TIMEOUT        => 60,
				)
			);
			curl_multi_add_handle( $multi, $handle );
			$handles[] = $handle;
		}
		do {
			$status = curl_multi_exec( $multi, $running );
			if ( $running ) {
				curl_multi_select( $multi, 1.0 );
			}
		} while ( $running && CURLM_OK === $status );
		$answers = array();
		foreach ( $handles as $handle ) {
			$answers[] = array(
				'status' => (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ),
				'body'   => (string) curl_multi_getcontent( $handle ),
			);
			curl_multi_remove_handle( $multi, $handle );
			curl_close( $handle );
		}
		curl_multi_close( $multi );
		return $answers;
	}

	/**
	 * One request (a path under /wp-json unless it starts with it or with /wp-).
	 *
	 * @param string                    $method Method.
	 * @param string                    $path   Path.
	 * @param array<string, mixed>|null $body   JSON body.
	 * @return array{status: int, body: mixed, raw: string, headers: array<string, string>}
	 */
	private function http( string $method, string $path, ?array $body = null ): array {
		$url      = $this->site . ( str_starts_with( $path, '/wp-' ) ? $path : '/wp-json' . $path );
		$response = wp_remote_request(
			$url,
			array(
				'method'  => $method,
				'headers' => array(
					'Authorization' => $this->auth,
					'Content-Type'  => 'application/json',
				),
				'body'    => null === $body ? null : wp_json_encode( $body ),
				'timeout' => 60,
			)
		);
		$this->assertIsArray( $response, is_wp_error( $response ) ? $response->get_error_message() : '' );
		$headers = array();
		foreach ( wp_remote_retrieve_headers( $response ) as $name => $value ) {
			$headers[ strtolower( (string) $name ) ] = is_array( $value ) ? implode( ', ', $value ) : (string) $value;
		}
		return array(
			'status'  => (int) wp_remote_retrieve_response_code( $response ),
			'body'    => json_decode( wp_remote_retrieve_body( $response ), true ),
			'raw'     => wp_remote_retrieve_body( $response ),
			'headers' => $headers,
		);
	}

	/**
	 * Upstream requests the fake provider counted on a route.
	 *
	 * @param string $route Route.
	 */
	private function upstream( string $route ): int {
		$log = json_decode( (string) wp_remote_retrieve_body( wp_remote_get( $this->fake . '/__requests?route=' . rawurlencode( $route ) ) ), true );
		return count( array_filter( is_array( $log ) ? $log : array(), static fn( $entry ) => is_array( $entry ) && ( $entry['route'] ?? '' ) === $route ) );
	}

	/**
	 * The site's jobs, by id.
	 *
	 * @param list<int> $ids Ids.
	 * @return array<int, Job>
	 */
	private function site_jobs( array $ids ): array {
		return $this->on_site(
			static function () use ( $ids ): array {
				$repository = new Job_Repository();
				$jobs       = array();
				foreach ( $ids as $id ) {
					$job = $repository->find( $id );
					if ( null !== $job ) {
						$jobs[ $id ] = $job;
					}
				}
				return $jobs;
			}
		);
	}

	/**
	 * The most jobs that were running at the same moment (from their claim and finish times).
	 *
	 * @param array<int, Job> $jobs Finished jobs.
	 */
	private static function max_overlap( array $jobs ): int {
		$edges = array();
		foreach ( $jobs as $job ) {
			$edges[] = array( $job->started_at, 1 );
			$edges[] = array( $job->finished_at, -1 );
		}
		// At the same millisecond a finish comes before a start: a freed slot is reused, not shared.
		usort( $edges, static fn( array $a, array $b ) => $a[0] <=> $b[0] ?: $a[1] <=> $b[1] );
		$now  = 0;
		$most = 0;
		foreach ( $edges as $edge ) {
			$now += $edge[1];
			$most = max( $most, $now );
		}
		return $most;
	}

	/**
	 * Runs $read against the site's database (the rig serves `wordpress`; the tests own `wordpress_test`).
	 *
	 * @template T
	 * @param callable(): T $read Reader.
	 * @return T
	 */
	private function on_site( callable $read ): mixed {
		global $wpdb, $table_prefix;
		$tests = $wpdb;
		$site  = new \wpdb( DB_USER, DB_PASSWORD, getenv( 'WP_SITE_DB_NAME' ) ?: 'wordpress', DB_HOST ); // phpcs:ignore WordPress.WP.CapitalPDangit -- the rig's database name.
		$site->set_prefix( $table_prefix );
		$wpdb = $site; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- read the other database through the same code paths, then put the tests' back.
		wp_cache_flush();
		try {
			return $read();
		} finally {
			$wpdb = $tests; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
			$site->close();
			wp_cache_flush();
		}
	}
}
