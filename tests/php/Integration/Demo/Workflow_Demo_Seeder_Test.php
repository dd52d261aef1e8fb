<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Demo;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * `npm start` seeds a workflow whose first step fails on the Simulator and whose On failure
 * branch serves, with no API key; seeding twice changes nothing.
 *
 * @covers \AI_Failover\Demo\Workflow_Demo_Seeder
 */
final class Workflow_Demo_Seeder_Test extends Test_Case {

	public function test_the_demo_workflow_takes_its_failure_branch_with_no_key(): void {
		delete_option( 'aifo_providers' );
		delete_option( 'aifo_features' );
		do_action( 'aifo_seed_demo' );
		$seeded = implode( "\n", (array) apply_filters( 'aifo_demo_seeded', array() ) );
		$this->assertStringContainsString( 'Feature "demo-fast"', $seeded );
		$this->assertMatchesRegularExpression( '/Workflow #\d+ "demo-fast-then-strong"/', $seeded );

		$lines = (array) apply_filters( 'aifo_demo_workflow_report', array() );
		$this->assertSame( '  draft: failed, then its On failure branch (rate_limited)', $lines[1] ?? null );
		$this->assertSame( '  draft_strong: succeeded', $lines[2] ?? null );
		$this->assertStringStartsWith( 'Ran workflow #', (string) $lines[0] );
		$this->assertStringContainsString( ': succeeded, run ', (string) $lines[0] );

		$posts = get_posts(
			array(
				'post_type'   => 'aifo_workflow',
				'post_status' => 'any',
				'name'        => 'demo-fast-then-strong',
			)
		);
		$this->assertCount( 1, $posts );
		do_action( 'aifo_seed_demo' );
		$this->assertCount(
			1,
			get_posts(
				array(
					'post_type'   => 'aifo_workflow',
					'post_status' => 'any',
					'name'        => 'demo-fast-then-strong',
				)
			),
			'a second seed adds nothing'
		);
	}
}
