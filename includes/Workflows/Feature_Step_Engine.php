<?php
/**
 * Workflow steps through the feature runner.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

use AI_Failover\Contracts\Step_Engine;
use AI_Failover\Engine\Feature_Runner;
use AI_Failover\Engine\Run_Result;
use AI_Failover\Features\Feature_Repository;

/**
 * Every step is a Feature_Runner::run(), so key rotation, breakers, the feature's bounds and
 * the event log apply to it. A step drill becomes the engine's own drill on each of the
 * feature's routes: the real engine decides, no live state (breakers, key cool-downs) is touched.
 *
 * @since n.e.x.t
 */
final class Feature_Step_Engine implements Step_Engine {

	public function __construct(
		private readonly Feature_Runner $runner,
		private readonly Feature_Repository $features,
	) {
	}

	public function run_step( string $feature, array $request, ?string $simulate_class ): Run_Result {
		if ( null !== $simulate_class ) {
			$request['simulate'] = array();
			$config              = $this->features->get( $feature ) ?? array();
			$routes              = array_merge( array( $config['primary'] ?? array() ), (array) ( $config['fallbacks'] ?? array() ) );
			foreach ( $routes as $route ) {
				if ( is_array( $route ) && isset( $route['provider_id'], $route['model'] ) ) {
					$request['simulate'][] = array(
						'route'       => $route['provider_id'] . '/' . $route['model'],
						'error_class' => $simulate_class,
					);
				}
			}
		}
		return $this->runner->run( $feature, $request );
	}
}
