<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Engine;

use AI_Failover\Engine\Compatibility_Check;
use AI_Failover\Providers\Provider_Config;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * The save-time compatibility rules: API family, required capabilities and context window, and
 * the switches that allow each.
 *
 * @covers \AI_Failover\Engine\Compatibility_Check
 * @covers \AI_Failover\Providers\Provider_Config
 */
final class Compatibility_Check_Test extends TestCase {

	/**
	 * @param string            $path         Field path.
	 * @param string            $family       API family.
	 * @param list<string>|null $capabilities Catalog capabilities (null: unknown model).
	 * @param int               $window       Context window (0: unknown).
	 * @return array{path: string, label: string, family: string, capabilities: list<string>|null, context_window: int}
	 */
	private static function route( string $path, string $family, ?array $capabilities = array( 'vision', 'tools' ), int $window = 128000 ): array {
		return array(
			'path'           => $path,
			'label'          => $path . ' model',
			'family'         => $family,
			'capabilities'   => $capabilities,
			'context_window' => $window,
		);
	}

	public function test_a_fallback_of_another_family_is_refused_unless_allowed(): void {
		$routes = array( self::route( 'primary', 'anthropic' ), self::route( 'fallbacks[0]', 'anthropic' ), self::route( 'fallbacks[1]', 'openai' ) );

		$problem = ( new Compatibility_Check() )->first_problem( $routes, array() );
		$this->assertSame( 'family', $problem['kind'] ?? '' );
		$this->assertSame( 'fallbacks[1]', $problem['path'] ?? '' );
		$this->assertSame( array( 'openai', 'anthropic' ), array( $problem['family'] ?? '', $problem['primary_family'] ?? '' ) );

		$this->assertNull( ( new Compatibility_Check( true ) )->first_problem( $routes, array() ) );
	}

	public function test_the_simulator_stands_in_for_any_family(): void {
		$this->assertNull( ( new Compatibility_Check() )->first_problem( array( self::route( 'primary', 'simulator' ), self::route( 'fallbacks[0]', 'gemini' ) ), array() ) );
		$this->assertNull( ( new Compatibility_Check() )->first_problem( array( self::route( 'primary', 'gemini' ), self::route( 'fallbacks[0]', 'simulator' ) ), array() ) );
	}

	public function test_a_route_lacking_a_required_capability_is_refused_unless_allowed(): void {
		$routes = array( self::route( 'primary', 'openai' ), self::route( 'fallbacks[0]', 'openai', array( 'tools' ) ) );

		$problem = ( new Compatibility_Check() )->first_problem( $routes, array( 'vision', 'tools' ) );
		$this->assertSame( array( 'capability', 'fallbacks[0]', array( 'vision' ) ), array( $problem['kind'] ?? '', $problem['path'] ?? '', $problem['missing'] ?? array() ) );
		$this->assertNull( ( new Compatibility_Check( false, true ) )->first_problem( $routes, array( 'vision' ) ) );
		$this->assertNull( ( new Compatibility_Check() )->first_problem( $routes, array( 'tools' ) ), 'Nothing missing.' );
	}

	public function test_the_primary_is_checked_for_capabilities_too_and_unknown_models_are_not_judged(): void {
		$primary = ( new Compatibility_Check() )->first_problem( array( self::route( 'primary', 'openai', array() ) ), array( 'reasoning' ) );
		$this->assertSame( 'primary', $primary['path'] ?? '' );
		$this->assertNull( ( new Compatibility_Check() )->first_problem( array( self::route( 'primary', 'openai', null ) ), array( 'reasoning' ) ) );
	}

	public function test_a_context_window_below_the_minimum_is_refused_at_the_edge_and_unknown_windows_pass(): void {
		$check = new Compatibility_Check( false, false, 128000 );
		$this->assertNull( $check->first_problem( array( self::route( 'primary', 'openai', array(), 128000 ) ), array() ), 'Exactly the minimum fits.' );
		$this->assertSame( 'context', $check->first_problem( array( self::route( 'primary', 'openai', array(), 127999 ) ), array() )['kind'] ?? '' );
		$this->assertNull( $check->first_problem( array( self::route( 'primary', 'openai', array(), 0 ) ), array() ), 'Unknown window.' );
		$this->assertNull( ( new Compatibility_Check( false, true, 128000 ) )->first_problem( array( self::route( 'primary', 'openai', array(), 1000 ) ), array() ) );
	}

	public function test_it_reads_the_feature_and_a_provider_s_family(): void {
		$check = Compatibility_Check::from_array(
			array(
				'allow_cross_family' => true,
				'min_context_tokens' => -5,
			)
		);
		$this->assertSame( array( true, false, 0 ), array( $check->allow_cross_family, $check->allow_incapable, $check->min_context_tokens ) );
		$this->assertSame( 'anthropic', ( new Provider_Config( 'a', 'A', 'anthropic' ) )->family() );
		$this->assertSame( 'openai', ( new Provider_Config( 'g', 'Groq', 'groq' ) )->family(), 'The wire protocol when none is declared.' );
		$this->assertSame(
			'meta',
			Provider_Config::from_array(
				array(
					'id'         => 'g',
					'preset'     => 'groq',
					'api_family' => 'meta',
				)
			)->family()
		);
	}
}
