<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Doubles;

use AI_Failover\Contracts\Route_Caller;
use AI_Failover\Contracts\Stream_Listener;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;

/**
 * Answers from a script per route ("provider/model" => list of outcomes, the last repeating) and
 * records every call. Each call takes $latency_ms of fake time.
 */
final class Scripted_Caller implements Route_Caller {

	/** @var list<array{route: string, key: string, timeouts: array<string, int>}> */
	public array $calls = array();

	/**
	 * @param array<string, list<Chat_Result|Provider_Error>> $script  Outcomes.
	 * @param Fake_Clock                                      $clock   Clock to advance.
	 * @param float                                           $latency_ms Time per call.
	 */
	public function __construct( private array $script, private Fake_Clock $clock, private float $latency_ms = 100 ) {
	}

	public function chat( Provider_Config $provider, string $model, string $api_key, Chat_Request $request, array $timeouts, ?Stream_Listener $listener = null ): Chat_Result|Provider_Error {
		$route         = $provider->id . '/' . $model;
		$this->calls[] = array(
			'route'    => $route,
			'key'      => $api_key,
			'timeouts' => $timeouts,
		);
		$queue         = $this->script[ $route ] ?? array( self::ok() );
		$outcome       = count( $queue ) > 1 ? array_shift( $this->script[ $route ] ) : $queue[0];
		$this->clock->advance( $outcome instanceof Provider_Error && Error_Class::Timeout === $outcome->class ? $timeouts['total_ms'] : $this->latency_ms );
		return $outcome;
	}

	public static function ok( string $text = 'fine' ): Chat_Result {
		return new Chat_Result( $text, 'stop', 10, 5 );
	}

	public static function error( Error_Class $class, int $status = 0, ?float $retry_after = null ): Provider_Error {
		return new Provider_Error( $class, $status, 'code', 'message', $retry_after );
	}

	/**
	 * @return list<string>
	 */
	public function routes(): array {
		return array_map( static fn( $c ) => $c['route'], $this->calls );
	}
}
