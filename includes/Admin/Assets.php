<?php
/**
 * Registers the built scripts and styles.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Admin;

/**
 * Knows where webpack put each entry and what it depends on (build/<entry>.asset.php).
 *
 * @since 0.1.0
 */
final class Assets {

	/**
	 * @param string $plugin_dir Absolute plugin folder, no trailing slash.
	 * @param string $plugin_url URL of the plugin folder, no trailing slash.
	 */
	public function __construct(
		private readonly string $plugin_dir,
		private readonly string $plugin_url
	) {
	}

	/**
	 * Whether an entry has been built.
	 *
	 * @param string $entry Entry name, such as "admin/index".
	 */
	public function is_built( string $entry ): bool {
		return is_readable( $this->plugin_dir . '/build/' . $entry . '.asset.php' );
	}

	/**
	 * Enqueues an entry's script (with translations) and its stylesheet when it has one.
	 *
	 * @param non-empty-string $handle     Script handle.
	 * @param string           $entry      Entry name, such as "admin/index".
	 * @param string[]         $style_deps Extra style dependencies, such as "wp-components".
	 * @return bool False when the entry has not been built.
	 */
	public function enqueue( string $handle, string $entry, array $style_deps = array() ): bool {
		if ( ! $this->is_built( $entry ) ) {
			return false;
		}
		$asset = require $this->plugin_dir . '/build/' . $entry . '.asset.php';
		$deps  = is_array( $asset ) && isset( $asset['dependencies'] ) ? (array) $asset['dependencies'] : array();
		$ver   = is_array( $asset ) && isset( $asset['version'] ) ? (string) $asset['version'] : AIFO_VERSION;

		wp_enqueue_script( $handle, $this->plugin_url . '/build/' . $entry . '.js', $deps, $ver, true );
		wp_set_script_translations( $handle, 'ai-failover', $this->plugin_dir . '/languages' );

		if ( is_readable( $this->plugin_dir . '/build/' . $entry . '.css' ) ) {
			wp_enqueue_style( $handle, $this->plugin_url . '/build/' . $entry . '.css', $style_deps, $ver );
		} elseif ( $style_deps ) {
			foreach ( $style_deps as $style ) {
				wp_enqueue_style( $style );
			}
		}
		// Components' own stylesheets (`import './style.scss'`) are built apart, into
		// style-<entry>.css (wp-scripts' convention); without it they render unstyled.
		$components = dirname( $entry ) . '/style-' . basename( $entry ) . '.css';
		if ( is_readable( $this->plugin_dir . '/build/' . $components ) ) {
			wp_enqueue_style( $handle . '-components', $this->plugin_url . '/build/' . $components, $style_deps, $ver );
		}
		return true;
	}
}
