/**
 * Internal dependencies
 */
import {
	cronProblem,
	readTriggers,
	TRIGGERS_META_KEY,
} from '../components/triggers-panel';
import { parseTemplate, variableOf } from '../templates';

describe( 'readTriggers', () => {
	it( 'should fill in the defaults when the workflow has no triggers yet', () => {
		expect( readTriggers( {} ) ).toEqual( {
			schedule: {
				enabled: false,
				recurrence: 'daily',
				cron: '0 0 * * *',
				input: {},
			},
			publish: {
				enabled: false,
				post_types: [ 'post' ],
				on_update: false,
			},
		} );
	} );

	it( 'should keep stored triggers and default only what is missing', () => {
		const triggers = readTriggers( {
			[ TRIGGERS_META_KEY ]: {
				publish: { enabled: true, post_types: [ 'page' ] },
			},
		} );
		expect( triggers.publish ).toEqual( {
			enabled: true,
			post_types: [ 'page' ],
			on_update: false,
		} );
		expect( triggers.schedule.enabled ).toBe( false );
	} );
} );

describe( 'cronProblem', () => {
	it.each( [ '0 * * * *', '*/15 8-18 * * 1-5', '30 6,18 1 3 7' ] )(
		'should accept %s',
		( cron ) => {
			expect( cronProblem( cron ) ).toBeNull();
		}
	);

	it.each( [
		'every hour',
		'0 * * *',
		'75 * * * *',
		'0 24 * * *',
		'*/0 * * * *',
	] )( 'should explain what is wrong with %s', ( cron ) => {
		expect( cronProblem( cron ) ).toEqual( expect.any( String ) );
	} );
} );

describe( 'post variables', () => {
	it( 'should read {{post.*}} fields and meta as post references', () => {
		const refs = parseTemplate(
			'{{post.title}} {{ post.meta.subtitle }} {{post.author}}'
		);
		expect( refs.map( ( ref ) => ref.kind ) ).toEqual( [
			'post',
			'post',
			'unknown',
		] );
		expect( refs.slice( 0, 2 ).map( variableOf ) ).toEqual( [
			'post.title',
			'post.meta.subtitle',
		] );
	} );
} );
