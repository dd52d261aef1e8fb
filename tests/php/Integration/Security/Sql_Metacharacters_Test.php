<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Security;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * SQL metacharacters in every filter argument of the log and health routes and the CSV export
 * (as the REST index lists them, so a new filter is covered): each answer is 200 or 400, never
 * a 500, nothing from another table comes back, and the site logs no database error.
 *
 * @coversNothing
 */
final class Sql_Metacharacters_Test extends Test_Case {

	private const ROUTES = array( '/ai-failover/v1/events', '/ai-failover/v1/events/export', '/ai-failover/v1/health' );

	/**
	 * Sent to every free-form string filter.
	 */
	private const PAYLOADS = array(
		"' OR '1'='1",
		'" \\ %_ \\\'',
		"x'); DROP TABLE wp_aifo_events; -- ",
		"x') UNION SELECT user_pass,user_login,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1 FROM wp_users#",
		"2024-01-01 00:00:00' OR 1=1 -- ",
		"\xC0\x27",
	);

	/**
	 * Sent to filters WordPress already checks by type, enum or pattern.
	 */
	private const TYPED_PAYLOADS = array( "' OR 1=1 -- ", '99999999999999999999' );

	protected function set_up(): void {
		parent::set_up();
		if ( ! Site::available() ) {
			$this->markTestSkipped( 'WP_BASE_URL / WP_APP_PASSWORD not set: source .rig/<name>/env.sh.' );
		}
	}

	public function test_every_filter_answers_200_or_400_and_logs_no_database_error(): void {
		$logs     = ( new Rig_Logs() )->mark();
		$index    = Site::admin( 'GET', '/ai-failover/v1' )['body'];
		$failures = array();
		$filters  = 0;
		$requests = array();

		foreach ( self::ROUTES as $route ) {
			$this->assertArrayHasKey( $route, $index['routes'], "$route is in the REST index." );
			$args = array_diff( array_keys( (array) $index['routes'][ $route ]['endpoints'][0]['args'] ), array( 'context' ) );
			foreach ( $args as $arg ) {
				++$filters;
				$schema   = (array) $index['routes'][ $route ]['endpoints'][0]['args'][ $arg ];
				$typed    = isset( $schema['enum'] ) || isset( $schema['pattern'] ) || 'string' !== ( $schema['type'] ?? 'string' );
				$payloads = $typed ? self::TYPED_PAYLOADS : self::PAYLOADS;
				$queries  = array_map( static fn( string $payload ): string => rawurlencode( $arg ) . '=' . rawurlencode( $payload ), $payloads );
				// The argument as an array, and twice.
				$queries[] = rawurlencode( $arg ) . '[]=' . rawurlencode( "'" ) . '&' . rawurlencode( $arg ) . '[]=x';
				$queries[] = rawurlencode( $arg ) . '[a]=' . rawurlencode( "' OR 1=1" );
				foreach ( $queries as $query ) {
					$requests[] = array( 'GET', $route . '?' . $query, null );
				}
			}
		}
		foreach ( Site::admin_many( $requests ) as $i => $response ) {
			$sent = $requests[ $i ][1];
			if ( ! in_array( $response['status'], array( 200, 400 ), true ) ) {
				$failures[] = "$sent: {$response['status']} " . substr( $response['raw'], 0, 300 );
			} elseif ( preg_match( '/\$(P|wp)\$|\$2y\$/', $response['raw'] ) ) {
				$failures[] = "$sent returned a password hash.";
			}
		}
		$this->assertGreaterThan( 10, $filters, 'The filters came from the REST index.' );
		$this->assertSame( array(), $failures );

		foreach ( $logs->appended() as $file => $text ) {
			$this->assertDoesNotMatchRegularExpression( '/WordPress database error|SQL syntax|PHP [A-Za-z ]+:.*ai-failover/i', $text, "$file: " . substr( $text, 0, 500 ) );
		}
		$this->assertSame( 200, Site::admin( 'GET', '/ai-failover/v1/events?per_page=1' )['status'], 'The event table is still there.' );
	}
}
