<?php
/**
 * The plugin's capabilities and who has them.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * Grants the plugin's meta capabilities from a WordPress base capability, at check time.
 *
 * Nothing is written to the roles option, so deactivating the plugin leaves no trace, and a role
 * editor can still grant or deny an aifo_* capability explicitly (an explicit entry always wins).
 *
 * @since 0.1.0
 */
final class Capabilities implements Registers_Hooks {

	public const MANAGE_SETTINGS = 'aifo_manage_settings';
	public const MANAGE_KEYS     = 'aifo_manage_keys';
	public const MANAGE_FEATURES = 'aifo_manage_features';
	public const VIEW_LOGS       = 'aifo_view_logs';
	public const RUN_WORKFLOWS   = 'aifo_run_workflows';
	public const RUN_FEATURES    = 'aifo_run_features';

	/**
	 * Default WordPress capability behind each plugin capability.
	 *
	 * @var array<string, string>
	 */
	private const DEFAULT_BASE = array(
		self::MANAGE_SETTINGS => 'manage_options',
		self::MANAGE_KEYS     => 'manage_options',
		self::MANAGE_FEATURES => 'manage_options',
		self::VIEW_LOGS       => 'manage_options',
		self::RUN_WORKFLOWS   => 'edit_others_posts',
		self::RUN_FEATURES    => 'edit_others_posts',
	);

	/**
	 * Primitive capabilities of the workflow post type (Workflow_Post_Type::CAPABILITIES): whoever
	 * holds aifo_run_workflows holds them, so editors build workflows and authors do not.
	 *
	 * @var list<string>
	 */
	private const WORKFLOW_POST_CAPS = array(
		'edit_aifo_workflows',
		'edit_others_aifo_workflows',
		'edit_private_aifo_workflows',
		'edit_published_aifo_workflows',
		'publish_aifo_workflows',
		'read_private_aifo_workflows',
		'delete_aifo_workflows',
		'delete_others_aifo_workflows',
		'delete_private_aifo_workflows',
		'delete_published_aifo_workflows',
	);

	public function register_hooks(): void {
		add_filter( 'user_has_cap', array( $this, 'grant' ), 10, 3 );
	}

	/**
	 * The WordPress capability a user needs to hold a plugin capability.
	 *
	 * @param string $capability One of this class's constants.
	 */
	public function base_capability( string $capability ): string {
		$default = self::DEFAULT_BASE[ $capability ] ?? 'manage_options';

		/**
		 * Filters the WordPress capability that grants one of AI Failover's capabilities.
		 *
		 * @since 0.1.0
		 *
		 * @param string $base       WordPress capability: 'manage_options' by default, 'edit_others_posts' (editors) for aifo_run_workflows and aifo_run_features.
		 * @param string $capability The plugin capability being checked.
		 */
		$base = apply_filters( 'aifo_capability_base', $default, $capability );
		return is_string( $base ) && '' !== $base ? $base : $default;
	}

	/**
	 * Filter callback for user_has_cap.
	 *
	 * @param array<string, bool> $allcaps The user's capabilities.
	 * @param string[]            $caps    Primitive capabilities being checked.
	 * @param array<int, mixed>   $args    The original check's arguments.
	 * @return array<string, bool>
	 */
	public function grant( $allcaps, $caps, $args ): array {
		$allcaps = is_array( $allcaps ) ? $allcaps : array();
		foreach ( (array) $caps as $cap ) {
			if ( ! is_string( $cap ) || array_key_exists( $cap, $allcaps ) ) {
				continue;
			}
			if ( in_array( $cap, self::WORKFLOW_POST_CAPS, true ) ) {
				// Through aifo_run_workflows, so an explicit grant or denial of it carries over.
				$allcaps[ $cap ] = $this->grant( $allcaps, array( self::RUN_WORKFLOWS ), $args )[ self::RUN_WORKFLOWS ] ?? false;
				continue;
			}
			if ( ! isset( self::DEFAULT_BASE[ $cap ] ) ) {
				continue;
			}
			$allcaps[ $cap ] = ! empty( $allcaps[ $this->base_capability( $cap ) ] );
		}
		return $allcaps;
	}
}
