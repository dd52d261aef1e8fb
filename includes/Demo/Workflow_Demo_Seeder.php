<?php
/**
 * Demo data for workflows: a workflow whose first step fails and whose On failure branch serves.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Demo;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Workflows\Workflow_Post_Type;
use AI_Failover\Workflows\Workflow_Run;
use AI_Failover\Workflows\Workflow_Service;

/**
 * Seeds, after Demo_Seeder (which creates the Simulator), two Simulator features and the workflow
 * "fast model first, stronger on failure": step `draft` runs `demo-fast` (always rate limited,
 * one attempt, no fallback), so its On failure branch for rate limits runs `draft_strong` on
 * `demo-strong` (answers), which stands in for `draft`. No API key, no network. Idempotent.
 *
 * @since n.e.x.t
 */
final class Workflow_Demo_Seeder implements Registers_Hooks {

	public const FAST_FEATURE   = 'demo-fast';
	public const STRONG_FEATURE = 'demo-strong';
	public const WORKFLOW_SLUG  = 'demo-fast-then-strong';

	/** @var list<string> */
	private array $seeded = array();

	public function __construct(
		private readonly Feature_Repository $features,
		private readonly Workflow_Service $workflows,
	) {
	}

	public function register_hooks(): void {
		add_action( 'aifo_seed_demo', array( $this, 'seed' ), 20 );
		add_filter( 'aifo_demo_seeded', array( $this, 'report' ) );
		add_filter( 'aifo_demo_workflow_report', array( $this, 'run_demo' ) );
	}

	/**
	 * Seeds the two features and the workflow, leaving existing ones as they are.
	 */
	public function seed(): void {
		$features = array(
			self::FAST_FEATURE   => array( __( 'Demo: fast model (always rate limited)', 'ai-failover' ), 'sim-rate-limited' ),
			self::STRONG_FEATURE => array( __( 'Demo: stronger model', 'ai-failover' ), 'sim-echo' ),
		);
		foreach ( $features as $id => $spec ) {
			if ( null !== $this->features->get( $id ) ) {
				continue;
			}
			$saved          = $this->features->save(
				array(
					'id'      => $id,
					'label'   => $spec[0],
					'primary' => array(
						'provider_id' => Demo_Seeder::SIMULATOR_ID,
						'model'       => $spec[1],
					),
					'retry'   => array( 'attempts_per_route' => 1 ),
				)
			);
			$this->seeded[] = is_wp_error( $saved )
				? sprintf( 'Feature "%s" could not be saved: %s', $id, $saved->get_error_message() )
				: sprintf( 'Feature "%s": simulator/%s.', $id, $spec[1] );
		}
		if ( null !== $this->demo_workflow() ) {
			return;
		}
		$id             = wp_insert_post(
			array(
				'post_type'    => Workflow_Post_Type::POST_TYPE,
				'post_status'  => 'publish',
				'post_name'    => self::WORKFLOW_SLUG,
				'post_title'   => __( 'Demo: fast model first, stronger on failure', 'ai-failover' ),
				'post_content' => self::content(),
				'post_author'  => (int) ( get_users(
					array(
						'role'   => 'administrator',
						'number' => 1,
						'fields' => 'ID',
					)
				)[0] ?? 0 ),
			),
			true
		);
		$this->seeded[] = is_wp_error( $id )
			? 'Workflow could not be saved: ' . $id->get_error_message()
			: sprintf( 'Workflow #%d "%s": step draft (demo-fast, rate limited) fails, its On failure branch runs draft_strong (demo-strong).', $id, self::WORKFLOW_SLUG );
	}

	/**
	 * Runs the demo workflow once and describes it (bin/seed-demo.php prints the lines).
	 *
	 * @param mixed $lines Lines so far.
	 * @return list<string>
	 */
	public function run_demo( $lines ): array {
		$lines = array_values( (array) $lines );
		$post  = $this->demo_workflow();
		if ( null === $post ) {
			return $lines;
		}
		$run = $this->workflows->run( $post, array( 'topic' => 'WordPress' ) );
		if ( ! $run instanceof Workflow_Run ) {
			$lines[] = 'The demo workflow did not run: ' . $run->get_error_message();
			return $lines;
		}
		$lines[] = sprintf( 'Ran workflow #%d once (no API key needed): %s, run %s.', $post->ID, $run->status, $run->id );
		foreach ( $run->steps as $step ) {
			$lines[] = sprintf( '  %s: %s%s%s', $step['id'], $step['status'], null === $step['branch'] ? '' : ', then its On ' . $step['branch'] . ' branch', null === $step['error'] ? '' : ' (' . $step['error']['class'] . ')' );
		}
		$lines[] = '  => output: ' . $run->output;
		return $lines;
	}

	/**
	 * @param mixed $lines Lines so far.
	 * @return list<string>
	 */
	public function report( $lines ): array {
		return array_merge( array_values( (array) $lines ), $this->seeded );
	}

	/**
	 * The seeded workflow, if it exists.
	 */
	public function demo_workflow(): ?\WP_Post {
		$posts = get_posts(
			array(
				'post_type'      => Workflow_Post_Type::POST_TYPE,
				'name'           => self::WORKFLOW_SLUG,
				'post_status'    => 'any',
				'posts_per_page' => 1,
			)
		);
		return $posts[0] ?? null;
	}

	/**
	 * The demo workflow's blocks: the pattern "fast model first, stronger on failure".
	 */
	public static function content(): string {
		$attrs = static fn( array $a ): string => (string) wp_json_encode( $a, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		return '<!-- wp:ai-failover/workflow ' . $attrs(
			array(
				'inputs' => array(
					array(
						'name'     => 'topic',
						'label'    => 'Topic',
						'type'     => 'text',
						'required' => true,
						'default'  => 'WordPress',
					),
				),
			)
		) . " -->\n"
			. '<!-- wp:ai-failover/step ' . $attrs(
				array(
					'stepId'     => 'draft',
					'label'      => 'Draft with the fast model',
					'feature'    => self::FAST_FEATURE,
					'prompt'     => 'Write one sentence about {{input.topic}}.',
					'validation' => array( 'non_empty' => true ),
				)
			) . " -->\n"
			. '<!-- wp:ai-failover/on-failure {"errorClasses":["rate_limited","server","timeout"]} -->' . "\n"
			. '<!-- wp:ai-failover/step ' . $attrs(
				array(
					'stepId'  => 'draft_strong',
					'label'   => 'Draft with the stronger model',
					'feature' => self::STRONG_FEATURE,
					'prompt'  => 'Write one sentence about {{input.topic}} (the fast model failed: {{error.class}}).',
				)
			) . " /-->\n"
			. "<!-- /wp:ai-failover/on-failure -->\n"
			. '<!-- wp:ai-failover/on-failure -->' . "\n"
			. '<!-- wp:ai-failover/stop {"status":"failed","message":"The draft failed: {{error.message}}"} /-->' . "\n"
			. "<!-- /wp:ai-failover/on-failure -->\n"
			. "<!-- /wp:ai-failover/step -->\n"
			. '<!-- wp:ai-failover/output {"value":"{{steps.draft.output}}"} /-->' . "\n"
			. '<!-- /wp:ai-failover/workflow -->';
	}
}
