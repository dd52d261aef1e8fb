<?php
/**
 * The Diagnostics screen.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Admin;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * AI Failover > Diagnostics: the event log, run timelines and route health (src/diagnostics/).
 *
 * @since 0.1.0
 */
final class Diagnostics_Page implements Registers_Hooks {

	public const SLUG   = 'ai-failover-diagnostics';
	public const HANDLE = 'aifo-diagnostics';

	/** User option (per site): when the user last opened this screen, for the first-run checklist. */
	public const SEEN_OPTION = 'aifo_diagnostics_seen_at';

	private string $hook_suffix = '';

	public function __construct( private readonly Assets $assets ) {
	}

	public function register_hooks(): void {
		// Its menu entry is Admin_Page's, which orders the whole menu.
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
	}

	/**
	 * The hook suffix WordPress gave the screen's menu entry (Admin_Page adds it).
	 *
	 * @param string $hook_suffix Hook suffix.
	 */
	public function set_hook_suffix( string $hook_suffix ): void {
		$this->hook_suffix = $hook_suffix;
	}

	/**
	 * @param string $hook_suffix Current screen.
	 */
	public function enqueue( $hook_suffix ): void {
		if ( '' !== $this->hook_suffix && $hook_suffix === $this->hook_suffix ) {
			$this->assets->enqueue( self::HANDLE, 'diagnostics/index', array( 'wp-components' ) );
			// wpApiSettings (REST root and nonce) for the CSV export link, which is a plain download.
			wp_enqueue_script( 'wp-api-request' );
		}
	}

	/**
	 * Prints the mount point, and notes the visit: the last step of the first-run checklist is
	 * having looked here after a run.
	 */
	public function render(): void {
		update_user_option( get_current_user_id(), self::SEEN_OPTION, time() );
		echo '<div class="wrap aifo-diagnostics">';
		echo '<h1>' . esc_html__( 'AI Failover diagnostics', 'ai-failover' ) . '</h1>';
		if ( ! $this->assets->is_built( 'diagnostics/index' ) ) {
			echo '<div class="notice notice-warning inline"><p>' . esc_html__( 'The screen\'s scripts are missing. Run "npm run build" in the plugin folder.', 'ai-failover' ) . '</p></div>';
		}
		echo '<div id="aifo-diagnostics-root"></div>';
		echo '<noscript><p>' . esc_html__( 'This screen needs JavaScript.', 'ai-failover' ) . '</p></noscript>';
		echo '</div>';
	}
}
