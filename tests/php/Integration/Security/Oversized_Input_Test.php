<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Security;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * Oversized input over real HTTP: huge labels, 10 MB bodies, 10 000 messages, deeply nested
 * JSON. Each is refused with a 400 that names the field (data.params), and the stored state
 * afterwards is what it was before: nothing half-written.
 *
 * @coversNothing
 */
final class Oversized_Input_Test extends Test_Case {

	private const PROVIDER = 'security-oversized';
	private const FEATURE  = 'security-oversized';
	private const MB       = 1048576;

	/** @var string Key id of the fixture key; '' until set_up() made the fixtures. */
	private static string $key = '';

	/** @var array<string, string> The stored state with the fixtures, read once. */
	private static array $state = array();

	public static function tear_down_after_class(): void {
		if ( Site::available() ) {
			self::remove_fixtures();
		}
		self::$key   = '';
		self::$state = array();
		parent::tear_down_after_class();
	}

	protected function set_up(): void {
		parent::set_up();
		if ( ! Site::available() ) {
			$this->markTestSkipped( 'WP_BASE_URL / WP_APP_PASSWORD not set: source .rig/<name>/env.sh.' );
		}
		if ( '' !== self::$key ) {
			return; // Every test leaves the fixtures as they were, or fails saying so.
		}
		self::remove_fixtures();
		$this->assertSame(
			201,
			Site::admin(
				'POST',
				'/ai-failover/v1/providers',
				array(
					'id'                    => self::PROVIDER,
					'label'                 => 'Oversized',
					'preset'                => 'openai',
					'base_url'              => (string) ( getenv( 'FAKE_PROVIDER_URL' ) ?: 'http://127.0.0.1:9' ) . '/v1',
					'allow_private_network' => true,
				)
			)['status']
		);
		$key       = Site::admin(
			'POST',
			'/ai-failover/v1/providers/' . self::PROVIDER . '/keys',
			array(
				'label'  => 'oversized',
				'secret' => 'sk-oversized-0123456789abcdef',
			)
		);
		self::$key = (string) $key['body']['id'];
		$feature   = Site::admin(
			'POST',
			'/ai-failover/v1/features',
			array(
				'id'      => self::FEATURE,
				'label'   => 'Oversized',
				'primary' => array(
					'provider_id' => self::PROVIDER,
					'model'       => 'gpt-4o-mini',
				),
			)
		);
		$this->assertSame( 201, $feature['status'], $feature['raw'] );
		self::$state = $this->stored_state();
	}

	/**
	 * Method, route, raw body and the field the refusal must name; route and body may use {key}.
	 *
	 * @return array<string, array{string, string, callable(): string, string}>
	 */
	public function oversized(): array {
		$provider = '/ai-failover/v1/providers/' . self::PROVIDER;
		$feature  = '/ai-failover/v1/features/' . self::FEATURE;
		$json     = static fn( array $body ): callable => static fn(): string => (string) wp_json_encode( $body );
		$message  = array(
			'role'    => 'user',
			'content' => 'hello',
		);
		return array(
			'provider label, 1 MB'              => array( 'POST', '/ai-failover/v1/providers', $json( array( 'id' => self::PROVIDER . '-2', 'label' => str_repeat( 'p', self::MB ), 'preset' => 'openai' ) ), 'label' ), // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- a table.
			'provider label, 10 MB body'        => array( 'PATCH', $provider, $json( array( 'label' => str_repeat( 'p', 10 * self::MB ) ) ), 'label' ),
			'key label and secret'              => array( 'POST', $provider . '/keys', $json( array( 'label' => str_repeat( 'k', 100000 ), 'secret' => str_repeat( 's', 100000 ) ) ), 'secret' ), // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- a table.
			'key label on update'               => array( 'PATCH', $provider . '/keys/{key}', $json( array( 'label' => str_repeat( 'k', 100000 ) ) ), 'label' ),
			'model name'                        => array( 'PUT', $provider . '/models', $json( array( 'model' => str_repeat( 'm', 100000 ) ) ), 'model' ),
			'feature label beside a valid one'  => array( 'PATCH', $feature, $json( array( 'description' => 'fine', 'label' => str_repeat( 'f', 100000 ) ) ), 'label' ), // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- a table.
			'degraded notice'                   => array( 'PATCH', $feature, $json( array( 'label' => 'Changed', 'degraded_notice' => str_repeat( 'd', self::MB ) ) ), 'degraded_notice' ), // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- a table.
			'an unknown field, 1 MB'            => array( 'PATCH', $feature, $json( array( 'description' => str_repeat( 'd', self::MB ) ) ), 'description' ),
			'10 000 fallbacks'                  => array( 'PATCH', $feature, $json( array( 'fallbacks' => array_fill( 0, 10000, array( 'provider_id' => self::PROVIDER, 'model' => 'm' ) ) ) ), 'fallbacks' ), // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- a table.
			'settings strings'                  => array( 'PATCH', '/ai-failover/v1/settings', $json( array( 'alert_email' => str_repeat( 'a', 100000 ) . '@example.org' ) ), 'alert_email' ),
			'10 000 messages'                   => array( 'POST', $feature . '/run', $json( array( 'messages' => array_fill( 0, 10000, $message ) ) ), 'messages' ),
			'one 10 MB message'                 => array( 'POST', $feature . '/run', $json( array( 'messages' => array( array( 'role' => 'user', 'content' => str_repeat( 'c', 10 * self::MB ) ) ) ) ), 'messages' ), // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- a table.
			'10 MB of messages, each in bounds' => array( 'POST', $feature . '/run', $json( array( 'messages' => array_fill( 0, 100, array( 'role' => 'user', 'content' => str_repeat( 'c', 100000 ) ) ) ) ), 'messages' ), // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- a table.
			'nested 200 deep in a field'        => array( 'PATCH', $feature, static fn(): string => '{"label":"Changed","primary":' . str_repeat( '{"a":', 200 ) . '1' . str_repeat( '}', 200 ) . '}', 'primary' ),
			'nested 200 deep in messages'       => array( 'POST', $feature . '/run', static fn(): string => '{"messages":' . str_repeat( '[', 200 ) . str_repeat( ']', 200 ) . '}', 'messages' ),
		);
	}

