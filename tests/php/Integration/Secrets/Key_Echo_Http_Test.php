<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Secrets;

use AI_Failover\Diagnostics\Alerts;
use AI_Failover\Plugin;
use AI_Failover\Tests\Integration\Rest_Over_Http;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * A provider that echoes the key (whole, after the 300-character cut point, or only its first 12
 * characters) leaks no 8 characters of it anywhere: run response, key test, /events, the CSV
 * export and the key's state reason over real HTTP; the alert notice, e-mail and webhook of the
 * dead key in-process. The fake provider's leak-key-* routes do the echoing.
 *
 * @covers \AI_Failover\Secrets\Key_Scrubber
 * @covers \AI_Failover\Providers\Provider_Client
 */
final class Key_Echo_Http_Test extends Test_Case {
	use Rest_Over_Http;

	/** Matches none of the key-like patterns Error_Mapper redacts by shape (an Azure-style key). */
	private const KEY = 'az0123456789abcdef0123456789abcdef';

	private string $fake = '';

	protected function set_up(): void {
		parent::set_up();
		$this->fake = (string) getenv( 'FAKE_PROVIDER_URL' );
		if ( '' === $this->fake ) {
			$this->markTestSkipped( 'FAKE_PROVIDER_URL is not set.' );
		}
	}

