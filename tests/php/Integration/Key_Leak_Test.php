<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration;

use AI_Failover\Admin\Admin_Page;
use AI_Failover\Admin\Assets;

/**
 * After storing keys and exercising every route and error path, the plaintext keys appear
 * nowhere: not in a REST response, the options table, the admin page's HTML or debug.log.
 *
 * @coversNothing
 */
final class Key_Leak_Test extends Test_Case {

	private const KEYS = array(
		'sk-leakcheck-AAAA-0123456789abcdef',
		'sk-leakcheck-BBBB-0123456789abcdef',
	);

	public function test_keys_never_come_back_out(): void {
		wp_set_current_user( $this->create_user( 'administrator' ) );
		$debug_log  = (string) ( getenv( 'WP_DEBUG_LOG_FILE' ) ?: WP_CONTENT_DIR . '/debug.log' );
		$log_before = is_readable( $debug_log ) ? (int) filesize( $debug_log ) : 0;
		$responses  = array();
		$fake       = (string) ( getenv( 'FAKE_PROVIDER_URL' ) ?: 'http://127.0.0.1:9' );

		$responses[] = $this->rest(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'                    => 'leaky',
				'label'                 => 'Leaky',
				'preset'                => 'openai',
				// A fake endpoint that answers 401 and quotes the key back, as providers do.
				'base_url'              => $fake . '/r/fail-401/v1',
				'allow_private_network' => true,
			)
		);
		$key_ids     = array();
		foreach ( self::KEYS as $index => $secret ) {
			$created     = $this->rest(
				'POST',
				'/ai-failover/v1/providers/leaky/keys',
				array(
					'label'  => 'k' . $index,
					'secret' => $secret,
				)
			);
			$responses[] = $created;
			$key_ids[]   = $created->get_data()['id'];
		}
		// Error paths that carry the key in the request.
		$responses[] = $this->rest(
			'POST',
			'/ai-failover/v1/providers/leaky/keys',
			array(
				'label'  => 'dup',
				'secret' => self::KEYS[0],
				'extra'  => self::KEYS[1],
			)
		);
		$responses[] = $this->rest(
			'POST',
			'/ai-failover/v1/providers/leaky/keys',
			array(
				'label'  => str_repeat( 'x', 80 ),
				'secret' => self::KEYS[0],
			)
		);
		$responses[] = $this->rest(
			'POST',
			'/ai-failover/v1/providers/leaky/keys',
			array(
				'label'  => 'ok',
				'secret' => self::KEYS[0] . ' with spaces',
			)
		);
		$responses[] = $this->rest( 'PATCH', '/ai-failover/v1/providers/leaky', array( 'api_key' => self::KEYS[0] ) );
		// Every read and action route.
		foreach ( $key_ids as $key_id ) {
			$responses[] = $this->rest( 'GET', '/ai-failover/v1/providers/leaky/keys/' . $key_id );
			$responses[] = $this->rest( 'POST', '/ai-failover/v1/providers/leaky/keys/' . $key_id . '/test' );
			$responses[] = $this->rest( 'PATCH', '/ai-failover/v1/providers/leaky/keys/' . $key_id, array( 'state' => 'active' ) );
		}
		$responses[] = $this->rest( 'GET', '/ai-failover/v1/providers/leaky/keys' );
		$responses[] = $this->rest( 'GET', '/ai-failover/v1/providers/leaky/models', array( 'refresh' => true ) );
		$responses[] = $this->rest( 'GET', '/ai-failover/v1/providers' );
		$responses[] = $this->rest( 'GET', '/ai-failover/v1/providers/leaky' );
		$responses[] = $this->rest( 'DELETE', '/ai-failover/v1/providers/leaky/keys/' . $key_ids[1] );

		$haystacks = array();
		foreach ( $responses as $response ) {
			$haystacks[ 'REST ' . $response->get_status() ] = ( $haystacks[ 'REST ' . $response->get_status() ] ?? '' ) . wp_json_encode( $response->get_data() ) . wp_json_encode( $response->get_headers() );
		}
		global $wpdb;
		$haystacks['options table'] = implode( "\n", (array) $wpdb->get_col( "SELECT option_value FROM {$wpdb->options} WHERE option_name LIKE 'aifo%' OR option_name LIKE '_transient_aifo%'" ) );
		ob_start();
		( new Admin_Page( new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) ) ) )->render();
		$haystacks['admin HTML'] = (string) ob_get_clean();
		clearstatcache();
		$haystacks['debug.log'] = is_readable( $debug_log ) ? (string) file_get_contents( $debug_log, false, null, $log_before ) : '';

		$this->assertNotSame( '', $haystacks['options table'], 'The keys were stored.' );
		foreach ( $haystacks as $where => $text ) {
			foreach ( self::KEYS as $secret ) {
				$this->assertStringNotContainsString( $secret, $text, "A key leaked into the $where." );
				$this->assertStringNotContainsString( substr( $secret, 0, 20 ), $text, "Part of a key leaked into the $where." );
			}
		}
	}
}
