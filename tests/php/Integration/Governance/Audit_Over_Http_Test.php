<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Governance;

use AI_Failover\Tests\Integration\Security\Site;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * The audit log over real HTTP against the rig's site: creating a provider and its key, changing a
 * feature and the settings each leave an entry naming the administrator, the object, the fields
 * and the object before and after; deleting leaves one with no "after". No key, nor any
 * 12-character piece of one, nor the webhook's token, is in the log (the key-leak suite's test).
 * Only administrators may read it.
 *
 * @covers \AI_Failover\Governance\Audit_Trail
 * @covers \AI_Failover\Governance\Audit_Repository
 * @covers \AI_Failover\REST\Audit_Controller
 */
final class Audit_Over_Http_Test extends Test_Case {

	private string $id = '';

	protected function set_up(): void {
		parent::set_up();
		if ( ! Site::available() ) {
			$this->fail( 'WP_BASE_URL / WP_APP_PASSWORD are not set: source .rig/test/env.sh (npm test does).' );
		}
		$this->id = 'audit-' . strtolower( wp_generate_password( 8, false ) );
	}

	protected function tear_down(): void {
		Site::admin( 'DELETE', '/ai-failover/v1/features/' . $this->id );
		Site::admin( 'DELETE', '/ai-failover/v1/providers/' . $this->id . '?force=true' );
		Site::admin( 'PATCH', '/ai-failover/v1/settings', array( 'alert_webhook_url' => '' ) );
		Site::forget_users();
		parent::tear_down();
	}

	public function test_each_change_is_recorded_with_who_what_before_and_after_and_never_a_secret(): void {
		$secret = 'sk-' . wp_generate_password( 40, false );
		$token  = wp_generate_password( 32, false );
		// The settings exist before (an update, not their creation).
		Site::admin( 'PATCH', '/ai-failover/v1/settings', array( 'alert_min_runs' => 5 ) );
		$newest  = $this->entries()[0]['id'] ?? 0;
		$fake    = 'http://127.0.0.1:9/v1';
		$created = Site::admin( 'POST', '/ai-failover/v1/providers', array( 'id' => $this->id, 'label' => 'Audited', 'preset' => 'openai', 'base_url' => $fake, 'allow_private_network' => true ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- fixture.
		$this->assertSame( 201, $created['status'], $created['raw'] );
		$key = Site::admin( 'POST', '/ai-failover/v1/providers/' . $this->id . '/keys', array( 'label' => 'prod', 'secret' => $secret ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- fixture.
		$this->assertSame( 201, $key['status'], $key['raw'] );
		$feature = Site::admin( 'POST', '/ai-failover/v1/features', array( 'id' => $this->id, 'label' => 'Before', 'primary' => array( 'provider_id' => $this->id, 'model' => 'gpt-4o-mini' ) ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- fixture.
		$this->assertSame( 201, $feature['status'], $feature['raw'] );
		$this->assertSame( 200, Site::admin( 'PATCH', '/ai-failover/v1/features/' . $this->id, array( 'label' => 'After' ) )['status'] );
		$this->assertSame( 200, Site::admin( 'PATCH', '/ai-failover/v1/settings', array( 'alert_webhook_url' => 'https://hooks.example.com/services/' . $token ) )['status'] );
		$this->assertSame( 200, Site::admin( 'DELETE', '/ai-failover/v1/providers/' . $this->id . '/keys/' . $key['body']['id'] )['status'] );

		$response = Site::admin( 'GET', '/ai-failover/v1/audit?per_page=50' );
		$this->assertSame( 200, $response['status'], $response['raw'] );
		$entries = array_values( array_filter( $response['body'], static fn( array $e ): bool => $e['id'] > $newest ) );
		$seen    = array_map( static fn( array $e ): string => $e['action'] . ' ' . $e['object_type'] . ' ' . $e['object_id'], array_reverse( $entries ) );
		$key_id  = $this->id . '/' . $key['body']['id'];
		$this->assertSame(
			array(
				'created provider ' . $this->id,
				'created key ' . $key_id,
				'created feature ' . $this->id,
				'updated feature ' . $this->id,
				'updated settings site',
				'deleted key ' . $key_id,
			),
			$seen
		);
		$this->assertGreaterThan( 0, (int) $response['headers']['x-wp-total'] );
		foreach ( $entries as $entry ) {
			$this->assertSame( getenv( 'WP_ADMIN_USER' ), $entry['user_login'] );
			$this->assertSame( 1, $entry['user_id'] );
			$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $entry['created_at'] );
		}
		$label = $this->find( $entries, 'updated', 'feature' );
		$this->assertSame( array( 'label' ), $label['fields'] );
		$this->assertSame( 'Before', json_decode( (string) $label['before'], true )['label'] );
		$this->assertSame( 'After', json_decode( (string) $label['after'], true )['label'] );
		$added = json_decode( (string) $this->find( $entries, 'created', 'key' )['after'], true );
		$this->assertSame(
			array(
				'provider_id' => $this->id,
				'id'          => $key['body']['id'],
				'label'       => 'prod',
				'source'      => 'stored',
				'last4'       => substr( $secret, -4 ),
			),
			$added,
			'A key is recorded as metadata only.'
		);
		$this->assertNull( $this->find( $entries, 'deleted', 'key' )['after'] );
		$this->assertSame( array( 'alert_webhook_url' ), $this->find( $entries, 'updated', 'settings' )['fields'] );

		// The key-leak suite's test: neither the whole secret nor any 12-character piece of it.
		foreach ( array( $secret, $token ) as $sensitive ) {
			$last = strlen( $sensitive ) - 12;
			for ( $at = 0; $at <= $last; $at++ ) {
				$this->assertStringNotContainsString( substr( $sensitive, $at, 12 ), $response['raw'], 'A 12-character piece of a secret is in the audit log.' );
			}
		}
	}

	public function test_only_administrators_may_read_the_audit_log(): void {
		foreach ( array( '', 'editor', 'author', 'subscriber' ) as $role ) {
			$this->assertContains( Site::rest( $role, 'GET', '/ai-failover/v1/audit' )['status'], array( 401, 403 ), $role );
		}
		$this->assertSame( 400, Site::admin( 'GET', '/ai-failover/v1/audit?object_type=secrets' )['status'], 'An unknown object type is refused, naming the field.' );
	}

	/**
	 * @return list<array<string, mixed>>
	 */
	private function entries(): array {
		$response = Site::admin( 'GET', '/ai-failover/v1/audit?per_page=1' );
		$this->assertSame( 200, $response['status'], $response['raw'] );
		return is_array( $response['body'] ) ? $response['body'] : array();
	}

	/**
	 * @param list<array<string, mixed>> $entries Entries.
	 * @param string                     $action  Action.
	 * @param string                     $type    Object type.
	 * @return array<string, mixed>
	 */
	private function find( array $entries, string $action, string $type ): array {
		foreach ( $entries as $entry ) {
			if ( $entry['action'] === $action && $entry['object_type'] === $type ) {
				return $entry;
			}
		}
		$this->fail( "No $action $type entry." );
	}
}
