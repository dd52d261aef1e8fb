<?php
/**
 * Clearer validation messages for the plugin's routes.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * WordPress words an enum failure as "<field> is not one of <values>.". For the fields the schema
 * fixes to false (fallback triggers that may never be switched on) the list renders empty:
 * "triggers[auth] is not .". This says what it means instead, and files nested errors under their
 * dotted path too. Only this plugin's routes are touched.
 *
 * @since 0.1.0
 */
final class Error_Messages implements Registers_Hooks {

	public function register_hooks(): void {
		add_filter( 'rest_request_before_callbacks', array( $this, 'clarify' ), 10, 3 );
	}

	/**
	 * @param mixed            $response Result so far; a WP_Error when validation failed.
	 * @param array<mixed>     $handler  Route handler.
	 * @param \WP_REST_Request $request  Request.
	 * @return mixed
	 */
	public function clarify( $response, $handler, $request ) {
		if ( ! $response instanceof \WP_Error || ! str_starts_with( (string) $request->get_route(), '/ai-failover/v1/' ) ) {
			return $response;
		}
		$data = $response->get_error_data();
		if ( ! is_array( $data ) || ! isset( $data['params'] ) || ! is_array( $data['params'] ) ) {
			return $response;
		}
		$changed = false;
		foreach ( $data['params'] as $param => $message ) {
			if ( ! is_string( $message ) ) {
				continue;
			}
			if ( preg_match( '/^(\S+) is not \.$/', $message, $match ) ) {
				/* translators: %s: Field path, such as triggers[auth]. */
				$message                  = sprintf( __( '%s can never be turned on.', 'ai-failover' ), $match[1] );
				$data['params'][ $param ] = $message;
				$changed                  = true;
			}
			// "retry[attempts_per_route] must be ..." is also filed under "retry.attempts_per_route",
			// the dotted form the plugin's own cross-field errors use, so a form can show it at the field.
			if ( preg_match( '/^([a-z_]+(?:\[[a-z0-9_]+\])+)\s/', $message, $path ) ) {
				$dotted = (string) preg_replace( '/\[([a-z_][a-z0-9_]*)\]/', '.$1', $path[1] );
				if ( $dotted !== $param && ! isset( $data['params'][ $dotted ] ) ) {
					$data['params'][ $dotted ] = $message;
					$changed                   = true;
				}
			}
		}
		if ( ! $changed ) {
			return $response;
		}
		return new \WP_Error( $response->get_error_code(), $response->get_error_message(), $data );
	}
}
