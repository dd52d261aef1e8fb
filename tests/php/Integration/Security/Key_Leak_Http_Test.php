<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Security;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * Keys stored on the rig's site, behind providers that echo them back in their errors (the fake
 * provider's leak-key-* routes: the whole key at the end of a long message, or its first 12
 * characters), then every route and error path exercised over HTTP. Neither a whole key nor any
 * 12-character piece of one appears in a REST response or its headers, either admin page, the
 * CSV export, the site's logs (.rig/<name>/logs/*), the alert e-mails or the webhook payloads.
 *
 * @coversNothing
 */
final class Key_Leak_Http_Test extends Test_Case {

	private const FEATURE = 'security-leak';

	/**
	 * Provider id => preset and fake route (each echoes the key in its own way and protocol).
	 */
	private const PROVIDERS = array(
		'security-leak-openai'    => array( 'openai', '/r/leak-key-tail/v1' ),
		'security-leak-anthropic' => array( 'anthropic', '/r/leak-key-prefix' ),
		'security-leak-gemini'    => array( 'gemini', '/r/leak-key-tail' ),
	);

	/** @var array<string, string> Provider id => its key, random per run. */
	private array $keys = array();

	protected function set_up(): void {
		parent::set_up();
		if ( ! Site::available() || '' === (string) getenv( 'FAKE_PROVIDER_URL' ) ) {
			$this->markTestSkipped( 'WP_BASE_URL / WP_APP_PASSWORD / FAKE_PROVIDER_URL not set: source .rig/<name>/env.sh and start the fake provider.' );
		}
		$this->remove_fixtures();
	}

	protected function tear_down(): void {
		if ( Site::available() ) {
			$this->remove_fixtures();
			Site::admin(
				'PATCH',
				'/ai-failover/v1/settings',
				array(
					'alert_webhook_url' => '',
					'alert_min_runs'    => 5,
				)
			);
		}
		parent::tear_down();
	}

	public function test_no_key_or_12_character_piece_of_one_comes_back_out_anywhere(): void {
		$logs = ( new Rig_Logs() )->mark();
		$seen = array();
		$fake = (string) getenv( 'FAKE_PROVIDER_URL' );

		foreach ( self::PROVIDERS as $id => list( $preset, $path ) ) {
			$seen[]            = Site::admin(
				'POST',
				'/ai-failover/v1/providers',
				array(
					'id'                    => $id,
					'label'                 => 'Leaky ' . $preset,
					'preset'                => $preset,
					'base_url'              => $fake . $path,
					'allow_private_network' => true,
				)
			);
			$this->keys[ $id ] = 'sk-' . wp_generate_password( 40, false );
			$key               = Site::admin(
				'POST',
				'/ai-failover/v1/providers/' . $id . '/keys',
				array(
					'label'  => 'leaky',
					'secret' => $this->keys[ $id ],
				)
			);
			$this->assertSame( 201, $key['status'], $key['raw'] );
			$seen[] = $key;
			// Error paths that carry the key in the request.
			$seen[] = Site::admin(
				'POST',
				'/ai-failover/v1/providers/' . $id . '/keys',
				array(
					'label'  => str_repeat( 'x', 200 ),
					'secret' => $this->keys[ $id ],
				)
			);
			$seen[] = Site::admin(
				'POST',
				'/ai-failover/v1/providers/' . $id . '/keys',
				array(
					'secret' => $this->keys[ $id ],
					'extra'  => $this->keys[ $id ],
				)
			);
			$seen[] = Site::admin( 'POST', '/ai-failover/v1/providers/' . $id . '/keys/' . $key['body']['id'] . '/test' );
			$seen[] = Site::admin( 'GET', '/ai-failover/v1/providers/' . $id . '/models?refresh=1' );
		}
		$ids      = array_keys( self::PROVIDERS );
		$settings = Site::admin(
			'PATCH',
			'/ai-failover/v1/settings',
			array(
				'alert_webhook_url' => 'https://hooks.example.com/aifo',
				'alert_min_runs'    => 1,
			)
		);
		$this->assertSame( 200, $settings['status'], $settings['raw'] );
		$message = array(
			'messages' => array(
				array(
					'role'    => 'user',
					'content' => 'leak check',
				),
			),
		);
		$models  = array( 'gpt-4o-mini', 'claude-3-5-haiku-latest', 'gemini-2.0-flash' );
		$run_ids = array();
		foreach ( $ids as $n => $id ) {
			// An auth error never falls back: one feature per leaky provider.
			$feature = Site::admin(
				'POST',
				'/ai-failover/v1/features',
				array(
					'id'      => self::FEATURE . '-' . $n,
					'label'   => 'Leak ' . $n,
					'primary' => array(
						'provider_id' => $id,
						'model'       => $models[ $n ],
					),
				)
			);
			$this->assertSame( 201, $feature['status'], $feature['raw'] );
			$run = Site::admin( 'POST', '/ai-failover/v1/features/' . self::FEATURE . '-' . $n . '/run', $message );
			$this->assertSame( 200, $run['status'], $run['raw'] );
			$this->assertSame( 'auth', $run['body']['attempts'][0]['error_class'] ?? '', "$id answered 401: " . $run['raw'] );
			$run_ids[] = (string) $run['body']['run_id'];
			$seen[]    = $run;
			$seen[]    = Site::admin( 'POST', '/ai-failover/v1/features/' . self::FEATURE . '-' . $n . '/run', $message + array( 'stream' => true ) );
			$seen[]    = Site::admin( 'GET', '/ai-failover/v1/runs/' . $run['body']['run_id'] );
		}

		// Every GET route of the REST index, on these fixtures.
		$fill  = array(
			'providers/{id}' => 'providers/' . $ids[0],
			'features/{id}'  => 'features/' . self::FEATURE . '-0',
			'{provider}'     => $ids[0],
			'{key}'          => 'none',
			'{run_id}'       => $run_ids[0],
		);
		$index = Site::admin( 'GET', '/ai-failover/v1' )['body'];
		$reads = array();
		foreach ( (array) $index['routes'] as $pattern => $route ) {
			foreach ( (array) $route['endpoints'] as $endpoint ) {
				if ( in_array( 'GET', (array) $endpoint['methods'], true ) ) {
					$reads[] = array( 'GET', strtr( (string) preg_replace( '/\(\?P<(\w+)>[^)]*\)/', '{$1}', (string) $pattern ), $fill ), null );
				}
			}
		}
		foreach ( $ids as $id ) {
			$reads[] = array( 'GET', '/ai-failover/v1/providers/' . $id . '/keys', null );
			$reads[] = array( 'GET', '/ai-failover/v1/events?provider=' . $id . '&per_page=100', null );
		}
		foreach ( Site::admin_many( $reads ) as $read ) {
			$seen[] = $read + array( 'headers' => array() );
		}
		$haystacks = array( 'CSV export' => '' );
		foreach ( array_keys( $ids ) as $n ) {
			$export = Site::admin( 'GET', '/ai-failover/v1/events/export?feature=' . self::FEATURE . '-' . $n );
			$this->assertSame( 200, $export['status'] );
			$this->assertStringContainsString( $run_ids[ $n ], $export['raw'], 'The export has the run.' );
			$haystacks['CSV export'] .= $export['raw'];
		}
		foreach ( $seen as $response ) {
			$haystacks['REST responses'] = ( $haystacks['REST responses'] ?? '' ) . $response['raw'] . wp_json_encode( $response['headers'] );
		}
		foreach ( array( 'ai-failover', 'ai-failover-diagnostics' ) as $page ) {
			$html = Site::as_logged_in( 'administrator', 'GET', '/wp-admin/admin.php?page=' . $page );
			$this->assertSame( 200, $html['status'] );
			$haystacks[ "admin page $page" ] = $html['raw'];
		}
		$alerts = $this->alerts_sent();
		$this->assertNotSame( array(), $alerts['mail'], 'The alert check sent e-mail.' );
		$this->assertNotSame( array(), $alerts['webhooks'], 'The alert check called the webhook.' );
		$haystacks['alert e-mail']     = (string) wp_json_encode( $alerts['mail'] );
		$haystacks['webhook payloads'] = (string) wp_json_encode( $alerts['webhooks'] );
		foreach ( $logs->appended() as $file => $text ) {
			$haystacks[ "log $file" ] = $text;
		}

		$leaks = array();
		foreach ( $haystacks as $where => $text ) {
			foreach ( $this->keys as $provider => $secret ) {
				foreach ( $this->pieces( $secret ) as $piece ) {
					if ( str_contains( $text, $piece ) || str_contains( $text, (string) wp_json_encode( $piece ) ) ) {
						$at      = (int) strpos( $text, $piece );
						$leaks[] = "$where: the key of $provider ($piece): …" . substr( $text, max( 0, $at - 120 ), 240 ) . '…';
						break;
					}
				}
			}
		}
		$this->assertSame( array(), $leaks );
	}

