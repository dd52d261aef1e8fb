/**
 * Narrow declarations of the WordPress packages the provenance panel uses
 * that are not installed here (no types on npm for this version set). The
 * build maps them to the `wp.plugins`, `wp.editor` and `wp.editPost` globals
 * (dependency extraction), so only their shapes are needed.
 */

declare module '@wordpress/plugins' {
	import type { ComponentType } from 'react';

	export function registerPlugin(
		name: string,
		settings: { render: ComponentType; icon?: unknown }
	): unknown;
}

declare module '@wordpress/edit-post' {
	import type { ComponentType, ReactNode } from 'react';

	export const PluginDocumentSettingPanel: ComponentType< {
		name: string;
		title: string;
		className?: string;
		children?: ReactNode;
	} >;
}

declare module '@wordpress/editor' {
	import type { ComponentType, ReactNode } from 'react';

	/** WordPress 6.6+; undefined on 6.1, where edit-post has it. */
	export const PluginDocumentSettingPanel:
		| ComponentType< {
				name: string;
				title: string;
				className?: string;
				children?: ReactNode;
		  } >
		| undefined;
}
