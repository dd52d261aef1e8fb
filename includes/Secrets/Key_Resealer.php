<?php
/**
 * Moves stored keys to the current secret.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Secrets;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * After the secret changes (AIFO_SECRET_KEY set, changed or removed, with the old value in
 * AIFO_PREVIOUS_SECRET_KEY; from the salts to a constant needs nothing more), the next admin page
 * load re-seals every key under the current secret, after which AIFO_PREVIOUS_SECRET_KEY can be
 * removed from wp-config.php without losing a key.
 *
 * @since 0.1.0
 */
final class Key_Resealer implements Registers_Hooks {

	public function __construct( private readonly Key_Vault $vault ) {
	}

	public function register_hooks(): void {
		add_action( 'admin_init', array( $this, 'reseal' ) );
	}

	/**
	 * Re-seals what needs it; cheap when nothing does.
	 *
	 * @return int Keys re-sealed.
	 */
	public function reseal(): int {
		return $this->vault->reseal_all();
	}
}
