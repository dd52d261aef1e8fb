/**
 * WordPress dependencies
 */
import {
	createBlock,
	getBlockType,
	getSaveContent,
	registerBlockType,
	unregisterBlockType,
} from '@wordpress/blocks';

/**
 * Internal dependencies
 */
import metadata from '../block.json';

const STEP = 'aifo-test/step';

describe( 'ai-failover/workflow', () => {
	beforeAll( async () => {
		registerBlockType( STEP, {
			apiVersion: 3,
			title: 'Test step',
			attributes: {},
			category: 'widgets',
			edit: () => null,
			save: () => 'step',
		} );
		// Registers the block as the editor script does.
		await import( '..' );
	} );

	afterAll( () => {
		unregisterBlockType( metadata.name );
		unregisterBlockType( STEP );
	} );

	it( 'should register from block.json', () => {
		expect( getBlockType( metadata.name ) ).toMatchObject( {
			name: 'ai-failover/workflow',
			apiVersion: 3,
			title: 'AI workflow',
			attributes: { label: { type: 'string', default: '' } },
			supports: { html: false },
		} );
	} );

	it( 'should save the label as a data attribute around the steps', () => {
		const inner = [ createBlock( STEP ) ];

		expect(
			getSaveContent( metadata.name, { label: 'Digest' }, inner )
		).toBe(
			'<div class="wp-block-ai-failover-workflow aifo-workflow" data-label="Digest"><!-- wp:aifo-test/step -->\nstep\n<!-- /wp:aifo-test/step --></div>'
		);
	} );

	it( 'should omit the data attribute without a label', () => {
		expect( getSaveContent( metadata.name, { label: '' }, [] ) ).toBe(
			'<div class="wp-block-ai-failover-workflow aifo-workflow"></div>'
		);
	} );
} );
