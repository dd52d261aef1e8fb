<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

use AI_Failover\Tests\Integration\Rest_Over_Http;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * The CSV export over real HTTP, larger than PHP's output buffer (4 KB): WordPress's headers
 * (no-cache included) reach the client and PHP logs no "headers already sent".
 *
 * @covers \AI_Failover\REST\Events_Controller
 */
final class Events_Export_Http_Test extends Test_Case {
	use Rest_Over_Http;

	private const FEATURE  = 'csv-export-http';
	private const PROVIDER = 'csv-export-sim';

	protected function tear_down(): void {
		$this->http( 'DELETE', '/ai-failover/v1/features/' . self::FEATURE );
		$this->http( 'DELETE', '/ai-failover/v1/providers/' . self::PROVIDER );
		parent::tear_down();
	}

	public function test_a_large_export_keeps_its_headers_and_warns_about_nothing(): void {
		$this->require_site();
		$this->http(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'     => self::PROVIDER,
				'label'  => 'CSV sim',
				'preset' => 'simulator',
			)
		);
		$this->http(
			'POST',
			'/ai-failover/v1/features',
			array(
				'id'        => self::FEATURE,
				'label'     => 'CSV export',
				'primary'   => array(
					'provider_id' => self::PROVIDER,
					'model'       => 'sim-unavailable',
				),
				'fallbacks' => array(
					array(
						'provider_id' => self::PROVIDER,
						'model'       => 'sim-echo',
					),
				),
				'retry'     => array(
					'attempts_per_route' => 1,
					'base_delay_ms'      => 0,
					'max_delay_ms'       => 0,
				),
			)
		);
		for ( $i = 0; $i < 12; $i++ ) {
			$run = $this->http(
				'POST',
				'/ai-failover/v1/features/' . self::FEATURE . '/run',
				array(
					'messages' => array(
						array(
							'role'    => 'user',
							'content' => 'Hi ' . $i,
						),
					),
				)
			);
			$this->assertSame( 200, $run['status'], $run['raw'] );
		}
		$php_log = dirname( (string) getenv( 'WP_DEBUG_LOG_FILE' ) ) . '/php-errors.log';
		$logs    = array( $php_log, (string) getenv( 'WP_DEBUG_LOG_FILE' ) );
		$before  = array_map( static fn( string $file ) => is_readable( $file ) ? (int) filesize( $file ) : 0, $logs );

		$export = $this->http( 'GET', '/ai-failover/v1/events/export?feature=' . self::FEATURE . '&per_page=100' );

		$this->assertSame( 200, $export['status'] );
		clearstatcache();
		foreach ( $logs as $index => $file ) {
			$grown = is_readable( $file ) ? (string) file_get_contents( $file, false, null, $before[ $index ] ) : ''; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local log.
			$this->assertStringNotContainsString( 'headers already sent', strtolower( $grown ), $file );
		}
		$this->assertGreaterThan( 4096, strlen( $export['raw'] ), 'Larger than the output buffer.' );
		$this->assertStringStartsWith( 'created_at,run_id,attempt', $export['raw'] );
		$this->assertStringContainsString( 'text/csv', $export['headers']['content-type'] ?? '' );
		$this->assertStringContainsString( 'attachment;', $export['headers']['content-disposition'] ?? '' );
		$this->assertStringContainsString( 'no-cache', $export['headers']['cache-control'] ?? '', 'The no-cache header is sent.' );
	}
}
