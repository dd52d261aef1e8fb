<?php
/**
 * Loads the plugin's translations.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * Loads languages/ for installs outside wordpress.org (where language packs load on their own).
 *
 * @since 0.1.0
 */
final class I18n implements Registers_Hooks {

	public function register_hooks(): void {
		add_action( 'init', array( $this, 'load_textdomain' ) );
	}

	/**
	 * Loads the text domain from the plugin's languages/ folder.
	 */
	public function load_textdomain(): void {
		load_plugin_textdomain( 'ai-failover', false, dirname( plugin_basename( AIFO_PLUGIN_FILE ) ) . '/languages' );
	}
}
