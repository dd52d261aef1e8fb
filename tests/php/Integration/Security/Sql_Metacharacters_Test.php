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
		$reached  = array();

		foreach ( self::ROUTES as $route ) {
			$this->assertArrayHasKey( $route, $index['routes'], "$route is in the REST index." );
			$schemas = (array) $index['routes'][ $route ]['endpoints'][0]['args'];
			unset( $schemas['context'] );
			$free  = array_keys( array_filter( $schemas, static fn( array $schema ): bool => ! isset( $schema['enum'] ) && ! isset( $schema['pattern'] ) && 'string' === ( $schema['type'] ?? 'string' ) ) );
			$typed = array_diff( array_keys( $schemas ), $free );
			$cases = array();
			foreach ( self::PAYLOADS as $payload ) {
				$cases[] = array_fill_keys( $free, $payload );
			}
			foreach ( self::TYPED_PAYLOADS as $payload ) {
				$cases[] = array_fill_keys( $typed, $payload );
			}
			$cases[] = array_fill_keys( array_keys( $schemas ), array( "'", 'x' ) ); // Each as an array.
			foreach ( $cases as $query ) {
				// Every filter at once; those WordPress refuses (named in the 400) are dropped and the
				// rest sent again, until the query runs: each filter either refused or reached SQL.
				while ( $query ) {
					$sent     = $route . '?' . http_build_query( $query );
					$response = Site::admin( 'GET', $sent );
					if ( 200 === $response['status'] ) {
						$reached += array_fill_keys( array_map( static fn( string $arg ): string => "$route $arg", array_keys( $query ) ), true );
						if ( preg_match( '/\$(P|wp)\$|\$2y\$/', $response['raw'] ) ) {
							$failures[] = "$sent returned a password hash.";
						}
						break;
					}
					$refused = array_keys( (array) ( $response['body']['data']['params'] ?? array() ) );
					if ( 400 !== $response['status'] || ! array_intersect( $refused, array_keys( $query ) ) ) {
						$failures[] = "$sent: {$response['status']} " . substr( $response['raw'], 0, 300 );
						break;
					}
					$query = array_diff_key( $query, array_flip( $refused ) );
				}
			}
		}
		$this->assertSame( array(), $failures );
		$this->assertContains( '/ai-failover/v1/events search', array_keys( $reached ), 'Free-text filters reached the query.' );

		foreach ( $logs->appended() as $file => $text ) {
			$this->assertDoesNotMatchRegularExpression( '/WordPress database error|SQL syntax|PHP [A-Za-z ]+:.*ai-failover/i', $text, "$file: " . substr( $text, 0, 500 ) );
		}
		$this->assertSame( 200, Site::admin( 'GET', '/ai-failover/v1/events?per_page=1' )['status'], 'The event table is still there.' );
	}
}
