<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Admin;

use AI_Failover\Admin\Admin_Page;
use AI_Failover\Admin\Assets;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * @covers \AI_Failover\Admin\Admin_Page
 * @covers \AI_Failover\Admin\Assets
 */
final class Admin_Page_Test extends Test_Case {

	protected function tear_down(): void {
		wp_dequeue_script( Admin_Page::HANDLE );
		wp_dequeue_style( Admin_Page::HANDLE . '-components' );
		wp_deregister_script( Admin_Page::HANDLE );
		$GLOBALS['menu']             = array();
		$GLOBALS['admin_page_hooks'] = array();
		parent::tear_down();
	}

	public function test_the_menu_requires_the_settings_capability_which_only_administrators_hold(): void {
		$page            = new Admin_Page( new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) ) );
		$GLOBALS['menu'] = array();

		$page->add_menu();

		$entry = array_values( $GLOBALS['menu'] )[0];
		$this->assertSame( 'ai-failover', $entry[2] );
		$this->assertSame( 'aifo_manage_settings', $entry[1], 'wp-admin hides the entry from users without it.' );
		$this->assertFalse( user_can( $this->create_user( 'editor' ), 'aifo_manage_settings' ) );
		$this->assertTrue( user_can( $this->create_user( 'administrator' ), 'aifo_manage_settings' ) );
	}

	public function test_renders_the_app_mount_point_with_an_escaped_heading(): void {
		$page = new Admin_Page( new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) ) );

		ob_start();
		$page->render();
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( '<h1>AI Failover</h1>', $html );
		$this->assertStringContainsString( '<div id="aifo-admin-root"></div>', $html );
	}

	public function test_tells_the_developer_when_the_build_is_missing(): void {
		$page = new Admin_Page( new Assets( sys_get_temp_dir() . '/aifo-no-build', 'http://example.org' ) );

		ob_start();
		$page->render();
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( 'npm run build', $html );
	}

	public function test_enqueues_the_built_script_on_its_own_screen_only(): void {
		if ( ! is_readable( AIFO_PLUGIN_DIR . '/build/admin/index.asset.php' ) ) {
			$this->fail( 'build/admin/index.asset.php is missing: npm test builds before PHPUnit runs.' );
		}
		wp_set_current_user( $this->create_user( 'administrator' ) );
		$page = new Admin_Page( new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) ) );
		$page->add_menu();

		$page->enqueue( 'index.php' );
		$this->assertFalse( wp_script_is( Admin_Page::HANDLE, 'enqueued' ), 'Not on the dashboard.' );

		$page->enqueue( 'toplevel_page_ai-failover' );
		$this->assertTrue( wp_script_is( Admin_Page::HANDLE, 'enqueued' ) );
		$script = wp_scripts()->registered[ Admin_Page::HANDLE ];
		$this->assertStringEndsWith( '/build/admin/index.js', $script->src );
		$this->assertContains( 'wp-api-fetch', $script->deps );
		$this->assertNotContains( 'react-jsx-runtime', $script->deps, 'WordPress 6.1 has no react-jsx-runtime handle; the runtime is bundled.' );
		foreach ( $script->deps as $dependency ) {
			$this->assertTrue( wp_script_is( $dependency, 'registered' ), "Dependency $dependency exists in this WordPress." );
		}
	}

	public function test_enqueues_the_stylesheet_of_the_components_too(): void {
		if ( ! is_readable( AIFO_PLUGIN_DIR . '/build/admin/style-index.css' ) ) {
			$this->fail( 'build/admin/style-index.css is missing: npm test builds before PHPUnit runs.' );
		}
		wp_set_current_user( $this->create_user( 'administrator' ) );
		$page = new Admin_Page( new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) ) );
		$page->add_menu();

		$page->enqueue( 'toplevel_page_ai-failover' );

		$handle = Admin_Page::HANDLE . '-components';
		$this->assertTrue( wp_style_is( $handle, 'enqueued' ), 'Field errors, attempt lists: styled by their own style.scss.' );
		$this->assertStringEndsWith( '/build/admin/style-index.css', wp_styles()->registered[ $handle ]->src );
	}

	public function test_links_its_screen_from_the_plugins_screen_for_administrators_only(): void {
		$page = new Admin_Page( new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) ) );
		$page->register_hooks();
		$filter = 'plugin_action_links_' . plugin_basename( AIFO_PLUGIN_FILE );
		$this->assertSame( 10, has_filter( $filter, array( $page, 'add_settings_link' ) ) );
		$deactivate = array( 'deactivate' => '<a href="#">Deactivate</a>' );

		wp_set_current_user( $this->create_user( 'administrator' ) );
		$links = $page->add_settings_link( $deactivate );
		$this->assertSame( array( 'settings', 'deactivate' ), array_keys( $links ), 'Settings comes first.' );
		$this->assertSame( '<a href="' . admin_url( 'admin.php?page=ai-failover' ) . '">Settings</a>', $links['settings'] );

		wp_set_current_user( $this->create_user( 'editor' ) );
		$this->assertSame( $deactivate, $page->add_settings_link( $deactivate ) );
		remove_filter( $filter, array( $page, 'add_settings_link' ) );
	}
}