	protected function tear_down(): void {
		foreach ( array( 'leak-key-tail', 'leak-key-prefix' ) as $route ) {
			$this->http( 'DELETE', '/ai-failover/v1/features/echo-' . $route );
			$this->http( 'DELETE', '/ai-failover/v1/providers/echo-' . $route );
		}
		parent::tear_down();
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function routes(): array {
		return array(
			'whole key after the cut' => array( 'leak-key-tail' ),
			'a 12-character prefix'   => array( 'leak-key-prefix' ),
		);
	}

	/**
	 * @dataProvider routes
	 */
	public function test_no_part_of_an_echoed_key_is_stored_or_shown_over_http( string $route ): void {
		$this->require_site();
		$id  = 'echo-' . $route;
		$key = $this->setup_over_http( $id, $route );

		// Only this run's rows: the site's log may hold older ones (rows are not rewritten).
		$after                = rawurlencode( gmdate( 'Y-m-d\\TH:i:s\\Z', time() - 1 ) );
		$seen                 = array();
		$run                  = $this->http( 'POST', "/ai-failover/v1/features/$id/run", $this->chat() );
		$seen['run response'] = $run['raw'];
		$seen['run timeline'] = $this->http( 'GET', '/ai-failover/v1/runs/' . $run['body']['run_id'] )['raw'];
		$seen['key test']     = $this->http( 'POST', "/ai-failover/v1/providers/$id/keys/$key/test" )['raw'];
		$seen['events']       = $this->http( 'GET', "/ai-failover/v1/events?feature=$id&after=$after" )['raw'];
		$seen['CSV export']   = $this->http( 'GET', "/ai-failover/v1/events/export?feature=$id&after=$after" )['raw'];
		$seen['key state']    = $this->http( 'GET', "/ai-failover/v1/providers/$id/keys/$key" )['raw'];

		$this->assertStringContainsString( '[redacted key]', $seen['run response'], 'The message is kept, with the key replaced.' );
		$this->assertStringContainsString( 'dead', $seen['key state'], 'The 401 took the key out of rotation, with a reason.' );
		$this->assertStringContainsString( $run['body']['run_id'], $seen['events'], 'The run is in the log.' );
		foreach ( $seen as $where => $text ) {
			$this->assert_no_part_of_the_key( $text, $where );
		}
	}

	/**
	 * @dataProvider routes
	 */
	public function test_the_dead_key_alert_carries_no_part_of_the_key( string $route ): void {
		$mails    = array();
		$webhooks = array();
		add_filter(
			'pre_wp_mail',
			static function ( $short, $atts ) use ( &$mails ) {
				$mails[] = $atts;
				return true;
			},
			5,
			2
		);
		add_filter(
			'pre_http_request',
			static function ( $preempt, $args, $url ) use ( &$webhooks ) {
				if ( 'https://hooks.example.com/aifo' !== $url ) {
					return $preempt;
				}
				$webhooks[] = (string) $args['body'];
				return array(
					'response' => array( 'code' => 200 ),
					'body'     => '',
					'headers'  => array(),
					'cookies'  => array(),
				);
			},
			10,
			3
		);
		update_option( 'aifo_settings', array( 'alert_webhook_url' => 'https://hooks.example.com/aifo' ) );
		delete_option( Alerts::OPTION );
		wp_set_current_user( $this->create_user( 'administrator' ) );
		$id = 'echo-' . $route;
		$this->assertSame( 201, $this->rest( 'POST', '/ai-failover/v1/providers', $this->provider( $id, $route ) )->get_status() );
		$this->assertSame(
			201,
			$this->rest(
				'POST',
				"/ai-failover/v1/providers/$id/keys",
				array(
					'label'  => 'prod',
					'secret' => self::KEY,
				)
			)->get_status()
		);
		$this->assertSame( 201, $this->rest( 'POST', '/ai-failover/v1/features', $this->feature( $id ) )->get_status() );
		$this->rest( 'POST', "/ai-failover/v1/features/$id/run", $this->chat() );

		$alerts = null;
		foreach ( ( new Plugin() )->services() as $service ) {
			$alerts = $service instanceof Alerts ? $service : $alerts;
		}
		$this->assertInstanceOf( Alerts::class, $alerts );
		$raised = $alerts->check()['raised'];
		ob_start();
		$alerts->render_notice();
		$notice = (string) ob_get_clean();

		$this->assertNotEmpty( preg_grep( '/^key_dead:/', $raised ), 'The dead key raised an alert.' );
		$this->assertNotEmpty( $webhooks );
		$this->assert_no_part_of_the_key( $notice, 'alert notice' );
		$this->assert_no_part_of_the_key( (string) wp_json_encode( $mails ), 'alert e-mail' );
		$this->assert_no_part_of_the_key( implode( "\n", $webhooks ), 'alert webhook' );
	}

	/**
	 * Provider, key and feature on the rig's site; the key's id.
	 *
	 * @param string $id    Provider and feature id.
	 * @param string $route Fake provider route.
	 */
	private function setup_over_http( string $id, string $route ): string {
		$this->http( 'DELETE', "/ai-failover/v1/features/$id" );
		$this->http( 'DELETE', "/ai-failover/v1/providers/$id" );
		$this->assertSame( 201, $this->http( 'POST', '/ai-failover/v1/providers', $this->provider( $id, $route ) )['status'] );
		$key = $this->http(
			'POST',
			"/ai-failover/v1/providers/$id/keys",
			array(
				'label'  => 'prod',
				'secret' => self::KEY,
			)
		);
		$this->assertSame( 201, $key['status'], $key['raw'] );
		$this->assertSame( 201, $this->http( 'POST', '/ai-failover/v1/features', $this->feature( $id ) )['status'] );
		return (string) $key['body']['id'];
	}

	/**
	 * @return array<string, mixed>
	 */
	private function provider( string $id, string $route ): array {
		return array(
			'id'                    => $id,
			'label'                 => 'Echo ' . $route,
			'preset'                => 'openai',
			'base_url'              => $this->fake . '/r/' . $route . '/v1',
			'allow_private_network' => true,
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	private function feature( string $id ): array {
		return array(
			'id'      => $id,
			'label'   => 'Echo',
			'primary' => array(
				'provider_id' => $id,
				'model'       => 'gpt-4o-mini',
			),
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	private function chat(): array {
		return array(
			'messages' => array(
				array(
					'role'    => 'user',
					'content' => 'Hi',
				),
			),
		);
	}

	private function assert_no_part_of_the_key( string $text, string $where ): void {
		$this->assertNotSame( '', $text, "Nothing came back from the $where." );
		$length = strlen( self::KEY );
		for ( $i = 0; $i + 8 <= $length; $i++ ) {
			$this->assertStringNotContainsString( substr( self::KEY, $i, 8 ), $text, "8 characters of the key leaked into the $where." );
		}
	}
}
