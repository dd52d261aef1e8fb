<?php
/**
 * The Queue screen.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Admin;

use AI_Failover\Capabilities;
use AI_Failover\Contracts\Registers_Hooks;

/**
 * AI Failover > Queue (administrators): the durable queue's jobs by status, retry now, cancel
 * (src/queue/, REST\Queue_Controller). A submenu of its own, so the admin menu's rework only has to
 * move one add_submenu_page() call.
 *
 * @since n.e.x.t
 */
final class Queue_Page implements Registers_Hooks {

	public const SLUG   = 'ai-failover-queue';
	public const HANDLE = 'aifo-queue';

	private string $hook_suffix = '';

	public function __construct( private readonly Assets $assets ) {
	}

	public function register_hooks(): void {
		add_action( 'admin_menu', array( $this, 'add_menu' ), 21 );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
	}

	/**
	 * Adds the submenu under AI Failover.
	 */
	public function add_menu(): void {
		$this->hook_suffix = (string) add_submenu_page(
			Admin_Page::SLUG,
			__( 'AI Failover queue', 'ai-failover' ),
			__( 'Queue', 'ai-failover' ),
			Capabilities::MANAGE_SETTINGS,
			self::SLUG,
			array( $this, 'render' )
		);
	}

	/**
	 * @param string $hook_suffix Current screen.
	 */
	public function enqueue( $hook_suffix ): void {
		if ( '' !== $this->hook_suffix && $hook_suffix === $this->hook_suffix ) {
			$this->assets->enqueue( self::HANDLE, 'queue/index', array( 'wp-components' ) );
		}
	}

	/**
	 * Prints the mount point.
	 */
	public function render(): void {
		echo '<div class="wrap aifo-queue-screen">';
		echo '<h1>' . esc_html__( 'AI Failover queue', 'ai-failover' ) . '</h1>';
		if ( ! $this->assets->is_built( 'queue/index' ) ) {
			echo '<div class="notice notice-warning inline"><p>' . esc_html__( 'The screen\'s scripts are missing. Run "npm run build" in the plugin folder.', 'ai-failover' ) . '</p></div>';
		}
		echo '<div id="aifo-queue-root"></div>';
		echo '<noscript><p>' . esc_html__( 'This screen needs JavaScript.', 'ai-failover' ) . '</p></noscript>';
		echo '</div>';
	}
}
