<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Provenance;

use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * Workflow writes and their provenance over real HTTP against the rig (a REST request loads only
 * what WordPress loads for REST), on the keyless Simulator: the step `draft` is rate limited, its
 * On failure branch's `draft_strong` stands in, and Write to post blocks write the answer into a
 * post's excerpt, a meta value and a new draft. Everything is created over HTTP by the
 * administrator and deleted again afterwards.
 *
 * @coversNothing
 */
final class Provenance_Http_Test extends TestCase {

	private string $base = '';

	private string $admin = '';

	private string $suffix = '';

	/** @var list<string> REST routes to DELETE afterwards. */
	private array $cleanup = array();

	protected function set_up(): void {
		parent::set_up();
		$this->base = rtrim( (string) getenv( 'WP_BASE_URL' ), '/' );
		$password   = (string) getenv( 'WP_APP_PASSWORD' );
		if ( '' === $this->base || '' === $password ) {
			$this->markTestSkipped( 'Needs the rig: source .rig/test/env.sh (WP_BASE_URL, WP_APP_PASSWORD).' );
		}
		$this->admin  = base64_encode( ( getenv( 'WP_ADMIN_USER' ) ?: 'admin' ) . ':' . $password ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic authentication.
		$this->suffix = strtolower( wp_generate_password( 6, false ) );
		foreach ( array(
			'fast'   => 'sim-rate-limited',
			'strong' => 'sim-echo',
		) as $name => $model ) {
			list( $status ) = $this->call(
				$this->admin,
				'POST',
				'/ai-failover/v1/features',
				array(
					'id'      => $this->feature( $name ),
					'label'   => 'Provenance ' . $name,
					'primary' => array(
						'provider_id' => 'simulator',
						'model'       => $model,
					),
					'retry'   => array(
						'attempts_per_route' => 1,
						'base_delay_ms'      => 0,
					),
				)
			);
			$this->assertSame( 201, $status, 'creating feature ' . $name );
			$this->cleanup[] = '/ai-failover/v1/features/' . $this->feature( $name );
		}
	}

	protected function tear_down(): void {
		foreach ( array_reverse( $this->cleanup ) as $route ) {
			$this->call( $this->admin, 'DELETE', $route );
		}
		parent::tear_down();
	}

	public function test_a_run_writes_the_stand_in_answer_and_the_post_records_which_model_wrote_it(): void {
		$post     = $this->post( 'publish' );
		$workflow = $this->workflow(
			'<!-- wp:ai-failover/write-post {"source":"draft","field":"excerpt","postId":"{{input.post_id}}"} /-->'
			. '<!-- wp:ai-failover/write-post {"action":"set_meta","source":"draft","metaKey":"aifo_test_summary","postId":"{{input.post_id}}"} /-->'
			. '<!-- wp:ai-failover/write-post {"action":"create_draft","source":"draft","title":"Draft for {{input.post_id}}"} /-->'
		);

		list( $status, $run ) = $this->run_workflow( $this->admin, $workflow, $post );
		$this->assertSame( 200, $status );
		$this->assertSame( 'succeeded', $run['status'], wp_json_encode( $run ) );
		$this->assertSame( array( 'written', 'written', 'written' ), array_column( $run['writes'], 'status' ) );
		$this->assertSame( array( 'excerpt', 'meta:aifo_test_summary', 'content' ), array_column( $run['writes'], 'field' ) );
		$draft = (int) $run['writes'][2]['post_id'];
		$this->assertGreaterThan( 0, $draft );
		$this->cleanup[] = '/wp/v2/posts/' . $draft . '?force=true';

		list( $status, $written ) = $this->call( $this->admin, 'GET', '/wp/v2/posts/' . $post . '?context=edit' );
		$this->assertSame( 200, $status );
		$answer = 'Simulated answer to: Summarise post ' . $post;
		$this->assertStringContainsString( $answer, $written['excerpt']['raw'] );
		$entries = $written['meta']['_aifo_provenance'];
		$this->assertCount( 2, $entries, 'one entry per write into this post' );
		$entry = $entries[0];
		$this->assertSame( $workflow, $entry['workflow_id'] );
		$this->assertSame( 'Provenance HTTP', $entry['workflow_title'] );
		$this->assertSame( $run['id'], $entry['run_id'] );
		$this->assertSame( array( 'draft', 'Fast draft', 'draft_strong', 'excerpt' ), array( $entry['step'], $entry['step_label'], $entry['served_step'], $entry['field'] ) );
		$this->assertSame( array( 'simulator', 'sim-echo', true, 'rate_limited' ), array( $entry['provider_id'], $entry['model'], $entry['fallback'], $entry['reason_class'] ) );
		$this->assertSame( $run['steps'][1]['run_id'], $entry['engine_run_id'], 'the engine run of the step that answered' );
		$this->assertSame( 'meta:aifo_test_summary', $entries[1]['field'] );
		$this->assertGreaterThan( 0, $entry['user_id'] );

		list( , $new_draft ) = $this->call( $this->admin, 'GET', '/wp/v2/posts/' . $draft . '?context=edit' );
		$this->assertSame( 'draft', $new_draft['status'] );
		$this->assertSame( 'Draft for ' . $post, $new_draft['title']['raw'] );
		$this->assertStringContainsString( $answer, $new_draft['content']['raw'] );
		$this->assertSame( 'content', $new_draft['meta']['_aifo_provenance'][0]['field'] );

		// Visitors read the post, not who ran the workflow.
		list( $status, $public ) = $this->call( '', 'GET', '/wp/v2/posts/' . $post );
		$this->assertSame( 200, $status );
		$this->assertArrayNotHasKey( '_aifo_provenance', (array) ( $public['meta'] ?? array() ) );

		// Nobody edits the record by hand (ignored, like a read-only field), and the editor's save
		// sending it back with the rest of the meta still saves (WordPress 6.1 checked the auth
		// callback before comparing, and answered 403 for the whole save).
		foreach ( array( array(), null ) as $forged ) {
			list( $status, $ignored ) = $this->call( $this->admin, 'POST', '/wp/v2/posts/' . $post . '?context=edit', array( 'meta' => array( '_aifo_provenance' => $forged ) ) );
			$this->assertSame( 200, $status, wp_json_encode( $ignored ) );
			$this->assertSame( $entries, $ignored['meta']['_aifo_provenance'] );
		}
		list( $status ) = $this->call(
			$this->admin,
			'POST',
			'/wp/v2/posts/' . $post,
			array(
				'content' => 'Edited by a person.',
				'meta'    => array( '_aifo_provenance' => $entries ),
			)
		);
		$this->assertSame( 200, $status );
		list( , $edited ) = $this->call( $this->admin, 'GET', '/wp/v2/posts/' . $post . '?context=edit' );
		$this->assertSame( $entries, $edited['meta']['_aifo_provenance'], 'a later edit keeps the provenance' );
	}

	public function test_the_revisions_endpoint_shows_each_revisions_provenance_to_those_who_may_edit_the_post(): void {
		$post           = $this->post( 'publish' );
		list( $status ) = $this->call( $this->admin, 'POST', '/wp/v2/posts/' . $post, array( 'content' => 'Edited by a person.' ) );
		$this->assertSame( 200, $status );
		$workflow             = $this->workflow( '<!-- wp:ai-failover/write-post {"source":"draft","field":"excerpt","postId":"{{input.post_id}}"} /-->' );
		list( $status, $run ) = $this->run_workflow( $this->admin, $workflow, $post );
		$this->assertSame( 'succeeded', $run['status'] ?? null, wp_json_encode( $run ) );
		list( , $written ) = $this->call( $this->admin, 'GET', '/wp/v2/posts/' . $post . '?context=edit' );
		$entries           = $written['meta']['_aifo_provenance'];
		$this->assertCount( 1, $entries );

		list( $status, $revisions ) = $this->call( $this->admin, 'GET', '/wp/v2/posts/' . $post . '/revisions?context=edit' );
		$this->assertSame( 200, $status, wp_json_encode( $revisions ) );
		$this->assertSame( 200, $status, wp_json_encode( $revisions ) );
		$this->assertGreaterThanOrEqual( 2, count( $revisions ), 'the person\'s edit and the workflow\'s write each made a revision' );
		$ai    = $revisions[0]; // Newest first.
		$human = $revisions[1];
		$this->assertStringContainsString( 'Simulated answer', $ai['excerpt']['raw'] );
		$this->assertSame( $entries, $ai['meta']['_aifo_provenance'] ?? null, 'the AI revision carries the provenance of its content' );
		$this->assertSame( 'Edited by a person.', $human['content']['raw'] );
		$this->assertSame( array(), $human['meta']['_aifo_provenance'] ?? null, 'the person\'s revision has none' );

		list( $status, $one ) = $this->call( $this->admin, 'GET', '/wp/v2/posts/' . $post . '/revisions/' . $ai['id'] . '?context=edit' );
		$this->assertSame( 200, $status );
		$this->assertSame( $run['id'], $one['meta']['_aifo_provenance'][0]['run_id'] ?? null );

		// The same rule as on the post: edit context only, so the view context leaves it out.
		list( $status, $viewed ) = $this->call( $this->admin, 'GET', '/wp/v2/posts/' . $post . '/revisions/' . $ai['id'] );
		$this->assertSame( 200, $status );
		$this->assertArrayNotHasKey( '_aifo_provenance', (array) ( $viewed['meta'] ?? array() ) );

		// Whoever may not edit the post reads neither its revisions nor their provenance.
		foreach ( array( $this->user( 'author' ), '' ) as $outsider ) {
			list( $status, $refused ) = $this->call( $outsider, 'GET', '/wp/v2/posts/' . $post . '/revisions?context=edit' );
			$this->assertContains( $status, array( 401, 403 ), wp_json_encode( $refused ) );
			$this->assertStringNotContainsString( '_aifo_provenance', (string) wp_json_encode( $refused ) );
		}
	}

	public function test_a_posts_edit_response_counts_the_runs_it_queued_until_the_queue_has_run_them(): void {
		$content                   = '<!-- wp:ai-failover/workflow -->'
			. '<!-- wp:ai-failover/step {"stepId":"draft","label":"Draft","feature":"' . $this->feature( 'strong' ) . '","prompt":"Summarise {{post.title}}"} /-->'
			. '<!-- wp:ai-failover/write-post {"source":"draft","field":"excerpt","postId":"{{post.id}}"} /-->'
			. '<!-- /wp:ai-failover/workflow -->';
		list( $status, $workflow ) = $this->call(
			$this->admin,
			'POST',
			'/wp/v2/aifo-workflows',
			array(
				'title'   => 'Provenance on publish',
				'status'  => 'publish',
				'content' => $content,
				'meta'    => array(
					'_aifo_triggers' => array(
						'publish' => array(
							'enabled'    => true,
							'post_types' => array( 'post' ),
							'on_update'  => false,
						),
					),
				),
			)
		);
		$this->assertSame( 201, $status, wp_json_encode( $workflow ) );
		$this->cleanup[] = '/wp/v2/aifo-workflows/' . $workflow['id'] . '?force=true';

		$draft            = $this->post( 'draft' );
		list( , $before ) = $this->call( $this->admin, 'GET', '/wp/v2/posts/' . $draft . '?context=edit' );
		$this->assertSame( 0, $before['aifo_pending_runs'] ?? null, 'a draft queued nothing' );

		// Publishing queues the run (the rig has no WP-Cron, so nothing runs it until asked): the
		// save's own response already says so, as the editor reads it.
		list( $status, $published ) = $this->call( $this->admin, 'POST', '/wp/v2/posts/' . $draft, array( 'status' => 'publish' ) );
		$this->assertSame( 200, $status );
		$this->assertGreaterThanOrEqual( 1, $published['aifo_pending_runs'] ?? null, wp_json_encode( $published ) );
		$this->assertSame( array(), $published['meta']['_aifo_provenance'] );

		// Not in the view context, and not per post of a list.
		list( , $viewed ) = $this->call( $this->admin, 'GET', '/wp/v2/posts/' . $draft );
		$this->assertArrayNotHasKey( 'aifo_pending_runs', $viewed );
		list( , $listed ) = $this->call( $this->admin, 'GET', '/wp/v2/posts?context=edit&include=' . $draft );
		$this->assertSame( array( $draft ), array_column( $listed, 'id' ) );
		$this->assertArrayHasKey( 'aifo_pending_runs', $listed[0] );
		$this->assertNull( $listed[0]['aifo_pending_runs'] );
		list( $status, $refused ) = $this->call( $this->user( 'author' ), 'GET', '/wp/v2/posts/' . $draft . '?context=edit' );
		$this->assertSame( 403, $status );
		$this->assertArrayNotHasKey( 'aifo_pending_runs', (array) $refused );

		$pending = -1;
		for ( $round = 0; $round < 5 && 0 !== $pending; $round++ ) {
			$this->call( $this->admin, 'POST', '/ai-failover/v1/queue/run' );
			list( , $after ) = $this->call( $this->admin, 'GET', '/wp/v2/posts/' . $draft . '?context=edit' );
			$pending         = $after['aifo_pending_runs'] ?? null;
		}
		$this->assertSame( 0, $pending, 'the queue ran it' );
		$this->assertSame( $workflow['id'], $after['meta']['_aifo_provenance'][0]['workflow_id'] ?? null, 'and it wrote the post' );
	}

	public function test_a_write_the_user_may_not_make_fails_the_run_and_changes_nothing(): void {
		$post     = $this->post( 'draft' );
		$workflow = $this->workflow( '<!-- wp:ai-failover/write-post {"action":"set_meta","source":"draft","metaKey":"_protected_key","postId":"{{input.post_id}}"} /-->' );
		$editor   = $this->user( 'editor' );

		list( $status, $run ) = $this->run_workflow( $editor, $workflow, $post );
		$this->assertSame( 200, $status );
		$this->assertSame( 'failed', $run['status'] );
		$this->assertSame( 'write_failed', $run['error']['class'] );
		$this->assertSame( 403, $run['error']['status'] );
		$this->assertSame( 'failed', $run['writes'][0]['status'] );

		list( , $after ) = $this->call( $this->admin, 'GET', '/wp/v2/posts/' . $post . '?context=edit' );
		$this->assertSame( array(), $after['meta']['_aifo_provenance'], 'no provenance for a write that did not happen' );

		// A workflow never writes into a workflow.
		$other                = $this->workflow( '' );
		$target               = $this->workflow( '<!-- wp:ai-failover/write-post {"source":"draft","postId":"' . $other . '"} /-->' );
		list( $status, $run ) = $this->run_workflow( $this->admin, $target, $post );
		$this->assertSame( 404, $run['error']['status'] ?? null, wp_json_encode( $run ) );
		list( , $untouched ) = $this->call( $this->admin, 'GET', '/wp/v2/aifo-workflows/' . $other . '?context=edit' );
		$this->assertStringContainsString( 'wp:ai-failover/step', $untouched['content']['raw'] );
	}

	/**
	 * A feature id of this test.
	 *
	 * @param string $name fast or strong.
	 */
	private function feature( string $name ): string {
		return 'prov-' . $name . '-' . $this->suffix;
	}

	/**
	 * A post by the administrator.
	 *
	 * @param string $status Post status.
	 */
	private function post( string $status ): int {
		list( $code, $post ) = $this->call(
			$this->admin,
			'POST',
			'/wp/v2/posts',
			array(
				'title'   => 'Provenance target ' . $this->suffix,
				'content' => 'Written by a person.',
				'status'  => $status,
			)
		);
		$this->assertSame( 201, $code );
		$this->cleanup[] = '/wp/v2/posts/' . $post['id'] . '?force=true';
		return (int) $post['id'];
	}

	/**
	 * A published workflow: draft (rate limited) with draft_strong standing in, then $writes.
	 *
	 * @param string $writes Write to post blocks.
	 */
	private function workflow( string $writes ): int {
		$content               = '<!-- wp:ai-failover/workflow {"inputs":[{"name":"post_id","label":"Post","type":"number","required":true,"default":""}]} -->'
			. '<!-- wp:ai-failover/step {"stepId":"draft","label":"Fast draft","feature":"' . $this->feature( 'fast' ) . '","prompt":"Summarise post {{input.post_id}}"} -->'
			. '<!-- wp:ai-failover/on-failure {"errorClasses":["rate_limited"]} -->'
			. '<!-- wp:ai-failover/step {"stepId":"draft_strong","label":"Strong draft","feature":"' . $this->feature( 'strong' ) . '","prompt":"Summarise post {{input.post_id}}"} /-->'
			. '<!-- /wp:ai-failover/on-failure --><!-- /wp:ai-failover/step -->'
			. $writes
			. '<!-- /wp:ai-failover/workflow -->';
		list( $status, $post ) = $this->call(
			$this->admin,
			'POST',
			'/wp/v2/aifo-workflows',
			array(
				'title'   => 'Provenance HTTP',
				'status'  => 'publish',
				'content' => $content,
			)
		);
		$this->assertSame( 201, $status, wp_json_encode( $post ) );
		$this->cleanup[] = '/wp/v2/aifo-workflows/' . $post['id'] . '?force=true';
		return (int) $post['id'];
	}

	/**
	 * @param string $auth     Credentials.
	 * @param int    $workflow Workflow.
	 * @param int    $post     The post_id input.
	 * @return array{int, mixed}
	 */
	private function run_workflow( string $auth, int $workflow, int $post ): array {
		return $this->call( $auth, 'POST', '/ai-failover/v1/workflows/' . $workflow . '/runs', array( 'input' => array( 'post_id' => $post ) ) );
	}

	/**
	 * A user of a role with an application password (deleted afterwards).
	 *
	 * @param string $role Role.
	 * @return string Basic credentials.
	 */
	private function user( string $role ): string {
		list( $status, $user ) = $this->call(
			$this->admin,
			'POST',
			'/wp/v2/users',
			array(
				'username' => 'prov_' . $role . '_' . $this->suffix,
				'email'    => 'prov-' . $role . $this->suffix . '@example.org',
				'password' => wp_generate_password( 20, false ),
				'roles'    => array( $role ),
			)
		);
		$this->assertSame( 201, $status );
		$this->cleanup[]      = '/wp/v2/users/' . $user['id'] . '?force=true&reassign=1';
		list( $status, $app ) = $this->call( $this->admin, 'POST', '/wp/v2/users/' . $user['id'] . '/application-passwords', array( 'name' => 'provenance test' ) );
		$this->assertSame( 201, $status );
		return base64_encode( $user['username'] . ':' . $app['password'] ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic authentication.
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
