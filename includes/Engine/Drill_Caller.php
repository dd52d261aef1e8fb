<?php
/**
 * The calls of a drill.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Route_Caller;
use AI_Failover\Contracts\Stream_Listener;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;
use AI_Failover\Providers\Simulator_Transport;

/**
 * A drilled route is sent to the Simulator's model that fails with the drilled class, so the
 * failure is produced and classified by the same adapter code as a real provider's; the other
 * routes are called for real (a drill checks that the fallback answers).
 *
 * @since 0.2.0
 */
final class Drill_Caller implements Route_Caller {

	/**
	 * @param Route_Caller          $live      Real calls.
	 * @param Route_Caller          $simulator Calls to the built-in Simulator.
	 * @param array<string, string> $simulate  Route id => error class to inject.
	 */
	public function __construct(
		private readonly Route_Caller $live,
		private readonly Route_Caller $simulator,
		private readonly array $simulate,
	) {
	}

	public function chat( Provider_Config $provider, string $model, string $api_key, Chat_Request $request, array $timeouts, ?Stream_Listener $listener = null ): Chat_Result|Provider_Error {
		$drilled = $this->simulate[ $provider->id . '/' . $model ] ?? null;
		if ( null === $drilled ) {
			return $this->live->chat( $provider, $model, $api_key, $request, $timeouts, $listener );
		}
		$class = Error_Class::tryFrom( $drilled ) ?? Error_Class::Server;
		return $this->simulator->chat( new Provider_Config( $provider->id, $provider->label, 'simulator' ), Simulator_Transport::model_for( $class ), '', $request, $timeouts, $listener );
	}
}
