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

	public function test_feeding_a_stream_in_any_pieces_gives_the_events_of_parsing_it_whole(): void {
		$stream = ": ping\r\n\r\nevent: message_start\r\ndata: {\"a\":1}\r\n\r\ndata: line one\ndata: line two\n\ndata: [DONE]\n\ndata: {\"half\":";
		$whole  = Sse_Parser::parse( $stream );

		for ( $size = 1; $size <= 9; $size++ ) {
			$parser = new Sse_Parser();
			$events = array();
			foreach ( str_split( $stream, $size ) as $piece ) {
				array_push( $events, ...$parser->feed( $piece ) );
			}
			$this->assertSame( $whole, $events, "Pieces of $size bytes (CRLF split included)." );
		}
	}

	public function test_an_event_is_returned_as_soon_as_its_blank_line_arrives(): void {
		$parser = new Sse_Parser();

		$this->assertSame( array(), $parser->feed( "data: one\n" ) );
		$this->assertSame(
			array(
				array(
					'event' => 'message',
					'data'  => 'one',
				),
			),
			$parser->feed( "\ndata: tw" )
		);
		$this->assertSame(
			array(
				array(
					'event' => 'message',
					'data'  => 'two',
				),
			),
			$parser->feed( "o\r\n\r\n" )
		);
	}
}
