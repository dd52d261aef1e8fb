<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Admin;

use AI_Failover\Admin\Admin_Page;
use AI_Failover\Admin\Assets;
use AI_Failover\Admin\Diagnostics_Page;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * @covers \AI_Failover\Admin\Admin_Page
 * @covers \AI_Failover\Admin\Assets
 * @covers \AI_Failover\Admin\Diagnostics_Page
 */
final class Admin_Page_Test extends Test_Case {

	protected function tear_down(): void {
		wp_dequeue_script( Admin_Page::HANDLE );
		wp_dequeue_style( Admin_Page::HANDLE . '-components' );
		wp_deregister_script( Admin_Page::HANDLE );
		$GLOBALS['menu']             = array();
		$GLOBALS['submenu']          = array();
		$GLOBALS['admin_page_hooks'] = array();
		parent::tear_down();
	}

	public function test_one_menu_holds_every_screen_in_order_each_behind_its_capability(): void {
		wp_set_current_user( $this->create_user( 'administrator' ) );
		$page = new Admin_Page( new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) ), new Diagnostics_Page( new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) ) ) );

		$page->add_menu();

		$entry = array_values( $GLOBALS['menu'] )[0];
		$this->assertSame( 'ai-failover', $entry[2] );
		$this->assertSame( 'aifo_manage_settings', $entry[1], 'wp-admin hides the entry from users without it.' );
		$this->assertSame(
			array(
				'ai-failover'                      => 'aifo_manage_settings',
				'ai-failover-features'             => 'aifo_manage_settings',
				'edit.php?post_type=aifo_workflow' => 'edit_aifo_workflows',
				'ai-failover-diagnostics'          => 'aifo_view_logs',
				'ai-failover-settings'             => 'aifo_manage_settings',
			),
			array_column( $GLOBALS['submenu']['ai-failover'], 1, 2 )
		);
		$this->assertSame( array( 'Providers', 'Features', 'Workflows', 'Diagnostics', 'Settings' ), array_column( $GLOBALS['submenu']['ai-failover'], 0 ) );
		$this->assertFalse( user_can( $this->create_user( 'editor' ), 'aifo_manage_settings' ) );
	}

	public function test_an_editor_finds_workflows_under_the_same_menu(): void {
		wp_set_current_user( $this->create_user( 'editor' ) );
		$page = new Admin_Page( new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) ), new Diagnostics_Page( new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) ) ) );

		$page->add_menu();

		$this->assertCount( 1, $GLOBALS['menu'], 'one menu, not one per screen' );
		$entry = array_values( $GLOBALS['menu'] )[0];
		$this->assertSame( 'AI Failover', $entry[0] );
		$this->assertSame( 'edit.php?post_type=aifo_workflow', $entry[2], 'the top level is the first screen an editor may open' );
		$this->assertSame( 'edit_aifo_workflows', $entry[1] );
	}

	public function test_renders_the_screen_its_page_names_with_an_escaped_heading(): void {
		$page = new Admin_Page( new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) ) );
		wp_set_current_user( $this->create_user( 'administrator' ) );

		ob_start();
		$page->render();
		$html = (string) ob_get_clean();
		$this->assertStringContainsString( '<h1>Providers</h1>', $html );
		$this->assertStringContainsString( '<div id="aifo-admin-root" data-screen="providers" data-diagnostics-seen-at="0"></div>', $html );

		$_GET['page'] = 'ai-failover-features';
		ob_start();
		$page->render();
		$html = (string) ob_get_clean();
		unset( $_GET['page'] ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Put back as it was.
		$this->assertStringContainsString( '<h1>Features</h1>', $html );
		$this->assertStringContainsString( 'data-screen="features"', $html );
	}

	public function test_opening_diagnostics_is_noted_for_the_first_run_checklist(): void {
		$assets = new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) );
		wp_set_current_user( $this->create_user( 'administrator' ) );
		$before = time();

		ob_start();
		( new Diagnostics_Page( $assets ) )->render();
		( new Admin_Page( $assets ) )->render();
		$html = (string) ob_get_clean();

		$this->assertMatchesRegularExpression( '/data-diagnostics-seen-at="(\d+)"/', $html );
		preg_match( '/data-diagnostics-seen-at="(\d+)"/', $html, $seen );
		$this->assertGreaterThanOrEqual( $before, (int) $seen[1] );
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
