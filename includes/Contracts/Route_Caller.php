<?php
/**
 * Contract for making one attempt on a route.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;

/**
 * One request to one provider and model with one key. Never throws for provider problems.
 *
 * @since 0.1.0
 */
interface Route_Caller {

	/**
	 * @param Provider_Config                                            $provider Provider.
	 * @param string                                                     $model    Model.
	 * @param string                                                     $api_key  Key, '' for keyless providers.
	 * @param Chat_Request                                               $request  Request.
	 * @param array{connect_ms: int, total_ms: int, first_byte_ms?: int} $timeouts Timeouts.
	 * @param Stream_Listener|null                                       $listener For a stream: gets each text delta as it arrives. After the first one the call never returns an error (an incomplete answer instead).
	 */
	public function chat( Provider_Config $provider, string $model, string $api_key, Chat_Request $request, array $timeouts, ?Stream_Listener $listener = null ): Chat_Result|Provider_Error;
}
