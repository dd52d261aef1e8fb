<?php
/**
 * Composition root.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover;

use AI_Failover\Admin\Admin_Page;
use AI_Failover\Admin\Assets;
use AI_Failover\Blocks\Block_Registrar;
use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\REST\Settings_Controller;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Settings\Settings_Repository;

/**
 * The only place that knows the object graph and wires every hook.
 *
 * @since 0.1.0
 */
final class Plugin {

	/**
	 * Called once from plugin.php.
	 */
	public static function boot(): void {
		add_action( 'plugins_loaded', array( new self(), 'init' ) );
	}

	/**
	 * Builds the services and lets each register its hooks.
	 */
	public function init(): void {
		try {
			foreach ( $this->services() as $service ) {
				$service->register_hooks();
			}
		} catch ( \Throwable $error ) {
			// A broken service must not take the site down; it is reported where developers look.
			_doing_it_wrong( __METHOD__, esc_html( $error->getMessage() ), '0.1.0' );
		}
	}

	/**
	 * The plugin's services, in wiring order.
	 *
	 * @return list<Registers_Hooks>
	 */
	public function services(): array {
		$schemas  = new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' );
		$settings = new Settings_Repository( $schemas );
		$assets   = new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) );

		return array(
			new I18n(),
			new Capabilities(),
			new Settings_Controller( $settings, $schemas ),
			new Admin_Page( $assets ),
			new Block_Registrar( AIFO_PLUGIN_DIR . '/build' ),
		);
	}
}
