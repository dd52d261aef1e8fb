<?php
/**
 * Registers the plugin's blocks from their built block.json files.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Blocks;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * Uses the blocks manifest where WordPress supports it (6.8+), else one register_block_type() per folder.
 *
 * @since 0.1.0
 */
final class Block_Registrar implements Registers_Hooks {

	/**
	 * @param string $build_dir Absolute path of build/.
	 */
	public function __construct( private readonly string $build_dir ) {
	}

	public function register_hooks(): void {
		add_action( 'init', array( $this, 'register_blocks' ) );
	}

	/**
	 * Registers every built block.
	 *
	 * @return string[] Names of the blocks this call registered (not those registered before it).
	 */
	public function register_blocks(): array {
		$manifest = $this->build_dir . '/blocks-manifest.php';
		if ( function_exists( 'wp_register_block_types_from_metadata_collection' ) && is_readable( $manifest ) ) {
			// The collection API returns nothing, and refuses a block that is already registered with
			// a notice only: compare the registry before and after to report what this call added.
			$registry = \WP_Block_Type_Registry::get_instance();
			$before   = array_keys( $registry->get_all_registered() );
			wp_register_block_types_from_metadata_collection( $this->build_dir, $manifest );
			$manifest_data = require $manifest;
			$listed        = array_map( static fn( $block ) => is_array( $block ) ? (string) ( $block['name'] ?? '' ) : '', (array) $manifest_data );
			return array_values( array_diff( array_intersect( $listed, array_keys( $registry->get_all_registered() ) ), $before ) );
		}

		$names          = array();
		$metadata_files = glob( $this->build_dir . '/*/block.json' );
		foreach ( false === $metadata_files ? array() : $metadata_files as $metadata_file ) {
			$block = register_block_type( dirname( $metadata_file ) );
			if ( $block instanceof \WP_Block_Type ) {
				$names[] = $block->name;
			}
		}
		return $names;
	}
}
