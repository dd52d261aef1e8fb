<?php
/**
 * The plugin's wp-admin menu and its app screens.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Admin;

use AI_Failover\Capabilities;
use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Workflows\Workflow_Post_Type;

/**
 * The one "AI Failover" menu: Providers, Features, Workflows, Diagnostics, Settings, each a WordPress
 * submenu page with its own address, capability and browser history. Submenu pages rather than tabs
 * because two of the five cannot live inside a React tab: Workflows is core's post list and block
 * editor (edit.php, post.php), and Diagnostics is an app of its own whose `#run=<id>` links are a
 * contract. Providers, Features and Settings are the same app (src/admin/) told which screen to show.
 *
 * The menu's top level is the first screen the user may open, so an editor (who builds workflows but
 * may not change settings) finds Workflows under the same "AI Failover" entry an administrator sees:
 * WordPress refuses a submenu screen whose parent the user cannot open.
 *
 * @since 0.1.0
 */
final class Admin_Page implements Registers_Hooks {

	public const SLUG          = 'ai-failover';
	public const FEATURES_SLUG = 'ai-failover-features';
	public const SETTINGS_SLUG = 'ai-failover-settings';
	public const HANDLE        = 'aifo-admin';

	/** The app's screens: page slug => screen name the app reads from its root's data-screen. */
	private const SCREENS = array(
		self::SLUG          => 'providers',
		self::FEATURES_SLUG => 'features',
		self::SETTINGS_SLUG => 'settings',
	);

	/**
	 * Hook suffixes of the app's screens.
	 *
	 * @var array<string, string>
	 */
	private array $hook_suffixes = array();

	public function __construct(
		private readonly Assets $assets,
		private readonly ?Diagnostics_Page $diagnostics = null
	) {
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
	 * The menu's entries in order: slug => array( menu title, page title, capability, callback ).
	 * The callback is null for Workflows, a screen of core's.
	 *
	 * @return array<string, array{0: string, 1: string, 2: string, 3: callable|null}>
	 */
	private function entries(): array {
		$entries   = array(
			self::SLUG          => array( __( 'Providers', 'ai-failover' ), __( 'AI Failover providers', 'ai-failover' ), Capabilities::MANAGE_SETTINGS, array( $this, 'render' ) ),
			self::FEATURES_SLUG => array( __( 'Features', 'ai-failover' ), __( 'AI Failover features', 'ai-failover' ), Capabilities::MANAGE_SETTINGS, array( $this, 'render' ) ),
		);
		$workflows = get_post_type_object( Workflow_Post_Type::POST_TYPE );
		if ( $workflows instanceof \WP_Post_Type ) {
			$entries[ 'edit.php?post_type=' . Workflow_Post_Type::POST_TYPE ] = array( (string) $workflows->labels->menu_name, (string) $workflows->labels->name, (string) $workflows->cap->edit_posts, null );
		}
		if ( null !== $this->diagnostics ) {
			$entries[ Diagnostics_Page::SLUG ] = array( __( 'Diagnostics', 'ai-failover' ), __( 'AI Failover diagnostics', 'ai-failover' ), Capabilities::VIEW_LOGS, array( $this->diagnostics, 'render' ) );
		}
		$entries[ self::SETTINGS_SLUG ] = array( __( 'Settings', 'ai-failover' ), __( 'AI Failover settings', 'ai-failover' ), Capabilities::MANAGE_SETTINGS, array( $this, 'render' ) );
		return $entries;
	}

	/**
	 * Adds the top level (the first entry the user may open) and every entry under it.
	 */
	public function add_menu(): void {
		$entries = $this->entries();
		$parent  = self::menu_parent();
		if ( null === $parent || ! isset( $entries[ $parent ] ) ) {
			return;
		}
		list( , , $capability, $callback ) = $entries[ $parent ];
		add_menu_page( __( 'AI Failover', 'ai-failover' ), __( 'AI Failover', 'ai-failover' ), $capability, $parent, $callback ?? '', 'dashicons-randomize', 81 );
		foreach ( $entries as $slug => $entry ) {
			list( $menu_title, $page_title, $capability, $callback ) = $entry;
			$hook = (string) add_submenu_page( $parent, $page_title, $menu_title, $capability, $slug, $callback ?? '' );
			if ( isset( self::SCREENS[ $slug ] ) ) {
				$this->hook_suffixes[ $slug ] = $hook;
			} elseif ( Diagnostics_Page::SLUG === $slug && null !== $this->diagnostics ) {
				$this->diagnostics->set_hook_suffix( $hook );
			}
		}
	}

	/**
	 * Slug of the menu's top level for the current user: the first screen they may open, or null
	 * when they may open none. Other screens that join the menu add themselves under it.
	 */
	public static function menu_parent(): ?string {
		if ( current_user_can( Capabilities::MANAGE_SETTINGS ) ) {
			return self::SLUG;
		}
		$workflows = get_post_type_object( Workflow_Post_Type::POST_TYPE );
		if ( $workflows instanceof \WP_Post_Type && current_user_can( (string) $workflows->cap->edit_posts ) ) {
			return 'edit.php?post_type=' . Workflow_Post_Type::POST_TYPE;
		}
		if ( current_user_can( Capabilities::VIEW_LOGS ) ) {
			return Diagnostics_Page::SLUG;
		}
		return null;
	}

	/**
	 * Loads the app on its own screens only.
	 *
	 * @param string $hook_suffix Current admin screen.
	 */
	public function enqueue( $hook_suffix ): void {
		if ( '' === (string) $hook_suffix || ! in_array( $hook_suffix, $this->hook_suffixes, true ) ) {
			return;
		}
		$this->assets->enqueue( self::HANDLE, 'admin/index', array( 'wp-components' ) );
	}

	/**
	 * Prints the screen the current page names. The app renders into #aifo-admin-root.
	 */
	public function render(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Which screen to show, not an action.
		$slug   = isset( $_GET['page'] ) ? sanitize_key( wp_unslash( $_GET['page'] ) ) : self::SLUG;
		$screen = self::SCREENS[ $slug ] ?? self::SCREENS[ self::SLUG ];
		$titles = array(
			'providers' => __( 'Providers', 'ai-failover' ),
			'features'  => __( 'Features', 'ai-failover' ),
			'settings'  => __( 'Settings', 'ai-failover' ),
		);
		echo '<div class="wrap aifo-admin">';
		echo '<h1>' . esc_html( $titles[ $screen ] ) . '</h1>';
		if ( ! $this->assets->is_built( 'admin/index' ) ) {
			echo '<div class="notice notice-warning inline"><p>' . esc_html__( 'The screen\'s scripts are missing. Run "npm run build" in the plugin folder.', 'ai-failover' ) . '</p></div>';
		}
		$seen_at = (int) get_user_option( Diagnostics_Page::SEEN_OPTION );
		echo '<div id="aifo-admin-root" data-screen="' . esc_attr( $screen ) . '" data-diagnostics-seen-at="' . esc_attr( (string) $seen_at ) . '"></div>';
		echo '<noscript><p>' . esc_html__( 'This screen needs JavaScript.', 'ai-failover' ) . '</p></noscript>';
		echo '</div>';
	}
}
