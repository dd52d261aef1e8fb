/**
 * Template references: `{{input.<name>}}`, `{{steps.<id>.output}}`, in a
 * failure branch `{{error.<field>}}`, and the post of an on-publish run
 * (`{{post.title}}`, `{{post.meta.<key>}}`; empty on other runs). Whitespace
 * inside the braces is allowed (`{{ input.topic }}`).
 *
 * @see \AI_Failover\Workflows\Template
 */

/** Fields of the typed error a failure branch receives. */
export const ERROR_FIELDS = [
	'class',
	'status',
	'provider',
	'model',
	'message',
	'attempts',
	'retry_after',
] as const;

export type ErrorField = ( typeof ERROR_FIELDS )[ number ];

/** Fields of the post an on-publish trigger passes (`{{post.<field>}}`). */
export const POST_FIELDS = [
	'id',
	'title',
	'content',
	'excerpt',
	'type',
	'status',
	'url',
] as const;

/** One `{{ ... }}` in a template, as written and as understood. */
export type TemplateReference =
	| { kind: 'input'; name: string; raw: string }
	| { kind: 'step'; stepId: string; raw: string }
	| { kind: 'error'; field: ErrorField; raw: string }
	| { kind: 'post'; field: string; raw: string }
	| { kind: 'unknown'; raw: string };

const BRACES = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = '[a-z][a-z0-9_]{0,39}';
const INPUT = new RegExp( `^input\\.(${ NAME })$` );
const STEP = new RegExp( `^steps\\.(${ NAME })\\.output$` );
const ERROR = /^error\.([a-z_]+)$/;
const POST = new RegExp(
	`^post\\.(${ POST_FIELDS.join( '|' ) }|meta\\.[A-Za-z0-9_-]{1,100})$`
);

const isErrorField = ( field: string ): field is ErrorField =>
	( ERROR_FIELDS as readonly string[] ).includes( field );

/**
 * Every reference in a template, in order of appearance (duplicates kept).
 *
 * @param template Template text.
 * @return References.
 */
export function parseTemplate( template: string ): TemplateReference[] {
	const references: TemplateReference[] = [];
	for ( const match of template.matchAll( BRACES ) ) {
		const raw = ( match[ 1 ] ?? '' ).trim();
		const input = INPUT.exec( raw );
		const step = STEP.exec( raw );
		const error = ERROR.exec( raw );
		const post = POST.exec( raw );
		if ( input?.[ 1 ] ) {
			references.push( { kind: 'input', name: input[ 1 ], raw } );
		} else if ( step?.[ 1 ] ) {
			references.push( { kind: 'step', stepId: step[ 1 ], raw } );
		} else if ( error?.[ 1 ] && isErrorField( error[ 1 ] ) ) {
			references.push( { kind: 'error', field: error[ 1 ], raw } );
		} else if ( post?.[ 1 ] ) {
			references.push( { kind: 'post', field: post[ 1 ], raw } );
		} else {
			references.push( { kind: 'unknown', raw } );
		}
	}
	return references;
}

/**
 * The variable a reference names, as it is written between braces in a
 * canonical template (`input.topic`, `steps.draft.output`, `error.class`).
 *
 * @param reference Parsed reference.
 * @return Variable.
 */
export function variableOf( reference: TemplateReference ): string {
	switch ( reference.kind ) {
		case 'input':
			return `input.${ reference.name }`;
		case 'step':
			return `steps.${ reference.stepId }.output`;
		case 'error':
			return `error.${ reference.field }`;
		case 'post':
			return `post.${ reference.field }`;
		default:
			return reference.raw;
	}
}
