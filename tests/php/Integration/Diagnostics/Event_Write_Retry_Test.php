<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Diagnostics;

use AI_Failover\Diagnostics\Event_Repository;
use AI_Failover\Diagnostics\Event_Schema;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * A database that goes away while a run's events are written (the soak's restart found it): the
 * INSERT had committed, the connection died before MariaDB's answer arrived, and wpdb, seeing
 * "server has gone away", reconnected and ran the same INSERT again. Each attempt must be logged
 * once all the same.
 *
 * @covers \AI_Failover\Diagnostics\Event_Repository
 */
final class Event_Write_Retry_Test extends Test_Case {

	private string $run_id = '';

	protected function tear_down(): void {
		global $wpdb;
		// The statement below commits (it has to, to outlive its connection): clean up by hand.
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . Event_Schema::table() . ' WHERE run_id = %s', $this->run_id ) );
		parent::tear_down();
	}

	public function test_a_batch_that_wpdb_runs_again_after_a_lost_connection_is_stored_once(): void {
		global $wpdb;
		$this->run_id = substr( md5( uniqid( '', true ) ), 0, 16 );
		$rows         = array();
		foreach ( array( 'error', 'success' ) as $index => $outcome ) {
			$rows[] = array(
				'run_id'     => $this->run_id,
				'attempt'    => $index + 1,
				'created_at' => gmdate( 'Y-m-d H:i:s' ),
				'feature'    => 'soak',
				'route'      => 'p/m',
				'outcome'    => $outcome,
				'reason'     => 'x',
			);
		}
		$lost = false;
		add_filter(
			'query',
			static function ( string $query ) use ( &$lost, $wpdb ): string {
				if ( ! $lost && str_starts_with( $query, 'INSERT INTO ' . Event_Schema::table() ) ) {
					$lost = true;
					// phpcs:disable WordPress.DB.RestrictedFunctions.mysql_mysqli_query -- below wpdb, on its own connection, as MariaDB would behave.
					// The statement runs and commits on the server...
					mysqli_query( $wpdb->dbh, $query );
					mysqli_query( $wpdb->dbh, 'COMMIT' );
					// ...and the connection dies before wpdb reads the answer: wpdb gets "gone away".
					mysqli_query( $wpdb->dbh, 'KILL CONNECTION_ID()' );
					// phpcs:enable
				}
				return $query;
			}
		);

		$written = ( new Event_Repository() )->insert_many( $rows );

		$this->assertTrue( $lost, 'The connection was lost during the insert.' );
		$this->assertTrue( $written );
		$this->assertSame(
			array( '1', '2' ),
			$wpdb->get_col( $wpdb->prepare( 'SELECT attempt FROM ' . Event_Schema::table() . ' WHERE run_id = %s ORDER BY id', $this->run_id ) ),
			'Each attempt is logged once.'
		);
	}
}
