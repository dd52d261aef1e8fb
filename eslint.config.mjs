/**
 * ESLint flat config (ESLint 9), read by `wp-scripts lint-js`.
 *
 * Starts from @wordpress/scripts' default config (the WordPress recommended
 * rules with TypeScript, Prettier and JSDoc support) and adds the project
 * rules: text domain, import groups, and the API boundary.
 */

/**
 * External dependencies
 */
import { createRequire } from 'node:module';

const require = createRequire( import.meta.url );

/**
 * WordPress dependencies
 */
const wpScriptsConfig = require( '@wordpress/scripts/config/eslint.config.cjs' );
const wpPlugin = require( '@wordpress/eslint-plugin' );

/**
 * Restricted imports shared by every source file.
 */
const restrictedImportPaths = [
	{
		name: 'lodash',
		message: 'Use native JavaScript instead of lodash.',
	},
	{
		name: '@wordpress/api-fetch',
		message:
			'Only modules in src/api/ may call apiFetch; import a typed function from src/api instead.',
	},
];

const restrictedImportPatterns = [
	{
		group: [ '@wordpress/*/*' ],
		message: 'Import from the package root, not from a deep path.',
	},
];

export default [
	{
		ignores: [
			'build/**',
			'artifacts/**',
			'vendor/**',
			'.rig/**',
			'node_modules/**',
		],
	},
	...wpScriptsConfig,
	{
		rules: {
			'@wordpress/i18n-text-domain': [
				'error',
				{ allowedTextDomain: 'ai-failover' },
			],
			'@wordpress/dependency-group': 'error',
			'no-restricted-imports': [
				'error',
				{
					paths: restrictedImportPaths,
					patterns: restrictedImportPatterns,
				},
			],
		},
	},
	{
		// The API boundary: the only place allowed to import apiFetch.
		files: [ 'src/api/**' ],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: restrictedImportPaths.filter(
						( { name } ) => name !== '@wordpress/api-fetch'
					),
					patterns: restrictedImportPatterns,
				},
			],
		},
	},
	// Jest rules for TypeScript tests too (the default only covers .js/.jsx).
	...wpPlugin.configs[ 'test-unit' ].map( ( config ) => ( {
		...config,
		files: [ '**/test/**/*.{ts,tsx}', '**/?(*.)test.{ts,tsx}' ],
	} ) ),
	...wpPlugin.configs[ 'test-playwright' ].map( ( config ) => ( {
		...config,
		files: [ 'tests/e2e/**/*.ts' ],
	} ) ),
	{
		// Node scripts and config files.
		files: [
			'src/schemas/export.ts',
			'*.config.{js,mjs,ts}',
			'eslint.config.mjs',
			'tests/e2e/**/*.ts',
		],
		rules: {
			'no-console': 'off',
		},
	},
];
