<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Queue;

use AI_Failover\Queue\Feature_Job_Handler;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * @covers \AI_Failover\Queue\Feature_Job_Handler::queued_caller
 */
final class Feature_Job_Handler_Test extends TestCase {

	public function test_a_queued_run_names_the_queue_and_who_first_asked(): void {
		$this->assertSame( 'queue:rest', Feature_Job_Handler::queued_caller( 'rest' ) );
		$this->assertSame( 'queue:php', Feature_Job_Handler::queued_caller( 'php' ) );
		$this->assertSame( 'queue:php', Feature_Job_Handler::queued_caller( '' ), 'aifo_run() without a caller is php' );
		$this->assertSame( 'queue:rest', Feature_Job_Handler::queued_caller( 'queue:rest' ), 'never queue:queue:' );
		$this->assertSame( 'queue:a-long-plu', Feature_Job_Handler::queued_caller( 'a-long-plugin-caller' ), 'cut to the log column' );
	}
}
