<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Provenance;

use AI_Failover\Provenance\Content_Writer;
use AI_Failover\Provenance\Provenance_Meta;
use AI_Failover\Provenance\Provenance_Privacy;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Tests\Integration\Test_Case;
use AI_Failover\Workflows\Write_Node;

/**
 * The provenance meta inside WordPress (run on 6.1 and 6.6 by npm test): it follows revisions
 * both ways (6.4+ through wp_post_revision_meta_keys, older versions through the explicit copy),
 * and the personal-data exporter and eraser find it by the user it names.
 *
 * @covers \AI_Failover\Provenance\Provenance_Meta
 * @covers \AI_Failover\Provenance\Provenance_Privacy
 * @covers \AI_Failover\Provenance\Content_Writer
 */
final class Provenance_Meta_Test extends Test_Case {

	private Provenance_Meta $meta;

	private int $editor = 0;

	protected function set_up(): void {
		parent::set_up();
		$this->meta   = new Provenance_Meta( new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ) );
		$this->editor = $this->create_user( 'editor' );
	}

	/**
	 * @param string $field What was written.
	 * @return array<string, mixed>
	 */
	private function entry( string $field ): array {
		return array(
			'workflow_id'    => 9,
			'workflow_title' => 'Summaries',
			'run_id'         => '0123456789abcdef',
			'engine_run_id'  => 'run_1',
			'step'           => 'draft',
			'step_label'     => 'Draft',
			'served_step'    => 'draft',
			'field'          => $field,
			'provider_id'    => 'simulator',
			'provider'       => 'Simulator',
			'model'          => 'sim-echo',
			'fallback'       => false,
			'degraded'       => false,
			'reason_class'   => '',
			'written_at'     => '2026-12-01T10:00:00Z',
			'user_id'        => $this->editor,
		);
	}

	private function writer_update( int $post_id, string $field, string $value ): void {
		$result = ( new Content_Writer( $this->meta ) )->write( new Write_Node( Write_Node::UPDATE_POST, 'draft', $field, (string) $post_id, '', 'post', '' ), $post_id, $value, '', $this->entry( $field ), $this->editor );
		$this->assertTrue( $result->ok(), $result->message );
	}

	public function test_revisions_keep_the_provenance_of_their_content_and_restoring_one_restores_it(): void {
		$post = wp_insert_post(
			array(
				'post_title'   => 'Human title',
				'post_content' => 'Human content',
				'post_status'  => 'publish',
				'post_author'  => $this->editor,
			)
		);
		$this->assertIsInt( $post );
		wp_save_post_revision( $post );
		$human = array_key_first( wp_get_post_revisions( $post ) );

		$this->writer_update( $post, 'content', 'AI content' );
		$this->assertSame( 'AI content', get_post( $post )->post_content );
		$this->assertCount( 1, $this->meta->entries( $post ) );
		$ai = array_key_first( wp_get_post_revisions( $post ) );
		$this->assertNotSame( $human, $ai, 'the AI write made a revision' );
		$this->assertSame( $this->meta->entries( $post ), get_metadata( 'post', $ai, Provenance_Meta::KEY, true ), 'the revision of the AI content carries its provenance' );

		// A person edits later: the provenance stays on the post and goes into the new revision.
		wp_update_post(
			array(
				'ID'           => $post,
				'post_content' => 'AI content, edited by a person',
			)
		);
		$this->assertCount( 1, $this->meta->entries( $post ) );
		$latest = array_key_first( wp_get_post_revisions( $post ) );
		$this->assertCount( 1, (array) get_metadata( 'post', $latest, Provenance_Meta::KEY, true ) );

		wp_restore_post_revision( $human );
		$this->assertSame( 'Human content', get_post( $post )->post_content );
		$this->assertSame( array(), $this->meta->entries( $post ), 'restoring the human revision restores its (empty) provenance' );

		wp_restore_post_revision( $ai );
		$this->assertSame( 'AI content', get_post( $post )->post_content );
		$this->assertSame( 'content', $this->meta->entries( $post )[0]['field'] ?? null, 'restoring the AI revision restores its provenance' );
	}

	public function test_the_exporter_lists_the_entries_naming_the_user_and_the_eraser_detaches_them(): void {
		$post  = (int) wp_insert_post(
			array(
				'post_title'  => 'Exported',
				'post_status' => 'draft',
			)
		);
		$other = (int) wp_insert_post(
			array(
				'post_title'  => 'Not theirs',
				'post_status' => 'draft',
			)
		);
		$this->writer_update( $post, 'excerpt', 'AI excerpt' );
		$this->writer_update( $post, 'title', 'AI title' );
		$stranger            = $this->entry( 'content' );
		$stranger['user_id'] = $this->create_user( 'administrator' );
		$this->meta->append( $other, $stranger );

		$exporters = apply_filters( 'wp_privacy_personal_data_exporters', array() );
		$this->assertArrayHasKey( Provenance_Privacy::ID, $exporters, 'registered with WordPress' );
		$email  = get_userdata( $this->editor )->user_email;
		$export = call_user_func( $exporters[ Provenance_Privacy::ID ]['callback'], $email, 1 );
		$this->assertTrue( $export['done'] );
		$this->assertCount( 2, $export['data'], 'both entries of the post, none of the other user' );
		$values = array_column( $export['data'][0]['data'], 'value', 'name' );
		$this->assertSame( 'excerpt', $values['Written'] );
		$this->assertSame( 'Simulator/sim-echo', $values['Served by'] );
		$this->assertSame( 'Summaries (#9)', $values['Workflow'] );
		$this->assertStringContainsString( '(#' . $post . ')', $values['Post'] );

		$erasers = apply_filters( 'wp_privacy_personal_data_erasers', array() );
		$erased  = call_user_func( $erasers[ Provenance_Privacy::ID ]['callback'], $email, 1 );
		$this->assertTrue( $erased['items_removed'] );
		$this->assertTrue( $erased['done'] );
		$this->assertSame( array( 0, 0 ), array_column( $this->meta->entries( $post ), 'user_id' ), 'the user is detached' );
		$this->assertSame( 'sim-echo', $this->meta->entries( $post )[0]['model'], 'which model wrote it stays' );
		$this->assertSame( array(), call_user_func( $exporters[ Provenance_Privacy::ID ]['callback'], $email, 1 )['data'] );
		$this->assertSame( (int) $stranger['user_id'], $this->meta->entries( $other )[0]['user_id'], 'other users keep theirs' );
	}

	public function test_the_plugin_writes_only_what_its_user_may_and_never_its_own_keys(): void {
		$author = $this->create_user( 'author' );
		$post   = (int) wp_insert_post(
			array(
				'post_title'  => 'Someone else\'s',
				'post_status' => 'publish',
				'post_author' => $this->editor,
			)
		);
		$writer = new Content_Writer( $this->meta );
		$result = $writer->write( new Write_Node( Write_Node::UPDATE_POST, 'draft', 'content', (string) $post, '', 'post', '' ), $post, 'x', '', $this->entry( 'content' ), $author );
		$this->assertSame( 403, $result->status );
		$this->assertSame( array(), $this->meta->entries( $post ) );
		$draft = $writer->write( new Write_Node( Write_Node::CREATE_DRAFT, 'draft', 'content', '', '', 'post', '' ), 0, '<script>alert(1)</script><p>Safe</p>', '<b>Title</b>', $this->entry( 'content' ), $author );
		$this->assertTrue( $draft->ok() );
		$this->assertSame( '<p>Safe</p>', trim( str_replace( 'alert(1)', '', get_post( $draft->post_id )->post_content ) ) );
		$this->assertSame( 'Title', get_post( $draft->post_id )->post_title );
		$this->assertSame( $author, (int) get_post( $draft->post_id )->post_author );
		$this->assertSame( 'draft', get_post( $draft->post_id )->post_status );
		$this->assertFalse( Content_Writer::is_writing() );
	}
}