	/**
	 * The key and every 12-character piece of it.
	 *
	 * @return list<string>
	 */
	private function pieces( string $secret ): array {
		$pieces = array( $secret );
		$length = strlen( $secret );
		for ( $at = 0; $at + 12 <= $length; $at++ ) {
			$pieces[] = substr( $secret, $at, 12 );
		}
		return $pieces;
	}

	/**
	 * Runs the alert check in the rig's WordPress and returns what it sent.
	 *
	 * @return array{mail: list<array<string, mixed>>, webhooks: list<array<string, mixed>>}
	 */
	private function alerts_sent(): array {
		$root = dirname( __DIR__, 4 );
		$env  = array(
			'WP_ROOT' => (string) getenv( 'WP_ROOT' ),
			'PATH'    => (string) getenv( 'PATH' ),
		);
		foreach ( array( 'WP_DB_HOST', 'WP_DB_USER', 'WP_DB_PASSWORD', 'WP_DEBUG_LOG_FILE' ) as $name ) {
			$env[ $name ] = (string) getenv( $name ); // Not WP_DB_NAME: the site's database, not the tests'.
		}
		$process = proc_open(
			array( PHP_BINARY, $root . '/tests/rig/wp-run.php', __DIR__ . '/rig/check-alerts-capturing.php' ),
			array(
				1 => array( 'pipe', 'w' ),
				2 => array( 'pipe', 'w' ),
			),
			$pipes,
			$root,
			$env
		);
		$this->assertIsResource( $process );
		$out = (string) stream_get_contents( $pipes[1] );
		$err = (string) stream_get_contents( $pipes[2] );
		proc_close( $process );
		$sent = json_decode( (string) substr( $out, (int) strpos( $out, '{"mail"' ) ), true );
		$this->assertIsArray( $sent, "The alert check ran: $out $err" );
		return $sent;
	}

	private function remove_fixtures(): void {
		foreach ( array_keys( self::PROVIDERS ) as $n => $id ) {
			Site::admin( 'DELETE', '/ai-failover/v1/features/' . self::FEATURE . '-' . $n );
		}
		foreach ( array_keys( self::PROVIDERS ) as $id ) {
			Site::admin( 'DELETE', '/ai-failover/v1/providers/' . $id );
		}
	}
}
