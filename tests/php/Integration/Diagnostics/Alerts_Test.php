<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Diagnostics;

use AI_Failover\Diagnostics\Alerts;
use AI_Failover\Diagnostics\Event_Repository;
use AI_Failover\Diagnostics\Event_Rollups;
use AI_Failover\Diagnostics\Event_Schema;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\System_Clock;
use AI_Failover\Engine\WP_Event_Sink;
use AI_Failover\Engine\WP_State_Store;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Http\WP_Http_Transport;
use AI_Failover\Providers\Provider_Repository;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Secrets\Key_State_Store;
use AI_Failover\Secrets\Key_Vault;
use AI_Failover\Secrets\Secret_Box;
use AI_Failover\Settings\Settings_Repository;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * @covers \AI_Failover\Diagnostics\Alerts
 */
final class Alerts_Test extends Test_Case {

	/** @var list<array{to: mixed, subject: string, message: string}> */
	private array $mails = array();

	/** @var list<array<string, mixed>> */
	private array $webhooks = array();

	protected function set_up(): void {
		parent::set_up();
		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . Event_Schema::table() );
		foreach ( array( Alerts::OPTION, 'aifo_provider_keys', 'aifo_key_states' ) as $option ) {
			delete_option( $option );
		}
		update_option(
			'aifo_providers',
			array(
				'sim' => array(
					'id'     => 'sim',
					'label'  => 'Sim',
					'preset' => 'simulator',
				),
			)
		);
		update_option(
			'aifo_features',
			array(
				'summary' => array(
					'id'        => 'summary',
					'label'     => 'Post <summary>',
					'primary'   => array(
						'provider_id' => 'sim',
						'model'       => 'sim-unavailable',
					),
					'fallbacks' => array(
						array(
							'provider_id' => 'sim',
							'model'       => 'sim-echo',
						),
					),
					'retry'     => array(
						'attempts_per_route' => 1,
						'base_delay_ms'      => 0,
						'max_delay_ms'       => 0,
					),
				),
			)
		);
		update_option(
			Settings_Repository::OPTION,
			array(
				'alert_webhook_url' => 'https://hooks.example.com/aifo',
				'alert_email'       => 'ops@example.com',
			)
		);
		( new \AI_Failover\Diagnostics\State_Repository() )->forget( 'sim' );
		$this->mails    = array();
		$this->webhooks = array();
		add_filter(
			'pre_wp_mail',
			function ( $short, $atts ) {
				$this->mails[] = $atts;
				return true;
			},
			5,
			2
		);
		add_filter(
			'pre_http_request',
			function ( $short, $args, $url ) {
				$this->webhooks[] = array( 'url' => $url ) + json_decode( (string) $args['body'], true );
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
	}

	private function alerts(): Alerts {
		$schemas   = new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' );
		$providers = new Provider_Repository();
		return new Alerts(
			new Event_Rollups(),
			new Settings_Repository( $schemas ),
			new Feature_Repository( $schemas, $providers ),
			$providers,
			new Key_Vault( Secret_Box::from_site(), new Key_State_Store() ),
			new Circuit_Breaker( new WP_State_Store(), new System_Clock(), new WP_Event_Sink() ),
			new WP_Http_Transport()
		);
	}

	private function degrade( int $runs ): void {
		for ( $i = 0; $i < $runs; $i++ ) {
			aifo_run(
				'summary',
				array(
					'messages' => array(
						array(
							'role'    => 'user',
							'content' => 'Hi',
						),
					),
				)
			);
			( new \AI_Failover\Diagnostics\State_Repository() )->forget( 'sim' ); // Keep every run on the same path.
		}
	}

	public function test_a_high_fallback_rate_alerts_once_per_window_then_recovers(): void {
		$this->degrade( 5 );
		$alerts = $this->alerts();

		$first = $alerts->check();
		$this->assertSame( array( 'fallback_rate:summary' ), $first['raised'] );
		$this->assertCount( 1, $this->mails );
		$this->assertSame( 'ops@example.com', $this->mails[0]['to'] );
		$this->assertStringContainsString( 'Post <summary> needed a fallback or a key rotation in 100% of its 5 runs', $this->mails[0]['message'] );
		$this->assertSame( 'raised', $this->webhooks[0]['event'] );
		$this->assertSame( 'https://hooks.example.com/aifo', $this->webhooks[0]['url'] );

		$this->assertSame( array(), $alerts->check()['raised'], 'Not repeated within the window.' );
		$this->assertCount( 1, $this->mails );

		wp_set_current_user( $this->create_user( 'administrator' ) );
		ob_start();
		$alerts->render_notice();
		$html = (string) ob_get_clean();
		$this->assertStringContainsString( 'Post &lt;summary&gt; needed a fallback', $html, 'Escaped in the notice.' );

		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . Event_Schema::table() );
		$recovered = $alerts->check();
		$this->assertSame( array( 'fallback_rate:summary' ), $recovered['recovered'] );
		$this->assertStringStartsWith( 'Recovered: ', $this->mails[1]['message'] );
		$this->assertSame( 'recovered', $this->webhooks[1]['event'] );
		$this->assertSame( array(), get_option( Alerts::OPTION ) );
	}

