<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

use AI_Failover\Secrets\Key_State_Store;
use AI_Failover\Secrets\Key_Vault;
use AI_Failover\Secrets\Secret_Box;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * @covers \AI_Failover\REST\Keys_Controller
 * @covers \AI_Failover\Secrets\Key_Vault
 * @covers \AI_Failover\Secrets\Key_State_Store
 */
final class Keys_Controller_Test extends Test_Case {

	private const SECRET = 'sk-unit-0123456789abcdefABCD';

	protected function set_up(): void {
		parent::set_up();
		wp_set_current_user( $this->create_user( 'administrator' ) );
		update_option(
			'aifo_providers',
			array(
				'oa'  => array(
					'id'                    => 'oa',
					'label'                 => 'OpenAI',
					'preset'                => 'openai',
					'base_url'              => 'http://127.0.0.1:9/v1',
					'allow_private_network' => true,
				),
				'sim' => array(
					'id'     => 'sim',
					'label'  => 'Sim',
					'preset' => 'simulator',
				),
			)
		);
		delete_option( Key_Vault::OPTION );
		delete_option( Key_State_Store::OPTION );
	}

	protected function tear_down(): void {
		putenv( 'AIFO_OA_API_KEY' );
		parent::tear_down();
	}

	/**
	 * @return array<string, mixed>
	 */
	private function add_key( string $label = 'prod-1', string $secret = self::SECRET ): array {
		$response = $this->rest(
			'POST',
			'/ai-failover/v1/providers/oa/keys',
			array(
				'label'  => $label,
				'secret' => $secret,
			)
		);
		$this->assertSame( 201, $response->get_status(), wp_json_encode( $response->get_data() ) );
		return $response->get_data();
	}

	public function test_a_stored_key_is_shown_masked_and_encrypted_at_rest(): void {
		$key = $this->add_key();

		$this->assertSame( 'ABCD', $key['last4'] );
		$this->assertSame( 'database', $key['source'] );
		$this->assertSame( 'active', $key['state'] );
		$this->assertArrayNotHasKey( 'secret', $key );
		$this->assertStringNotContainsString( self::SECRET, (string) wp_json_encode( $this->rest( 'GET', '/ai-failover/v1/providers/oa/keys' )->get_data() ) );

		global $wpdb;
		$raw = (string) $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", Key_Vault::OPTION ) );
		$this->assertStringContainsString( 'aifo1:', $raw );
		$this->assertStringNotContainsString( self::SECRET, $raw );
		// Not autoloaded, whatever the version calls it ('no' up to 6.5, 'off' since 6.6): the options
		// WordPress loads on every request, read fresh from the database, do not include the vault.
		wp_cache_delete( 'alloptions', 'options' );
		$this->assertArrayNotHasKey( Key_Vault::OPTION, wp_load_alloptions() );
		$this->assertSame( '1', $this->rest( 'GET', '/ai-failover/v1/providers/oa' )->get_data()['key_count'] . '' );
	}

