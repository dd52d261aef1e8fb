<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Queue;

use AI_Failover\Tests\Integration\Rest_Over_Http;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * A background engine run whose Retry-After does not fit its budget, over real HTTP on the rig's
 * site (the run route loads only the run's services): the answer is `deferred` with a job id; the
 * job waits in the durable queue for the Retry-After (a worker before then sends nothing
 * upstream), is deferred again by the provider's new Retry-After, and once the provider answers
 * it is done, naming the run that answered, whose one attempt the event log shows once.
 *
 * @covers \AI_Failover\Engine\Feature_Runner
 * @covers \AI_Failover\Queue\Feature_Job_Handler
 * @covers \AI_Failover\REST\Runs_Controller
 */
final class Deferred_Run_Http_Test extends Test_Case {

	use Rest_Over_Http;

	private string $fake = '';
	private string $tag  = '';

	private string $provider = '';
	private string $feature  = '';

	protected function set_up(): void {
		parent::set_up();
		$this->require_site();
		$this->fake = rtrim( (string) ( getenv( 'FAKE_PROVIDER_URL' ) ?: 'http://127.0.0.1:8899' ), '/' );
		$this->tag  = 'd' . strtolower( wp_generate_password( 6, false ) );
	}

	protected function tear_down(): void {
		if ( '' !== $this->feature ) {
			$this->http( 'DELETE', '/ai-failover/v1/features/' . $this->feature );
		}
		if ( '' !== $this->provider ) {
			$this->http( 'DELETE', '/ai-failover/v1/providers/' . $this->provider );
		}
		parent::tear_down();
	}

	public function test_a_retry_after_past_the_budget_queues_the_run_and_the_queue_runs_it_once_due(): void {
		$this->feature_on( 'fail-429-ra4+' . $this->tag );

		$asked  = time();
		$answer = $this->http(
			'POST',
			'/ai-failover/v1/features/' . $this->feature . '/run',
			array(
				'messages'   => array(
					array(
						'role'    => 'user',
						'content' => 'Later, please',
					),
				),
				'background' => true,
			)
		);
		$this->assertSame( 200, $answer['status'], $answer['raw'] );
		$this->assertSame( 'deferred', $answer['body']['status'] ?? null, $answer['raw'] );
		$job_id = $answer['body']['job_id'] ?? null;
		$this->assertIsInt( $job_id, 'The deferred result names its job.' );

		$job = $this->job( $job_id );
		$this->assertSame( array( 'feature_run', 'deferred', 'queued', $this->feature, 0 ), array( $job['type'], $job['source'], $job['status'], $job['feature'], $job['attempts'] ) );
		$this->assertGreaterThanOrEqual( $asked + 4, strtotime( (string) $job['run_after'] ), 'Due after the Retry-After.' );
		$this->assertLessThan( $asked + 4 + 10, strtotime( (string) $job['run_after'] ) );

		$this->work();
		$this->assertSame( array( 'queued', 0 ), array( $this->job( $job_id )['status'], $this->job( $job_id )['attempts'] ), 'Not due yet: no worker took it.' );
		$this->assertSame( 1, $this->upstream( 'fail-429-ra4+' . $this->tag ), 'No upstream request while it waits.' );

		// The provider now asks for another wait: the job is deferred again by that one.
		$this->feature_on( 'fail-429-ra3+' . $this->tag );
		$this->wait_until_due( $job );
		$retried = time();
		$this->work();
		$job = $this->job( $job_id );
		$this->assertSame( array( 'queued', 1, 'deferred', 'deferred' ), array( $job['status'], $job['attempts'], $job['outcome'], $job['error']['class'] ?? '' ) );
		$this->assertEqualsWithDelta( 3.0, (float) ( $job['error']['retry_after'] ?? 0 ), 0.001 );
		$this->assertGreaterThanOrEqual( $retried + 3, strtotime( (string) $job['run_after'] ) + 1, 'Deferred by the new Retry-After.' );
		$this->assertSame( 1, $this->upstream( 'fail-429-ra3+' . $this->tag ) );

		// The provider recovered: the next attempt answers.
		$this->feature_on( 'ok+' . $this->tag );
		$this->wait_until_due( $job );
		$this->work();
		$job = $this->job( $job_id );
		$this->assertSame( array( 'done', 2, 'success', null ), array( $job['status'], $job['attempts'], $job['outcome'], $job['error'] ) );
		$this->assertSame( 1, $this->upstream( 'ok+' . $this->tag ), 'One upstream request for the answer.' );

		$run = $this->http( 'GET', '/ai-failover/v1/runs/' . $job['run_id'] );
		$this->assertSame( 200, $run['status'], $run['raw'] );
		$events = $this->http( 'GET', '/ai-failover/v1/events?feature=' . $this->feature . '&per_page=50' );
		$this->assertSame( 200, $events['status'], $events['raw'] );
		$rows = array_values( array_filter( (array) $events['body'], static fn( $row ) => is_array( $row ) && ( $row['run_id'] ?? '' ) === $job['run_id'] ) );
		$this->assertCount( 1, $rows, 'The answering attempt is in the event log once.' );
		$this->assertSame( array( 'success', 'ok+' . $this->tag ), array( $rows[0]['outcome'] ?? '', $rows[0]['model'] ?? '' ) );
		$this->assertCount( 3, (array) $events['body'], 'Three attempts in all: the deferral, the second deferral, the answer.' );
		// The queue's attempts name the queue, and the REST request that was deferred.
		$this->assertSame( 'queue:rest', $rows[0]['caller'] ?? null );
		$callers = array_column( (array) $events['body'], 'caller' );
		sort( $callers );
		$this->assertSame( array( 'queue:rest', 'queue:rest', 'rest' ), $callers, 'The first attempt came from the REST request; the deferred two from the queue.' );
	}

	/**
	 * The provider (once) and the feature on a fake-provider route chosen by the model name: one
	 * route, two attempts, a one-second budget, so a Retry-After of seconds does not fit.
	 *
	 * @param string $model Fake provider route.
	 */
	private function feature_on( string $model ): void {
		if ( '' === $this->provider ) {
			$this->provider = $this->tag;
			$created        = $this->http(
				'POST',
				'/ai-failover/v1/providers',
				array(
					'id'                    => $this->provider,
					'label'                 => $this->provider,
					'preset'                => 'openai',
					'base_url'              => $this->fake . '/v1',
					'allow_private_network' => true,
				)
			);
			$this->assertSame( 201, $created['status'], $created['raw'] );
			$key = $this->http(
				'POST',
				'/ai-failover/v1/providers/' . $this->provider . '/keys',
				array(
					'label'  => 'k',
					'secret' => 'fk-any-' . wp_generate_password( 12, false ),
				)
			);
			$this->assertSame( 201, $key['status'], $key['raw'] );
		}
		$feature = array(
			'id'        => $this->tag . '-f',
			'label'     => $this->tag,
			'primary'   => array(
				'provider_id' => $this->provider,
				'model'       => $model,
			),
			'fallbacks' => array(),
			'retry'     => array(
				'attempts_per_route' => 2,
				'total_budget_ms'    => 1000,
			),
			'timeouts'  => array(
				'connect_ms'    => 500,
				'first_byte_ms' => 1000,
				'total_ms'      => 1000,
			),
		);
		$saved   = '' === $this->feature
			? $this->http( 'POST', '/ai-failover/v1/features', $feature )
			: $this->http( 'PUT', '/ai-failover/v1/features/' . $this->feature, $feature );
		$this->assertContains( $saved['status'], array( 200, 201 ), $saved['raw'] );
		$this->feature = $feature['id'];
	}

	/**
	 * A job as the Queue screen sees it.
	 *
	 * @param int $id Job id.
	 * @return array<string, mixed>
	 */
	private function job( int $id ): array {
		$job = $this->http( 'GET', '/ai-failover/v1/queue/jobs/' . $id );
		$this->assertSame( 200, $job['status'], $job['raw'] );
		return (array) $job['body'];
	}

	/**
	 * Runs queue workers (POST /queue/run) until one finds nothing due. WP-Cron may run the job
	 * meanwhile on its own: the job's state, not which worker ran it, is what the test checks.
	 */
	private function work(): void {
		for ( $i = 0; $i < 5; $i++ ) {
			$ran = $this->http( 'POST', '/ai-failover/v1/queue/run' );
			$this->assertSame( 200, $ran['status'], $ran['raw'] );
			if ( array() === ( $ran['body']['ran'] ?? array() ) ) {
				return;
			}
		}
	}

	/**
	 * Sleeps until the job is due and its key has rested (key rests end on a whole second).
	 *
	 * @param array<string, mixed> $job Job.
	 */
	private function wait_until_due( array $job ): void {
		$wait = strtotime( (string) $job['run_after'] ) + 2 - time();
		if ( $wait > 0 ) {
			sleep( $wait );
		}
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
}
