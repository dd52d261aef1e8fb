/**
 * Jest config for `wp-scripts test-unit-js` (picked up by file name): the
 * wp-scripts defaults, restricted to the source roots, plus a transform for
 * ESM-only dependencies.
 */

/**
 * WordPress dependencies
 */
const defaultConfig = require( '@wordpress/scripts/config/jest-unit.config.js' );

/**
 * ESM-only packages reached from @wordpress/{blocks,components,block-editor}:
 * babel turns them into CommonJS (Jest on Node 20 cannot require ESM).
 */
const ESM_PACKAGES = [
	'uuid',
	'marked',
	'lodash-es',
	'@ariakit',
	'@wordpress/theme',
	'@wordpress/vips',
	'@wordpress/video-conversion',
	'modern-tar',
	'comctx',
	'parsel-js',
];

const [ babelTransform ] = Object.values( defaultConfig.transform ?? {} );

module.exports = {
	...defaultConfig,
	rootDir: __dirname,
	// Do not crawl .rig/ (WordPress copies), vendor/ or build/.
	roots: [ '<rootDir>/src', '<rootDir>/blocks' ],
	transform: {
		...defaultConfig.transform,
		'\\.mjs$': babelTransform,
	},
	transformIgnorePatterns: [
		`/node_modules/(?!(${ ESM_PACKAGES.join( '|' ) })/)`,
	],
};