	public function test_several_keys_rotate_in_the_order_added_and_an_environment_key_wins(): void {
		$this->add_key( 'prod-1', 'sk-first-0123456789abcd' );
		$this->add_key( 'prod-2', 'sk-second-0123456789abcd' );
		putenv( 'AIFO_OA_API_KEY=sk-from-env-0123456789abcd' );

		$vault    = new Key_Vault( Secret_Box::from_site(), new Key_State_Store() );
		$resolved = $vault->resolve( 'oa', time() );

		$this->assertSame( array( 'env', 'database', 'database' ), array_map( static fn( $k ) => $k->source, $resolved ) );
		$this->assertSame( 'sk-from-env-0123456789abcd', $resolved[0]->secret() );
		$this->assertSame( 'sk-second-0123456789abcd', $resolved[2]->secret() );
		$this->assertStringNotContainsString( 'sk-first', print_r( $resolved, true ), 'print_r of resolved keys shows no secret.' ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_print_r -- what a careless debug line would print is the point.
		$this->assertStringNotContainsString( 'sk-first', serialize( $resolved ) );

		$views = $this->rest( 'GET', '/ai-failover/v1/providers/oa/keys' )->get_data();
		$this->assertSame( 'AIFO_OA_API_KEY', $views[0]['label'] );
		$this->assertSame( 400, $this->rest( 'DELETE', '/ai-failover/v1/providers/oa/keys/env' )->get_status(), 'An environment key is removed where it is set.' );
	}

	public function test_dead_keys_leave_rotation_until_revived(): void {
		$key    = $this->add_key();
		$states = new Key_State_Store();
		$states->mark_dead( 'oa', $key['id'], '401 invalid_api_key', time() );

		$view = $this->rest( 'GET', '/ai-failover/v1/providers/oa/keys/' . $key['id'] )->get_data();
		$this->assertSame( 'dead', $view['state'] );
		$this->assertSame( '401 invalid_api_key', $view['state_reason'] );
		$this->assertSame( array(), ( new Key_Vault( Secret_Box::from_site(), $states ) )->resolve( 'oa', time() ) );

		$revived = $this->rest( 'PATCH', '/ai-failover/v1/providers/oa/keys/' . $key['id'], array( 'state' => 'active' ) )->get_data();
		$this->assertSame( 'active', $revived['state'] );
		$this->assertCount( 1, ( new Key_Vault( Secret_Box::from_site(), $states ) )->resolve( 'oa', time() ) );
	}

	public function test_cool_down_ends_by_itself(): void {
		$key    = $this->add_key();
		$states = new Key_State_Store();
		$states->cool_down( 'oa', $key['id'], time() + 30, '429' );

		$this->assertSame( 'cooling', $states->get( 'oa', $key['id'], time() )['state'] );
		$this->assertSame( 'active', $states->get( 'oa', $key['id'], time() + 31 )['state'] );
	}

	public function test_relabel_and_delete(): void {
		$key = $this->add_key();

		$this->assertSame( 'renamed', $this->rest( 'PATCH', '/ai-failover/v1/providers/oa/keys/' . $key['id'], array( 'label' => 'renamed' ) )->get_data()['label'] );
		$this->assertTrue( $this->rest( 'DELETE', '/ai-failover/v1/providers/oa/keys/' . $key['id'] )->get_data()['deleted'] );
		$this->assertSame( 404, $this->rest( 'GET', '/ai-failover/v1/providers/oa/keys/' . $key['id'] )->get_status() );
	}

	public function test_a_changed_secret_marks_keys_undecryptable_and_the_previous_secret_recovers_them(): void {
		$old   = new Key_Vault( new Secret_Box( 'old-secret' ), new Key_State_Store() );
		$added = $old->add( 'oa', 'prod-1', self::SECRET );

		$new = new Key_Vault( new Secret_Box( 'new-secret' ), new Key_State_Store() );
		$this->assertSame( 'undecryptable', $new->view( 'oa', $added['id'], time() )['state'] );
		$this->assertSame( array(), $new->resolve( 'oa', time() ), 'Reported, never fatal, never used.' );

		$rotating = new Key_Vault( new Secret_Box( 'new-secret', array( 'old-secret' ) ), new Key_State_Store() );
		$this->assertSame( 1, ( new \AI_Failover\Secrets\Key_Resealer( $rotating ) )->reseal(), 'What admin_init runs.' );
		$this->assertSame( 0, $rotating->reseal_all(), 'Nothing left to do.' );
		$this->assertSame( self::SECRET, $new->resolve( 'oa', time() )[0]->secret(), 'After re-sealing, the new secret alone opens it.' );
	}

	public function test_bad_key_input(): void {
		$this->assertSame( 400, $this->rest( 'POST', '/ai-failover/v1/providers/oa/keys', array( 'label' => 'x' ) )->get_status(), 'secret is required' );
		$this->assertSame(
			400,
			$this->rest(
				'POST',
				'/ai-failover/v1/providers/oa/keys',
				array(
					'label'  => 'x',
					'secret' => 'has space 12345',
				)
			)->get_status()
		);
		$this->assertSame(
			400,
			$this->rest(
				'POST',
				'/ai-failover/v1/providers/sim/keys',
				array(
					'label'  => 'x',
					'secret' => self::SECRET,
				)
			)->get_status(),
			'The Simulator takes no key.'
		);
		$this->assertSame(
			404,
			$this->rest(
				'POST',
				'/ai-failover/v1/providers/nope/keys',
				array(
					'label'  => 'x',
					'secret' => self::SECRET,
				)
			)->get_status()
		);
	}

	public function test_test_connection_reports_an_unreachable_provider_without_changing_the_key(): void {
		$key = $this->add_key();

		$result = $this->rest( 'POST', '/ai-failover/v1/providers/oa/keys/' . $key['id'] . '/test' )->get_data();

		$this->assertFalse( $result['ok'] );
		$this->assertSame( 'unreachable', $result['error']['class'] );
		$this->assertSame( 'active', $this->rest( 'GET', '/ai-failover/v1/providers/oa/keys/' . $key['id'] )->get_data()['state'] );
	}
}
