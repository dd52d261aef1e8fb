<?php
/**
 * The one error taxonomy every provider adapter maps into.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

use AI_Failover\Engine\Decision_Table;
use AI_Failover\Engine\Key_Step;
use AI_Failover\Engine\Same_Route;

/**
 * Error classes. The engine decides retry / rotate key / fall back / stop from the class alone,
 * through the one Decision_Table.
 *
 * @since 0.1.0
 */
enum Error_Class: string {

	case Invalid_Request        = 'invalid_request';
	case Auth                   = 'auth';
	case Payment                = 'payment';
	case Forbidden              = 'forbidden';
	case Rate_Limited           = 'rate_limited';
	case Server                 = 'server';
	case Timeout                = 'timeout';
	case Unreachable            = 'unreachable';
	case Empty_Response         = 'empty_response';
	case Invalid_Response       = 'invalid_response';
	case Unsupported_Capability = 'unsupported_capability';
	case Content_Policy         = 'content_policy';
	case Context_Length         = 'context_length';

	/**
	 * Whether the same request may succeed if simply tried again later (the decision table's
	 * same-route column).
	 */
	public function is_transient(): bool {
		return Same_Route::Never !== Decision_Table::rule( $this )->same_route;
	}

	/**
	 * Whether the error belongs to the key or account, not the request: rotate to another key of
	 * the same provider, never to another provider (the decision table's key column).
	 */
	public function is_key_problem(): bool {
		return Key_Step::Reject === Decision_Table::rule( $this )->key;
	}
}
