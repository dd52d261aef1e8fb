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
	echo "Nothing to seed yet: the Simulator provider and the demo feature arrive with the providers and engine issues.\n";
}
foreach ( $aifo_seeded as $aifo_line ) {
	echo '- ', $aifo_line, "\n"; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- CLI output.
}