	/**
	 * @dataProvider oversized
	 *
	 * @param string   $method Method.
	 * @param string   $route  Route.
	 * @param callable $body   Makes the raw body.
	 * @param string   $field  Field the refusal names.
	 */
	public function test_oversized_input_is_refused_naming_the_field_and_nothing_is_written( string $method, string $route, callable $body, string $field ): void {
		$response = Site::rest( 'administrator', $method, str_replace( '{key}', self::$key, $route ), (string) $body() );

		$this->assertSame( 400, $response['status'], substr( $response['raw'], 0, 500 ) );
		$this->assertSame( 'rest_invalid_param', $response['body']['code'] ?? '', substr( $response['raw'], 0, 500 ) );
		$this->assertArrayHasKey( $field, (array) ( $response['body']['data']['params'] ?? array() ), substr( $response['raw'], 0, 500 ) );
		$this->assertLessThan( 20000, strlen( $response['raw'] ), 'The refusal does not echo the input back.' );
		$this->assertSame( self::$state, $this->stored_state(), 'Nothing was written.' );
	}

	public function test_json_nested_deeper_than_php_decodes_is_refused_as_invalid_json(): void {
		$response = Site::rest( 'administrator', 'PATCH', '/ai-failover/v1/features/' . self::FEATURE, '{"label":' . str_repeat( '[', 100000 ) . str_repeat( ']', 100000 ) . '}' );

		$this->assertSame( 400, $response['status'], $response['raw'] );
		$this->assertSame( 'rest_invalid_json', $response['body']['code'] ?? '' );
		$this->assertSame( self::$state, $this->stored_state() );
	}

	/**
	 * @return array<string, mixed>
	 */
	private function stored_state(): array {
		$routes = array( '/settings', '/providers', '/features', '/providers/' . self::PROVIDER . '/keys', '/providers/' . self::PROVIDER . '/models', '/events?feature=' . self::FEATURE );
		$reads  = array_map( static fn( string $route ): array => array( 'GET', '/ai-failover/v1' . $route, null ), $routes );
		return array_combine( $routes, array_column( Site::admin_many( $reads ), 'raw' ) );
	}

	private static function remove_fixtures(): void {
		Site::admin( 'DELETE', '/ai-failover/v1/features/' . self::FEATURE );
		Site::admin( 'DELETE', '/ai-failover/v1/providers/' . self::PROVIDER );
		Site::admin( 'DELETE', '/ai-failover/v1/providers/' . self::PROVIDER . '-2' );
	}
}
