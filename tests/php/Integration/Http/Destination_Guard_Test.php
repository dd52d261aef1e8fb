<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Http;

use AI_Failover\Contracts\Host_Resolver;
use AI_Failover\Http\Destination_Guard;
use AI_Failover\Http\Http_Request;
use AI_Failover\Http\Http_Response;
use AI_Failover\Http\WP_Http_Transport;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * Names are judged by what they resolve to, at save time and on the call, and the call connects to
 * the judged address (pinned), over real HTTP to the fake provider on 127.0.0.1.
 *
 * @covers \AI_Failover\Http\Destination_Guard
 * @covers \AI_Failover\Http\WP_Http_Transport
 */
final class Destination_Guard_Test extends Test_Case {

	private string $fake = '';

	protected function set_up(): void {
		parent::set_up();
		$this->fake = (string) getenv( 'FAKE_PROVIDER_URL' );
		if ( '' === $this->fake ) {
			$this->markTestSkipped( 'FAKE_PROVIDER_URL is not set.' );
		}
	}

	/**
	 * @param array<string, list<string>> $answers Name => addresses.
	 */
	private function guard( array $answers ): Destination_Guard {
		return new Destination_Guard(
			new class( $answers ) implements Host_Resolver {
				/**
				 * @param array<string, list<string>> $answers Answers.
				 */
				public function __construct( private readonly array $answers ) {
				}

				public function addresses( string $host ): array {
					return $this->answers[ $host ] ?? array();
				}
			}
		);
	}

	public function test_at_save_a_name_is_judged_by_every_address_it_resolves_to(): void {
		$guard = $this->guard(
			array(
				'loopback.example'  => array( '127.0.0.1' ),
				'metadata.example'  => array( '169.254.169.254' ),
				'mixed.example'     => array( '93.184.216.34', '10.0.0.1' ),
				'public.example'    => array( '93.184.216.34' ),
				'mapped-v6.example' => array( '::ffff:127.0.0.1' ),
			)
		);

		$this->assertStringContainsString( 'loopback', (string) $guard->problem_at_save( 'https://loopback.example/v1', false ) );
		$this->assertNull( $guard->problem_at_save( 'https://loopback.example/v1', true ) );
		$this->assertStringContainsString( 'never calls', (string) $guard->problem_at_save( 'https://metadata.example/v1', true ) );
		$this->assertNotNull( $guard->problem_at_save( 'https://mixed.example/v1', false ), 'One private answer is enough.' );
		$this->assertNotNull( $guard->problem_at_save( 'https://mapped-v6.example/v1', false ) );
		$this->assertNull( $guard->problem_at_save( 'https://public.example/v1', false ) );
		$this->assertNull( $guard->problem_at_save( 'https://unknown.example/v1', false ), 'Not resolvable now: judged again on each call.' );
		$this->assertNotNull( $guard->problem_at_save( 'http://0x7f000001/', false ), 'Literals are judged as written.' );
	}

	public function test_a_call_is_refused_on_its_resolved_answer_before_anything_is_sent(): void {
		$transport = new WP_Http_Transport(
			$this->guard(
				array(
					'rebinding.example' => array( '127.0.0.1' ),
					'metadata.example'  => array( '169.254.169.254' ),
				)
			)
		);

		$private = $transport->send( new Http_Request( 'GET', 'https://rebinding.example/v1/models', array(), null, 2000, 5000, false ) );
		$this->assertSame( Http_Response::FAILURE_BLOCKED, $private->failure );
		$this->assertStringContainsString( 'rebinding.example resolves to a refused address', $private->failure_message );

		$metadata = $transport->send( new Http_Request( 'GET', 'http://metadata.example/latest/meta-data', array(), null, 2000, 5000, true ) );
		$this->assertSame( Http_Response::FAILURE_BLOCKED, $metadata->failure, 'Never, whatever the flag.' );

		$unknown = $transport->send( new Http_Request( 'GET', 'https://nowhere.example/v1/models', array(), null, 2000, 5000, true ) );
		$this->assertSame( Http_Response::FAILURE_BLOCKED, $unknown->failure );
		$this->assertStringContainsString( 'does not resolve', $unknown->failure_message );

		$literal = $transport->send( new Http_Request( 'GET', 'http://2130706433/', array(), null, 2000, 5000, false ) );
		$this->assertSame( Http_Response::FAILURE_BLOCKED, $literal->failure );
	}

	public function test_the_call_connects_to_the_judged_address_not_to_a_second_lookup(): void {
		// The rig blocks every host but localhost and its own (WP_HTTP_BLOCK_EXTERNAL), so the
		// name is localhost: the system resolver says 127.0.0.1, where the fake provider listens.
		$port    = (int) wp_parse_url( $this->fake, PHP_URL_PORT );
		$request = new Http_Request( 'GET', "http://localhost:$port/v1/models", array(), null, 1000, 3000, true );
		$judged  = ( new WP_Http_Transport( $this->guard( array( 'localhost' => array( '127.0.0.1' ) ) ) ) )->send( $request );
		$rebound = ( new WP_Http_Transport( $this->guard( array( 'localhost' => array( '127.0.0.2' ) ) ) ) )->send( $request );

		$this->assertSame( 200, $judged->status, $judged->failure_message );
		$this->assertNotNull( $rebound->failure, 'Pinned to 127.0.0.2, where nothing listens: cURL did not look the name up again.' );
		$this->assertSame( 0, $rebound->status );
	}
}
