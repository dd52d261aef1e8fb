<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Doubles;

use AI_Failover\Contracts\Step_Engine;
use AI_Failover\Engine\Attempt;
use AI_Failover\Engine\Decision;
use AI_Failover\Engine\Engine_Class;
use AI_Failover\Engine\Route;
use AI_Failover\Engine\Run_Result;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;

/**
 * Answers each feature from a script (text = success, an error class = failure) and records
 * every call, so the workflow runner's semantics are tested without the engine.
 */
final class Scripted_Step_Engine implements Step_Engine {

	/** @var list<array{feature: string, request: array<string, mixed>, simulate: string|null}> */
	public array $calls = array();

	/**
	 * @param array<string, list<array{ok?: string, fail?: string, status?: int}>> $script Feature => answers, in order (the last repeats).
	 * @param Fake_Clock|null                                                      $clock  Advanced by $step_ms per call.
	 * @param float                                                                $step_ms Time one step takes.
	 */
	public function __construct(
		private array $script,
		private readonly ?Fake_Clock $clock = null,
		private readonly float $step_ms = 10.0,
	) {
	}

	public function run_step( string $feature, array $request, ?string $simulate_class ): Run_Result {
		$this->calls[] = array(
			'feature'  => $feature,
			'request'  => $request,
			'simulate' => $simulate_class,
		);
		$this->clock?->advance( $this->step_ms );
		$answers = $this->script[ $feature ] ?? array( array( 'ok' => 'answer of ' . $feature ) );
		$answer  = count( $answers ) > 1 ? array_shift( $this->script[ $feature ] ) : $answers[0];
		if ( null !== $simulate_class ) {
			$answer = array( 'fail' => $simulate_class );
		}
		return isset( $answer['fail'] )
			? self::failure( $feature, $answer['fail'], $answer['status'] ?? 500 )
			: self::success( $feature, (string) ( $answer['ok'] ?? '' ) );
	}

	/**
	 * @param string $feature Feature.
	 * @param string $text    Answer.
	 */
	public static function success( string $feature, string $text ): Run_Result {
		$attempt = Attempt::answered( 1, self::route( $feature ), null, 0.0, 5.0, new Chat_Result( $text, 'stop', 10, 20 ) )
			->decided( Decision::Done, 'Answered.' );
		return new Run_Result(
			'run' . substr( md5( $feature . $text ), 0, 13 ),
			$feature,
			Run_Result::SUCCESS,
			$text,
			'stop',
			10,
			20,
			0.001,
			array(
				'provider_id' => 'sim',
				'provider'    => 'Simulator',
				'model'       => $feature . '-model',
				'key_label'   => '',
			),
			false,
			'',
			array( self::route( $feature )->id() ),
			array( $attempt ),
			null,
			5.0
		);
	}

	/**
	 * @param string $feature Feature.
	 * @param string $class   Error class.
	 * @param int    $status  HTTP status.
	 */
	public static function failure( string $feature, string $class, int $status ): Run_Result {
		$retry_after = 'rate_limited' === $class ? 2.0 : null;
		$provider    = Error_Class::tryFrom( $class );
		$attempt     = null === $provider
			? Attempt::skipped( 1, self::route( $feature ), Engine_Class::from( $class ), 0.0, Decision::Stop, 'Failed.' )
			: Attempt::failed( 1, self::route( $feature ), null, 0.0, 5.0, $provider, new Provider_Error( $provider, $status, '', 'Failed.', $retry_after ) )
				->decided( Decision::Stop, 'Failed.' );
		return new Run_Result(
			'run' . substr( md5( $feature . $class ), 0, 13 ),
			$feature,
			Run_Result::FAILED,
			'',
			'',
			0,
			0,
			0.0,
			null,
			false,
			'',
			array( self::route( $feature )->id() ),
			array( $attempt ),
			array(
				'class'   => 'attempts_exhausted',
				'message' => $class . ' from Simulator',
			),
			5.0
		);
	}

	/**
	 * The one route the simulator answers a feature on.
	 *
	 * @param string $feature Feature.
	 */
	private static function route( string $feature ): Route {
		return new Route( new Provider_Config( 'sim', 'Simulator', 'simulator' ), $feature . '-model' );
	}
}
