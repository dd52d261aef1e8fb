<?php
/**
 * Seeds the demo site. Run inside WordPress by `bash bin/rig.sh php bin/seed-demo.php` (npm start does).
 *
 * Each part of the plugin seeds its own demo data on the `aifo_seed_demo` action, idempotently, and
 * describes what it did through the `aifo_demo_seeded` filter. Providers (the keyless Simulator)
 * and a feature whose primary fails and whose fallback serves arrive with the providers and engine
 * work; until then the seeding reports that nothing was seeded.
 *
 * @package AI_Failover
 */

if ( ! defined( 'ABSPATH' ) ) {
	fwrite( STDERR, "Run through bin/rig.sh php.\n" );
	exit( 1 );
}

/**
 * Lets the plugin's services seed the demo.
 *
 * @since 0.1.0
 */
do_action( 'aifo_seed_demo' );

/**
 * Filters the list of what the demo seeding did, one sentence each, printed by npm start.
 *
 * @since 0.1.0
 *
 * @param string[] $lines What was seeded.
 */
$aifo_seeded = (array) apply_filters( 'aifo_demo_seeded', array() );
if ( ! $aifo_seeded ) {
	echo "Demo data already present.\n";
}
foreach ( $aifo_seeded as $aifo_line ) {
	echo '- ', $aifo_line, "\n"; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- CLI output.
}

// Run the demo feature once, so the first visit to Diagnostics already shows a fallback.
$aifo_result = aifo_run(
	'demo-summary',
	array(
		'messages' => array(
			array(
				'role'    => 'user',
				'content' => 'Summarise: WordPress powers a large share of the web.',
			),
		),
		'caller'   => 'demo',
	)
);
echo "\nRan demo-summary once (no API key needed):\n";
foreach ( $aifo_result->attempts as $aifo_attempt ) {
	echo '  ', $aifo_attempt->index, '. ', $aifo_attempt->reason, "\n"; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- CLI output.
}
printf( "  => %s, served by %s%s.\n", $aifo_result->status, $aifo_result->served_by ? $aifo_result->served_by['provider_id'] . '/' . $aifo_result->served_by['model'] : 'nobody', $aifo_result->degraded ? ' (degraded: a fallback answered)' : '' ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- CLI output.

/**
 * Filters the description of one run of the demo workflow (the filter runs it), printed by npm start.
 *
 * @since n.e.x.t
 *
 * @param string[] $lines What happened, one line each.
 */
$aifo_workflow_lines = (array) apply_filters( 'aifo_demo_workflow_report', array() );
if ( $aifo_workflow_lines ) {
	echo "\n";
}
foreach ( $aifo_workflow_lines as $aifo_line ) {
	echo $aifo_line, "\n"; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- CLI output.
}
