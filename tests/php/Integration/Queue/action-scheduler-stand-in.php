<?php
/**
 * Recording stand-ins for Action Scheduler's two functions the queue calls (Queue_Dispatcher_Test).
 *
 * @package AI_Failover
 */

// phpcs:disable Universal.Files.SeparateFunctionsFromOO, WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedFunctionFound -- Action Scheduler's own names.

/**
 * @param string       $hook     Hook.
 * @param array<mixed> $args     Arguments.
 * @param string       $group    Group.
 * @param bool         $unique   Unique.
 * @param int          $priority Priority.
 */
function as_enqueue_async_action( $hook, $args = array(), $group = '', $unique = false, $priority = 10 ): int {
	$GLOBALS['aifo_test_as_calls'][] = array( 'async', $hook, $args, $group, $unique );
	return 1;
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
	$GLOBALS['aifo_test_as_calls'][] = array( 'single', $timestamp, $hook, $args, $group, $unique );
	return 1;
}
