/**
 * External dependencies
 */
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const require = createRequire( __filename );

/** axe-core's browser build (node_modules/axe-core; no @axe-core/playwright here). */
const AXE_SOURCE = require.resolve( 'axe-core/axe.min.js' );

export type AxeViolation = {
	id: string;
	impact: string | null;
	help: string;
	nodes: string[];
};

/**
 * Runs axe on the page and returns its serious and critical violations,
 * each with the selectors of the nodes at fault, ready for a readable
 * `toEqual( [] )` diff.
 *
 * @param page    Page.
 * @param include CSS selector of the part to check; the whole page by default.
 * @param exclude CSS selectors left out (WordPress's own markup the plugin does not render).
 * @return Violations.
 */
export async function seriousViolations(
	page: Page,
	include = 'body',
	exclude: string[] = []
): Promise< AxeViolation[] > {
	if ( ! ( await page.evaluate( () => 'axe' in window ) ) ) {
		await page.addScriptTag( { path: AXE_SOURCE } );
	}
	return page.evaluate(
		async ( { scope, left } ) => {
			type AxeResult = {
				violations: Array< {
					id: string;
					impact: string | null;
					help: string;
					nodes: Array< { target: unknown[] } >;
				} >;
			};
			const axe = (
				window as unknown as {
					axe: {
						run: (
							context: unknown,
							options: unknown
						) => Promise< AxeResult >;
					};
				}
			 ).axe;
			const result = await axe.run(
				{ include: [ scope ], exclude: left.map( ( s ) => [ s ] ) },
				{ resultTypes: [ 'violations' ] }
			);
			return result.violations
				.filter(
					( v ) => v.impact === 'serious' || v.impact === 'critical'
				)
				.map( ( v ) => ( {
					id: v.id,
					impact: v.impact,
					help: v.help,
					nodes: v.nodes.map( ( n ) => n.target.join( ' ' ) ),
				} ) );
		},
		{ scope: include, left: exclude }
	);
}
