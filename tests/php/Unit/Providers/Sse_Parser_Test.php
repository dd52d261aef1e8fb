<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Providers;

use AI_Failover\Providers\Sse_Parser;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * @covers \AI_Failover\Providers\Sse_Parser
 */
final class Sse_Parser_Test extends TestCase {

	public function test_parses_events_names_multiline_data_comments_and_crlf(): void {
		$events = Sse_Parser::parse( ": ping\r\n\r\nevent: message_start\r\ndata: {\"a\":1}\r\n\r\ndata: line one\ndata: line two\n\ndata: [DONE]\n\n" );

		$this->assertSame(
			array(
				array(
					'event' => 'message_start',
					'data'  => '{"a":1}',
				),
				array(
					'event' => 'message',
					'data'  => "line one\nline two",
				),
				array(
					'event' => 'message',
					'data'  => '[DONE]',
				),
			),
			$events
		);
	}

	public function test_an_unterminated_last_event_is_dropped(): void {
		$events = Sse_Parser::parse( "data: {\"complete\":true}\n\ndata: {\"half\":" );
		$this->assertCount( 1, $events );
		$this->assertSame( '{"complete":true}', $events[0]['data'] );
	}

	public function test_empty_input(): void {
		$this->assertSame( array(), Sse_Parser::parse( '' ) );
	}
}
