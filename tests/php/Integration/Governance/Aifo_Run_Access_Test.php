<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Governance;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * aifo_run() applies the feature's access rule to the current user and request: a theme calling
 * it for a visitor or a role that is not listed gets a failed result with `access_denied` and the
 * sentence, and the Simulator route is never called (no attempt but the skipped one).
 *
 * @covers \AI_Failover\Governance\Access_Guard
 * @covers \AI_Failover\Engine\Feature_Runner
 */
final class Aifo_Run_Access_Test extends Test_Case {

	protected function set_up(): void {
		parent::set_up();
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
				'members' => array(
					'id'      => 'members',
					'label'   => 'Members only',
					'primary' => array(
						'provider_id' => 'sim',
						'model'       => 'sim-echo',
					),
					'access'  => array( 'roles' => array( 'author' ) ),
				),
			)
		);
	}

	public function test_a_visitor_and_an_unlisted_role_are_refused_and_a_listed_role_is_served(): void {
		$messages = array(
			'messages' => array(
				array(
					'role'    => 'user',
					'content' => 'Hi',
				),
			),
		);

		wp_set_current_user( 0 );
		$visitor = aifo_run( 'members', $messages );
		$this->assertSame( 'failed', $visitor->status );
		$this->assertSame( 'access_denied', $visitor->error['class'] ?? null );
		$this->assertSame( array( 'skipped' ), array_map( static fn( $a ) => $a->outcome->value, $visitor->attempts ), 'Nothing was sent.' );

		wp_set_current_user( self::factory_user( 'subscriber' ) );
		$this->assertSame( 'access_denied', aifo_run( 'members', $messages )->error['class'] ?? null );

		wp_set_current_user( self::factory_user( 'author' ) );
		$served = aifo_run( 'members', $messages );
		$this->assertSame( 'success', $served->status, (string) wp_json_encode( $served->error ) );
	}

	private static function factory_user( string $role ): int {
		return (int) wp_insert_user(
			array(
				'user_login' => 'aifo-access-' . $role . '-' . wp_generate_password( 6, false ),
				'user_pass'  => wp_generate_password(),
				'role'       => $role,
			)
		);
	}
}
