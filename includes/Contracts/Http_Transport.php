<?php
/**
 * Contract for sending HTTP requests.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

use AI_Failover\Http\Http_Request;
use AI_Failover\Http\Http_Response;

/**
 * Sends one request. Never throws for network problems: they come back as a failed Http_Response.
 *
 * @since 0.1.0
 */
interface Http_Transport {

	/**
	 * Sends the request.
	 *
	 * @param Http_Request $request Request.
	 */
	public function send( Http_Request $request ): Http_Response;
}
