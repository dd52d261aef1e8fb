<?php
/**
 * The scaffolding of a test that drives the rig over HTTP with features and providers of its own.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

/**
 * A random tag to name what the test creates, the lists of what to delete afterwards, and the fake
 * provider of the test's own stopped after the class. The using class calls use_rig() from set_up().
 */
trait Rig_Fixtures {

	private string $tag = '';

	/** @var list<string> Feature ids to delete in tear_down(). */
	private array $features = array();

	/** @var list<string> Provider ids to delete in tear_down(). */
	private array $providers = array();

	/**
	 * Fails without the rig's environment, else picks this test's tag.
	 *
	 * @param string $prefix Two letters naming the test in the ids it creates.
	 */
	private function use_rig( string $prefix ): void {
		if ( null === Rig_Site::base_url() ) {
			$this->fail( 'WP_BASE_URL and WP_APP_PASSWORD come from .rig/test/env.sh (npm test sources it).' );
		}
		$this->tag = $prefix . strtolower( wp_generate_password( 6, false ) );
	}

	protected function tear_down(): void {
		foreach ( $this->features as $feature ) {
			Rig_Site::rest( 'DELETE', '/ai-failover/v1/features/' . $feature );
		}
		foreach ( $this->providers as $provider ) {
			Rig_Site::rest( 'DELETE', '/ai-failover/v1/providers/' . $provider );
		}
		parent::tear_down();
	}

	public static function tear_down_after_class(): void {
		Rig_Site::stop_fake_provider();
		parent::tear_down_after_class();
	}
}
