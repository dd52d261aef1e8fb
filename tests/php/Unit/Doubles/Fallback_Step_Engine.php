<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Doubles;

use AI_Failover\Contracts\Step_Engine;
use AI_Failover\Engine\Attempt;
use AI_Failover\Engine\Decision;
use AI_Failover\Engine\Route;
use AI_Failover\Engine\Run_Result;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;

/**
 * Every step: the primary route is rate limited, the engine falls back and the backup answers.
 */
final class Fallback_Step_Engine implements Step_Engine {

	public function run_step( string $feature, array $request, ?string $simulate_class ): Run_Result {
		$primary = new Route( new Provider_Config( 'sim', 'Simulator', 'simulator' ), 'primary-model' );
		$backup  = new Route( new Provider_Config( 'sim', 'Simulator', 'simulator' ), 'backup-model' );
		$failed  = Attempt::failed( 1, $primary, null, 0.0, 5.0, Error_Class::Rate_Limited, new Provider_Error( Error_Class::Rate_Limited, 429, '', 'Slow down.', 1.0 ) )
			->decided( Decision::Fallback, 'Rate limited.' );
		$served  = Attempt::answered( 2, $backup, null, 5.0, 5.0, new Chat_Result( 'Backup answer', 'stop', 10, 20 ) )
			->decided( Decision::Done, 'Answered.' );
		return new Run_Result(
			'runfallback00001',
			$feature,
			Run_Result::SUCCESS,
			'Backup answer',
			'stop',
			10,
			20,
			0.001,
			array(
				'provider_id' => 'sim',
				'provider'    => 'Simulator',
				'model'       => 'backup-model',
				'key_label'   => '',
			),
			true,
			'',
			array( $primary->id(), $backup->id() ),
			array( $failed, $served ),
			null,
			10.0
		);
	}
}
