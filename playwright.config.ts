/**
 * Playwright config for the e2e specs in tests/e2e/specs.
 *
 * No webServer: bin/test.sh starts the WordPress rig first and exports its
 * env (.rig/test/env.sh). Browsers come from Debian (apt-get install
 * chromium); never run `npx playwright install`.
 */

/**
 * External dependencies
 */
import { defineConfig, devices } from '@playwright/test';

export default defineConfig( {
	testDir: './tests/e2e/specs',
	testMatch: '**/*.spec.ts',
	fullyParallel: false,
	workers: 1, // 2-core machine; the specs share one site.
	retries: 0,
	forbidOnly: !! process.env.CI,
	reporter: [ [ 'list' ] ],
	outputDir: './artifacts/test-results',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL: process.env.WP_BASE_URL || 'http://127.0.0.1:8891',
		headless: true,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
	},
	projects: [
		{
			name: 'debian-chromium',
			use: {
				...devices[ 'Desktop Chrome' ],
				launchOptions: {
					executablePath:
						process.env.CHROMIUM_PATH || '/usr/bin/chromium',
					// Playwright adds its own temporary --user-data-dir and
					// rejects one in args.
					args: [
						'--headless',
						'--no-sandbox',
						'--disable-gpu',
						'--disable-quic',
						'--no-first-run',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
					],
				},
			},
		},
	],
} );
