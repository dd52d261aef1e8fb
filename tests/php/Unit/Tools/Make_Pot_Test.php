<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Tools;

use Yoast\PHPUnitPolyfills\TestCases\TestCase;

use function AI_Failover\Tools\build;

require_once dirname( __DIR__, 4 ) . '/bin/make-pot.php';

/**
 * @covers ::AI_Failover\Tools\build
 */
final class Make_Pot_Test extends TestCase {

	private string $dir = '';

	protected function set_up(): void {
		parent::set_up();
		$this->dir = sys_get_temp_dir() . '/aifo-pot-' . uniqid();
		mkdir( $this->dir . '/includes', 0777, true );
		mkdir( $this->dir . '/src/test', 0777, true );
		mkdir( $this->dir . '/blocks/demo', 0777, true );
		file_put_contents( $this->dir . '/plugin.php', "<?php\n/**\n * Plugin Name: Demo Plugin\n * Description: Does things.\n * Author: Someone\n */\n" );
		file_put_contents( $this->dir . '/uninstall.php', "<?php\n" );
		file_put_contents(
			$this->dir . '/includes/Thing.php',
			<<<'PHP'
<?php
/* translators: %s: Provider name. */
printf( __( 'Calling %s', 'ai-failover' ), $name );
echo _x( 'Open', 'breaker state', 'ai-failover' );
echo _n( 'One try', '%d tries', $n, 'ai-failover' );
echo __( 'Other domain', 'another-plugin' );
echo __( $not_a_literal, 'ai-failover' );
// __( 'In a comment', 'ai-failover' )
echo esc_html__( 'It\'s "quoted"', 'ai-failover' );
PHP
		);
		file_put_contents(
			$this->dir . '/src/app.tsx',
			"const a = __( 'Save settings', 'ai-failover' );\n// translators: %d: Days.\nconst b = sprintf( _n( '%d day', '%d days', n, 'ai-failover' ), n );\nconst c = _x( 'Open', 'breaker state', 'ai-failover' );\n"
		);
		file_put_contents( $this->dir . '/src/test/app.test.tsx', "__( 'Only in a test', 'ai-failover' );\n" );
		file_put_contents( $this->dir . '/blocks/demo/block.json', '{"name":"x/demo","title":"Demo block","description":"Shows things.","keywords":["alpha"],"textdomain":"ai-failover"}' );
	}

	protected function tear_down(): void {
		exec( 'rm -rf ' . escapeshellarg( $this->dir ) );
		parent::tear_down();
	}

	public function test_extracts_php_typescript_block_json_and_header_strings(): void {
		list( $pot, $count ) = build( $this->dir );

		$this->assertStringContainsString( "#. Plugin Name of the plugin\n#: plugin.php\nmsgid \"Demo Plugin\"", $pot );
		$this->assertStringContainsString( "#. translators: %s: Provider name.\n#: includes/Thing.php\n#, php-format\nmsgid \"Calling %s\"", $pot );
		$this->assertStringContainsString( "#: includes/Thing.php src/app.tsx\nmsgctxt \"breaker state\"\nmsgid \"Open\"", $pot, 'The same string in PHP and TS is one entry.' );
		$this->assertStringContainsString( "msgid \"One try\"\nmsgid_plural \"%d tries\"", $pot );
		$this->assertStringContainsString( "#. translators: %d: Days.\n#: src/app.tsx\n#, php-format\nmsgid \"%d day\"\nmsgid_plural \"%d days\"", $pot );
		$this->assertStringContainsString( 'msgid "It\'s \"quoted\""', $pot );
		$this->assertStringContainsString( "msgctxt \"block title\"\nmsgid \"Demo block\"", $pot );
		$this->assertStringContainsString( "msgctxt \"block keyword\"\nmsgid \"alpha\"", $pot );
		$this->assertStringNotContainsString( 'Other domain', $pot );
		$this->assertStringNotContainsString( 'In a comment', $pot );
		$this->assertStringNotContainsString( 'Only in a test', $pot );
		$this->assertSame( 12, $count );
	}

	public function test_output_is_a_valid_catalog_when_msgfmt_is_available(): void {
		list( $pot ) = build( $this->dir );
		file_put_contents( $this->dir . '/out.pot', $pot );
		exec( 'command -v msgfmt', $which, $missing );
		if ( 0 !== $missing ) {
			$this->markTestSkipped( 'msgfmt (gettext) is not installed.' );
		}
		exec( 'msgfmt --check -o /dev/null ' . escapeshellarg( $this->dir . '/out.pot' ) . ' 2>&1', $output, $status );
		$this->assertSame( 0, $status, implode( "\n", $output ) );
	}
}
