<?php
/**
 * Declarations PHPStan reads (never loaded at run time) for the optional APIs the plugin uses
 * only when they exist: Action Scheduler's functions and WP-CLI's class.
 *
 * @package AI_Failover
 */

namespace {
	/**
	 * @param string              $hook     Hook.
	 * @param array<mixed>        $args     Arguments.
	 * @param string              $group    Group.
	 * @param bool                $unique   Unique.
	 * @param int                 $priority Priority.
	 */
	function as_enqueue_async_action( $hook, $args = array(), $group = '', $unique = false, $priority = 10 ): int {
		return 0;
	}

	/**
	 * @param int          $timestamp Unix time.
	 * @param string       $hook      Hook.
	 * @param array<mixed> $args      Arguments.
	 * @param string       $group     Group.
	 * @param bool         $unique    Unique.
	 * @param int          $priority  Priority.
	 */
	function as_schedule_single_action( $timestamp, $hook, $args = array(), $group = '', $unique = false, $priority = 10 ): int {
		return 0;
	}

	/**
	 * WP-CLI's facade (the parts the plugin's commands use).
	 */
	class WP_CLI {

		/**
		 * @param string               $name     Command name.
		 * @param callable|object|string $callable Command.
		 * @param array<string, mixed> $args     Registration arguments.
		 */
		public static function add_command( $name, $callable, $args = array() ): bool {
			return true;
		}

		/**
		 * @param string|null $key Setting.
		 * @return mixed
		 */
		public static function get_config( $key = null ) {
			return null;
		}

		/**
		 * @param string $message Message.
		 */
		public static function line( $message = '' ): void {
		}

		/**
		 * @param string $message Message.
		 */
		public static function success( $message ): void {
		}

		/**
		 * @param string $message Message.
		 */
		public static function warning( $message ): void {
		}

		/**
		 * @param string|\WP_Error $message Message.
		 * @param bool|int         $exit    Exit code, or whether to exit.
		 * @return never
		 */
		public static function error( $message, $exit = true ): void {
			exit( 1 );
		}
	}
}

namespace WP_CLI\Utils {

	/**
	 * @param string                     $format Format.
	 * @param array<array<string, mixed>> $items  Rows.
	 * @param list<string>|string        $fields Columns.
	 */
	function format_items( $format, $items, $fields ): void {
	}
}
