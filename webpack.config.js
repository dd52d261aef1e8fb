/**
 * Webpack config: @wordpress/scripts' defaults plus the admin screen entry.
 *
 * `npm run build` runs `wp-scripts build --webpack-src-dir=blocks`, so block
 * entries are discovered from blocks/<name>/block.json and land in
 * build/<name>/. Once a block.json exists, wp-scripts discovers nothing else,
 * so the admin screen entry is added by hand (build/admin/index.js).
 */

/**
 * WordPress dependencies
 */
const DependencyExtractionWebpackPlugin = require( '@wordpress/dependency-extraction-webpack-plugin' );
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );

/**
 * Requests bundled instead of mapped to a WordPress script handle.
 *
 * The `react-jsx-runtime` handle only exists since WordPress 6.6, and the
 * plugin must run on WordPress 6.1 (Debian). Bundling the JSX runtime costs
 * about 1 KB and keeps `react-jsx-runtime` out of every *.asset.php file.
 */
const BUNDLED_REQUESTS = new Set( [
	'react/jsx-runtime',
	'react/jsx-dev-runtime',
] );

module.exports = {
	...defaultConfig,
	entry: async () => ( {
		...( await defaultConfig.entry() ),
		'admin/index': './src/admin/index.tsx',
		'diagnostics/index': './src/diagnostics/index.tsx',
		'provenance/index': './src/provenance/index.tsx',
		'queue/index': './src/queue/index.tsx',
	} ),
	plugins: [
		...defaultConfig.plugins.filter(
			( plugin ) =>
				plugin.constructor.name !== 'DependencyExtractionWebpackPlugin'
		),
		new DependencyExtractionWebpackPlugin( {
			// `null` (not `undefined`) skips the default mapping; a falsy
			// result means "do not externalize", so webpack bundles it.
			requestToExternal: ( request ) =>
				BUNDLED_REQUESTS.has( request ) ? null : undefined,
		} ),
	],
};
