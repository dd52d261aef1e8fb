<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Secrets;

use AI_Failover\Secrets\Key_Resealer;
use AI_Failover\Secrets\Key_State_Store;
use AI_Failover\Secrets\Key_Vault;
use AI_Failover\Secrets\Secret_Box;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * The whole rotation story as an operator lives it, through Secret_Box::from_site() (the environment
 * variables stand in for the wp-config defines, which cannot be undefined within one process):
 * each step changes the configuration, loads the vault as the next request would, runs what
 * admin_init runs, and checks that the key still opens once the old define is gone.
 *
 * @covers \AI_Failover\Secrets\Secret_Box
 * @covers \AI_Failover\Secrets\Key_Vault
 * @covers \AI_Failover\Secrets\Key_Resealer
 */
final class Key_Rotation_Test extends Test_Case {

	private const SECRET = 'sk-rotation-0123456789abcdef';

	protected function set_up(): void {
		parent::set_up();
		if ( defined( 'AIFO_SECRET_KEY' ) || defined( 'AIFO_PREVIOUS_SECRET_KEY' ) ) {
			$this->markTestSkipped( 'This site defines the secrets as constants; the story is told through the environment.' );
		}
		$this->configure( '', '' );
		delete_option( Key_Vault::OPTION );
	}

	protected function tear_down(): void {
		$this->configure( '', '' );
		parent::tear_down();
	}

	public function test_without_an_explicit_key_setting_the_previous_one_never_becomes_the_sealing_secret(): void {
		$key_id = $this->vault()->add( 'oa', 'prod', self::SECRET )['id'];

		// The plugin's advice after a lost key: set AIFO_PREVIOUS_SECRET_KEY. New keys must still be
		// sealed with the salts, the only secret that stays when the define is removed.
		$this->configure( '', 'an-old-secret-from-before' );
		$this->reseal();
		$later = $this->vault()->add( 'oa', 'later', self::SECRET . 'x' )['id'];

		$this->configure( '', '' );
		$this->assertOpens( $key_id, self::SECRET );
		$this->assertOpens( $later, self::SECRET . 'x' );
	}

	public function test_from_the_salts_to_an_explicit_key_and_on_to_another(): void {
		$key_id = $this->vault()->add( 'oa', 'prod', self::SECRET )['id'];

		$this->configure( 'explicit-one', '' );
		$this->assertSame( 1, $this->reseal(), 'Moved from the salts to AIFO_SECRET_KEY.' );
		$this->assertOpens( $key_id, self::SECRET );

		$this->configure( 'explicit-two', 'explicit-one' );
		$this->assertSame( 1, $this->reseal() );
		$this->configure( 'explicit-two', '' );
		$this->assertOpens( $key_id, self::SECRET );
		$this->assertSame( 0, $this->reseal(), 'Nothing left to do.' );

		$this->configure( 'explicit-three', '' );
		$this->assertSame( 'undecryptable', $this->vault()->view( 'oa', $key_id, time() )['state'], 'Without the previous secret a changed key is reported, not used.' );
	}

	public function test_from_an_explicit_key_back_to_the_salts(): void {
		$this->configure( 'explicit-one', '' );
		$key_id = $this->vault()->add( 'oa', 'prod', self::SECRET )['id'];

		// Removing AIFO_SECRET_KEY, keeping its value as the previous one while keys move.
		$this->configure( '', 'explicit-one' );
		$this->assertSame( 1, $this->reseal(), 'Re-sealed under the salts, not under the previous secret.' );
		$added = $this->vault()->add( 'oa', 'new', self::SECRET . 'y' )['id'];

		$this->configure( '', '' );
		$this->assertOpens( $key_id, self::SECRET );
		$this->assertOpens( $added, self::SECRET . 'y' );
	}

	/**
	 * @param string $explicit AIFO_SECRET_KEY, '' unset.
	 * @param string $previous AIFO_PREVIOUS_SECRET_KEY, '' unset.
	 */
	private function configure( string $explicit, string $previous ): void {
		putenv( '' !== $explicit ? 'AIFO_SECRET_KEY=' . $explicit : 'AIFO_SECRET_KEY' );
		putenv( '' !== $previous ? 'AIFO_PREVIOUS_SECRET_KEY=' . $previous : 'AIFO_PREVIOUS_SECRET_KEY' );
	}

	private function vault(): Key_Vault {
		return new Key_Vault( Secret_Box::from_site(), new Key_State_Store() );
	}

	private function reseal(): int {
		return ( new Key_Resealer( $this->vault() ) )->reseal();
	}

	private function assertOpens( string $key_id, string $secret ): void {
		$this->assertSame( $secret, $this->vault()->secret_for_test( 'oa', $key_id ) );
		$this->assertSame( 'active', $this->vault()->view( 'oa', $key_id, time() )['state'] );
	}
}
