/**
 * External dependencies
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';

export const ADMIN_USER = process.env.WP_ADMIN_USER || 'admin';
export const ADMIN_PASS = process.env.WP_ADMIN_PASS || 'password';

/**
 * Logs in through the wp-login.php form, unless already logged in.
 *
 * @param page Page.
 */
export async function login( page: Page ): Promise< void > {
	await page.goto( '/wp-login.php' );
	if ( page.url().includes( '/wp-admin' ) ) {
		return;
	}
	await page.locator( '#user_login' ).fill( ADMIN_USER );
	await page.locator( '#user_pass' ).fill( ADMIN_PASS );
	await Promise.all( [
		page.waitForURL( /\/wp-admin\/?/ ),
		page.locator( '#wp-submit' ).click(),
	] );
}

/**
 * Console messages WordPress itself logs on its own screens with this plugin
 * inactive (checked on the block editor), so they say nothing about the
 * plugin.
 */
const WORDPRESS_OWN_MESSAGES: Array< { text: RegExp; url: RegExp } > = [
	// 6.6-RC3 with SCRIPT_DEBUG (not 6.4 or 6.5): its wp.element holds the
	// production react-dom/client shim, which calls the development
	// ReactDOM.createRoot without the flag the development shim sets, so every
	// wp.element.createRoot() call logs this, the block editor's own included.
	{
		text: /You are importing createRoot from "react-dom" which is not supported/,
		url: /\/react-dom\/cjs\/react-dom\.development\.js/,
	},
	// 7.0-beta5's block editor, from a selector of its own (key clientIds).
	{
		text: /The `useSelect` hook returns different values[\s\S]*\bclientIds\b/,
		url: /\/wp-includes\/js\/dist\/data(\.min)?\.js/,
	},
];

/**
 * Console errors and warnings and uncaught page errors, collected from when
 * `watch()` is called. Failed requests to hosts other than the site
 * (net::ERR_*: no internet here) and WordPress's own messages are ignored.
 * Warnings count because WordPress reports deprecations (wp.deprecated) and
 * React its development warnings with them.
 */
export class PageErrors {
	readonly messages: string[] = [];
	private readonly expected: Array< { text: RegExp; url: RegExp } > = [];

	constructor(
		private readonly page: Page,
		private readonly baseURL: string
	) {}

	watch(): this {
		const siteHost = new URL( this.baseURL ).host;
		this.page.on( 'console', ( message ) => {
			const type = message.type();
			if ( type !== 'error' && type !== 'warning' ) {
				return;
			}
			const text = message.text();
			const url = message.location().url;
			const isExternal =
				!! url &&
				/^https?:/.test( url ) &&
				new URL( url ).host !== siteHost;
			if ( text.includes( 'net::ERR_' ) && isExternal ) {
				return;
			}
			if (
				[ ...WORDPRESS_OWN_MESSAGES, ...this.expected ].some(
					( rule ) =>
						rule.text.test( text ) &&
						rule.url.test( decodeURIComponent( url ) )
				)
			) {
				return;
			}
			this.messages.push(
				`console.${ type }: ${ text }${ url ? ` (${ url })` : '' }`
			);
		} );
		this.page.on( 'pageerror', ( error ) => {
			this.messages.push( `pageerror: ${ error.message }` );
		} );
		return this;
	}

	/**
	 * Ignores console errors a test provokes on purpose, such as Chromium's
	 * "Failed to load resource: ... 400" for a rejected REST request.
	 *
	 * @param text Pattern for the message.
	 * @param url  Pattern for the (decoded) source URL.
	 * @return This, for chaining.
	 */
	expect( text: RegExp, url: RegExp ): this {
		this.expected.push( { text, url } );
		return this;
	}
}

/**
 * This plugin's files by real path (the rig symlinks the plugin into
 * wp-content/plugins, so PHP reports /work/main/includes/..., not
 * plugins/ai-failover/...), leaving out the rig's own WordPress copy in .rig/.
 */
const PLUGIN_PATH = new RegExp(
	resolve( __dirname, '../../..' ).replace( /[.*+?^${}()|[\]\\]/g, '\\$&' ) +
		'/(?!\\.rig/)'
);

/**
 * Lines of the WordPress debug log (env WP_DEBUG_LOG_FILE) that point at this
 * plugin: `plugins/ai-failover`, or the plugin's real path. Empty when the
 * variable is unset or the file is missing.
 *
 * @return Matching lines.
 */
export function pluginDebugLogLines(): string[] {
	const file = process.env.WP_DEBUG_LOG_FILE;
	if ( ! file || ! existsSync( file ) ) {
		return [];
	}
	return readFileSync( file, 'utf8' )
		.split( '\n' )
		.filter(
			( line ) =>
				line.includes( 'plugins/ai-failover' ) ||
				PLUGIN_PATH.test( line )
		);
}

type ApiFetchGlobal = {
	wp?: { apiFetch?: { nonceMiddleware?: { nonce?: string } } };
};

/**
 * A REST call with the logged-in admin's cookie and the REST nonce of the
 * current admin page (wp.apiFetch's nonce middleware), through page.request:
 * unlike wp.apiFetch inside the page, an error status here leaves no console
 * error behind.
 *
 * @param page   Page showing a wp-admin screen that loads wp-api-fetch.
 * @param method HTTP method.
 * @param route  Route below /wp-json, such as /ai-failover/v1/features/x.
 * @param data   JSON body.
 * @return Status and decoded body.
 */
export async function rest(
	page: Page,
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
	route: string,
	data?: unknown
): Promise< { status: number; body: unknown } > {
	await page.waitForFunction(
		() =>
			!! ( window as unknown as ApiFetchGlobal ).wp?.apiFetch
				?.nonceMiddleware?.nonce
	);
	const nonce = await page.evaluate(
		() =>
			( window as unknown as ApiFetchGlobal ).wp?.apiFetch
				?.nonceMiddleware?.nonce ?? ''
	);
	const response = await page.request.fetch(
		new URL( `/wp-json${ route }`, page.url() ).toString(),
		{
			method,
			headers: { 'X-WP-Nonce': nonce },
			...( data === undefined ? {} : { data } ),
		}
	);
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse( text );
	} catch {
		// Not JSON: keep the text.
	}
	return { status: response.status(), body };
}
