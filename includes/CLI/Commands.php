<?php
/**
 * Registers the `wp ai-failover` commands.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\CLI;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * Only when WP-CLI runs (`WP_CLI` defined): the commands are built by the factory then, so no other
 * request loads their files.
 *
 * @since n.e.x.t
 */
final class Commands implements Registers_Hooks {

	/**
	 * @param \Closure(Output): array<string, object> $factory Command name => command object.
	 */
	public function __construct( private readonly \Closure $factory ) {
	}

	public function register_hooks(): void {
		if ( ! defined( 'WP_CLI' ) || ! WP_CLI || ! class_exists( '\WP_CLI' ) ) {
			return;
		}
		foreach ( $this->commands( new WP_CLI_Output() ) as $name => $command ) {
			\WP_CLI::add_command( $name, $command );
		}
	}

	/**
	 * The commands by name, writing to $out.
	 *
	 * @param Output $out Output.
	 * @return array<string, object>
	 */
	public function commands( Output $out ): array {
		return ( $this->factory )( $out );
	}
}
