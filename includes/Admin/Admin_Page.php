<?php
/**
 * The plugin's wp-admin screen.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Admin;

use AI_Failover\Capabilities;
use AI_Failover\Contracts\Registers_Hooks;

/**
 * Adds the "AI Failover" menu and renders the mount point of the TypeScript app (src/admin/).
 *
 * @since 0.1.0
 */
final class Admin_Page implements Registers_Hooks {

	public const SLUG   = 'ai-failover';
	public const HANDLE = 'aifo-admin';

	private string $hook_suffix = '';

	public function __construct( private readonly Assets $assets ) {
	}

	public function register_hooks(): void {
		add_action( 'admin_menu', array( $this, 'add_menu' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( AIFO_PLUGIN_FILE ), array( $this, 'add_settings_link' ) );
	}

	/**
	 * Puts "Settings" first among the plugin's links on the Plugins screen, for the users who may
	 * open the screen: the first place a new admin looks after activating it.
	 *
	 * @param array<int|string, string> $links Action links (Deactivate, ...).
	 * @return array<int|string, string>
	 */
	public function add_settings_link( $links ): array {
		$links = is_array( $links ) ? $links : array();
		if ( ! current_user_can( Capabilities::MANAGE_SETTINGS ) ) {
			return $links;
		}
		$link = sprintf(
			'<a href="%s">%s</a>',
			esc_url( admin_url( 'admin.php?page=' . self::SLUG ) ),
			esc_html__( 'Settings', 'ai-failover' )
		);
		return array( 'settings' => $link ) + $links;
	}

	/**
	 * Adds the top-level menu.
	 */
	public function add_menu(): void {
		$this->hook_suffix = (string) add_menu_page(
			__( 'AI Failover', 'ai-failover' ),
			__( 'AI Failover', 'ai-failover' ),
			Capabilities::MANAGE_SETTINGS,
			self::SLUG,
			array( $this, 'render' ),
			'dashicons-randomize',
			81
		);
	}

	/**
	 * Loads the app on this screen only.
	 *
	 * @param string $hook_suffix Current admin screen.
	 */
	public function enqueue( $hook_suffix ): void {
		if ( '' === $this->hook_suffix || $hook_suffix !== $this->hook_suffix ) {
			return;
		}
		$this->assets->enqueue( self::HANDLE, 'admin/index', array( 'wp-components' ) );
	}

	/**
	 * Prints the screen. The app renders into #aifo-admin-root.
	 */
	public function render(): void {
		echo '<div class="wrap aifo-admin">';
		echo '<h1>' . esc_html__( 'AI Failover', 'ai-failover' ) . '</h1>';
		if ( ! $this->assets->is_built( 'admin/index' ) ) {
			echo '<div class="notice notice-warning inline"><p>' . esc_html__( 'The screen\'s scripts are missing. Run "npm run build" in the plugin folder.', 'ai-failover' ) . '</p></div>';
		}
		echo '<div id="aifo-admin-root"></div>';
		echo '<noscript><p>' . esc_html__( 'This screen needs JavaScript.', 'ai-failover' ) . '</p></noscript>';
		echo '</div>';
	}
}
