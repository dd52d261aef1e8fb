<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Tools;

use Yoast\PHPUnitPolyfills\TestCases\TestCase;

use function AI_Failover\Tools\log_records;
use function AI_Failover\Tools\plugin_problems;

require_once dirname( __DIR__, 4 ) . '/bin/check-php-logs.php';

/**
 * The check npm test runs over the rig's PHP logs: what makes it fail, and what it leaves alone.
 *
 * @covers ::AI_Failover\Tools\plugin_problems
 * @covers ::AI_Failover\Tools\log_records
 */
final class Check_Php_Logs_Test extends TestCase {

	private const PLUGIN = '/work/clone';

	private const DATE = '[01-Dec-2026 07:51:13 UTC] ';

	/**
	 * Log lines that must fail the suite.
	 *
	 * @return array<string, array{string}>
	 */
	public static function plugin_records(): array {
		return array(
			'warning in a plugin file (real path)'     => array( self::DATE . 'PHP Warning:  Undefined array key "x" in /work/clone/includes/Engine/Chain_Runner.php on line 88' ),
			'deprecation in a plugin file (symlink)'   => array( self::DATE . 'PHP Deprecated:  strlen(): Passing null to parameter #1 in /srv/.rig/test/6.6-rc/wp/wp-content/plugins/ai-failover/includes/Plugin.php on line 12' ),
			'notice raised in core for the plugin'     => array( self::DATE . 'PHP Notice:  Function register_block_type was called incorrectly. in /srv/wp/wp-includes/functions.php on line 5905 (reached from ai-failover: /work/clone/includes/Blocks/Block_Registrar.php:41)' ),
			'fatal error with the plugin in its trace' => array( self::DATE . "PHP Fatal error:  Uncaught TypeError: x() in /srv/wp/wp-includes/class-wp-hook.php:308\nStack trace:\n#0 /work/clone/includes/Diagnostics/Alerts.php(61): x()\n#1 {main}\n  thrown in /srv/wp/wp-includes/class-wp-hook.php on line 308" ),
			'database error made by a plugin class'    => array( self::DATE . 'WordPress database error Table wp_aifo_events doesn\'t exist for query SELECT 1 made by do_action, AI_Failover\Diagnostics\Event_Repository->insert' ),
		);
	}

	/**
	 * @dataProvider plugin_records
	 */
	public function test_a_record_from_the_plugin_is_found( string $line ): void {
		$log = self::DATE . "PHP Warning:  core's own in /srv/wp/wp-includes/update.php on line 3\n" . $line . "\n";

		$this->assertSame( array( $line ), plugin_problems( $log, self::PLUGIN . '/' ) );
	}

	/**
	 * Log lines that are not the plugin's, or not problems.
	 *
	 * @return array<string, array{string}>
	 */
	public static function other_records(): array {
		return array(
			'warning in a core file'                   => array( self::DATE . 'PHP Warning:  wp_update_plugins(): An unexpected error occurred. in /work/clone/.rig/test/6.6-rc/wp/wp-includes/update.php on line 440' ),
			'deprecation in the dev tools (vendor)'    => array( self::DATE . 'PHP Deprecated:  x in /work/clone/vendor/phpunit/phpunit/src/Util/Xml.php on line 3' ),
			'a plugin file named without a diagnostic' => array( self::DATE . 'Aifo debug: loaded /work/clone/includes/Plugin.php' ),
			'a database error of core'                 => array( self::DATE . 'WordPress database error Deadlock for query UPDATE wp_options made by wp_update_option' ),
		);
	}

	/**
	 * @dataProvider other_records
	 */
	public function test_other_records_are_left_alone( string $line ): void {
		$this->assertSame( array(), plugin_problems( $line . "\n", self::PLUGIN ) );
	}

	public function test_stack_trace_lines_belong_to_the_entry_above_them(): void {
		$records = log_records( self::DATE . "PHP Fatal error:  Uncaught x\nStack trace:\n#0 {main}\n" . self::DATE . "PHP Notice:  y\n" );

		$this->assertSame( array( self::DATE . "PHP Fatal error:  Uncaught x\nStack trace:\n#0 {main}", self::DATE . 'PHP Notice:  y' ), $records );
	}
}
