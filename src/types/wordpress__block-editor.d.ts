// Minimal local types for @wordpress/block-editor: the package ships no .d.ts.
// `@types/wordpress__block-editor` would add ~164 MB of nested old packages.
// Extend this file as blocks start using more of the package.
declare module '@wordpress/block-editor' {
	import type { ComponentType, ReactNode, HTMLAttributes } from 'react';

	type Template = Array< [ string, Record< string, unknown >?, Template? ] >;

	export interface InnerBlocksProps {
		allowedBlocks?: string[] | boolean;
		template?: Template;
		templateLock?: 'all' | 'insert' | 'contentOnly' | false;
		orientation?: 'horizontal' | 'vertical';
		renderAppender?: ComponentType | false;
	}

	export const InnerBlocks: ComponentType< InnerBlocksProps > & {
		Content: ComponentType;
		ButtonBlockAppender: ComponentType;
		DefaultBlockAppender: ComponentType;
	};

	export const InspectorControls: ComponentType< {
		children?: ReactNode;
		group?: 'default' | 'settings' | 'styles' | 'advanced';
	} >;

	type BlockProps = HTMLAttributes< HTMLElement > & Record< string, unknown >;

	export function useBlockProps( props?: BlockProps ): BlockProps;
	export namespace useBlockProps {
		function save( props?: BlockProps ): BlockProps;
	}

	export function useInnerBlocksProps(
		props?: BlockProps,
		options?: InnerBlocksProps
	): BlockProps & { children: ReactNode };
}
