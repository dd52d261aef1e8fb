<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit;

use AI_Failover\Requirements;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * @covers \AI_Failover\Requirements
 */
final class Requirements_Test extends TestCase {

	protected function tear_down(): void {
		$GLOBALS['aifo_test_current_caps'] = array();
		parent::tear_down();
	}

	/**
	 * @dataProvider versions
	 */
	public function test_decides_from_php_and_wordpress_versions( string $php, string $wp, bool $expected ): void {
		$this->assertSame( $expected, ( new Requirements( $php, $wp, '8.1', '6.1' ) )->are_met() );
	}

	/**
	 * @return array<string, array{string, string, bool}>
	 */
	public function versions(): array {
		return array(
			'both at the minimum'      => array( '8.1.0', '6.1', true ),
			'newer everything'         => array( '8.4.1', '7.0', true ),
			'a 6.1 release candidate'  => array( '8.2.0', '6.1-RC1', true ),
			'PHP 8.0 is too old'       => array( '8.0.30', '6.4', false ),
			'PHP 7.4 is too old'       => array( '7.4.33', '6.1.9', false ),
			'WordPress 6.0 is too old' => array( '8.2.0', '6.0.9', false ),
			'a 6.0 pre-release too'    => array( '8.2.0', '6.0-beta1', false ),
		);
	}

	public function test_names_each_failed_requirement_with_both_versions(): void {
		$problems = ( new Requirements( '7.4.33', '5.9.3', '8.1', '6.1' ) )->problems();

		$this->assertCount( 2, $problems );
		$this->assertStringContainsString( 'PHP 8.1', $problems[0] );
		$this->assertStringContainsString( '7.4.33', $problems[0] );
		$this->assertStringContainsString( 'WordPress 6.1', $problems[1] );
		$this->assertStringContainsString( '5.9.3', $problems[1] );
	}

	public function test_notice_is_shown_to_administrators_only_and_escaped(): void {
		$requirements = new Requirements( '8.0.<b>1', '6.4', '8.1', '6.1' );

		ob_start();
		$requirements->render_admin_notice();
		$this->assertSame( '', ob_get_clean(), 'Visitors who cannot activate plugins see nothing.' );

		$GLOBALS['aifo_test_current_caps'] = array( 'activate_plugins' );
		ob_start();
		$requirements->render_admin_notice();
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( 'notice-error', $html );
		$this->assertStringContainsString( 'AI Failover is not running.', $html );
		$this->assertStringContainsString( '8.0.&lt;b&gt;1', $html );
		$this->assertStringNotContainsString( '<b>', $html );
	}
}