	public function test_a_feature_threshold_overrides_the_site_one(): void {
		$features                         = get_option( 'aifo_features' );
		$features['summary']['alerts']    = array(
			'fallback_rate_pct' => 100,
			'error_rate_pct'    => 0,
		);
		$features['summary']['fallbacks'] = array(
			array(
				'provider_id' => 'sim',
				'model'       => 'sim-echo',
			),
		);
		update_option( 'aifo_features', $features );
		update_option( Settings_Repository::OPTION, array( 'alert_fallback_rate_pct' => 1 ) );
		$this->degrade( 3 );
		aifo_run(
			'summary',
			array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'Hi',
					),
				),
				'simulate' => array(),
			)
		);
		$features['summary']['primary']['model'] = 'sim-echo';
		$features['summary']['fallbacks']        = array();
		update_option( 'aifo_features', $features );
		$this->degrade( 2 ); // 4 of 6 runs degraded: 67 %, above the site's 1 %, below the feature's 100 %.

		$this->assertNotContains( 'fallback_rate:summary', $this->alerts()->check()['raised'] );
	}

	public function test_too_few_runs_or_drills_never_alert(): void {
		$this->degrade( 2 );
		$this->assertSame( array(), $this->alerts()->check()['raised'], 'Below alert_min_runs.' );

		for ( $i = 0; $i < 6; $i++ ) {
			aifo_run(
				'summary',
				array(
					'messages' => array(
						array(
							'role'    => 'user',
							'content' => 'Hi',
						),
					),
					'simulate' => array(
						array(
							'route'       => 'sim/sim-echo',
							'error_class' => 'server',
						),
					),
				)
			);
		}
		$this->assertNotContains( 'error_rate:summary', $this->alerts()->check()['raised'], 'Simulated failures are drills, not incidents.' );
	}

	public function test_a_dead_key_alerts(): void {
		update_option(
			'aifo_providers',
			get_option( 'aifo_providers' ) + array(
				'oa' => array(
					'id'     => 'oa',
					'label'  => 'OpenAI',
					'preset' => 'openai',
				),
			)
		);
		$vault = new Key_Vault( Secret_Box::from_site(), new Key_State_Store() );
		$key   = $vault->add( 'oa', 'prod-1', 'sk-alert-0123456789abcdef' );
		( new Key_State_Store() )->mark_dead( 'oa', $key['id'], '401 invalid_api_key', time() );

		$raised = $this->alerts()->check()['raised'];

		$this->assertContains( 'key_dead:oa:' . $key['id'], $raised );
		$this->assertStringNotContainsString( 'sk-alert-0123456789', (string) wp_json_encode( $this->mails ) );
	}

	public function test_the_scheduled_hook_runs_the_check_as_wp_cron_and_do_action_call_it(): void {
		$this->degrade( 5 );
		$alerts = $this->alerts();
		$alerts->register_hooks();

		do_action( Alerts::HOOK ); // do_action() passes '' when given no argument.

		$this->assertCount( 1, $this->mails, 'The check ran and raised the fallback-rate alert.' );
		$this->assertArrayHasKey( 'fallback_rate:summary', get_option( Alerts::OPTION ) );
		do_action_ref_array( Alerts::HOOK, array() ); // What WP-Cron calls.
		$this->assertCount( 1, $this->mails, 'Not repeated within the window.' );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function refused_webhooks(): array {
		$port = (int) wp_parse_url( (string) ( getenv( 'FAKE_PROVIDER_URL' ) ?: 'http://127.0.0.1:8899' ), PHP_URL_PORT );
		return array(
			'loopback'    => array( "http://127.0.0.1:$port/hook" ),
			'decimal'     => array( "http://2130706433:$port/hook" ),
			'short'       => array( "http://127.1:$port/hook" ),
			'IPv4-mapped' => array( "http://[::ffff:7f00:1]:$port/hook" ),
			'localhost'   => array( "http://localhost:$port/hook" ),
			'metadata'    => array( 'http://169.254.169.254/latest/meta-data' ),
		);
	}

	/**
	 * A webhook URL stored before the policy (or written to the option directly) is still never
	 * called: the check runs on the call, and the fake provider on loopback sees no request.
	 *
	 * @dataProvider refused_webhooks
	 */
	public function test_a_refused_webhook_is_never_called( string $url ): void {
		$fake = (string) getenv( 'FAKE_PROVIDER_URL' );
		if ( '' === $fake ) {
			$this->markTestSkipped( 'FAKE_PROVIDER_URL is not set.' );
		}
		remove_all_filters( 'pre_http_request' );
		$log   = json_decode( wp_remote_retrieve_body( wp_remote_get( $fake . '/__requests' ) ), true );
		$since = is_array( $log ) && $log ? (int) end( $log )['seq'] : 0;
		update_option(
			Settings_Repository::OPTION,
			array(
				'alert_webhook_url' => $url,
				'alert_email'       => 'ops@example.com',
			)
		);
		$this->degrade( 5 );

		$this->assertSame( array( 'fallback_rate:summary' ), $this->alerts()->check()['raised'] );
		$this->assertCount( 1, $this->mails, 'The e-mail still goes out.' );
		$after = json_decode( wp_remote_retrieve_body( wp_remote_get( $fake . '/__requests?since=' . $since ) ), true );
		$this->assertSame( array(), array_values( array_filter( (array) $after, static fn( $r ) => (int) $r['seq'] > $since ) ), 'The webhook was not called.' );
	}
}
