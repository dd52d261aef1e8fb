/**
 * WordPress dependencies
 */
import { Notice } from '@wordpress/components';

/**
 * Internal dependencies
 */
import type { ApiError } from '../../../../api/errors';

/**
 * A refused run request: its message and the field errors that are not the
 * prompt's (those are shown under the prompt).
 *
 * @param props       Props.
 * @param props.error The request's error.
 */
export function RequestErrorSection( { error }: { error: ApiError } ) {
	const otherFieldErrors = Array.from(
		new Set(
			Object.entries( error.fieldErrors )
				.filter( ( [ field ] ) => ! field.startsWith( 'messages' ) )
				.map( ( [ , message ] ) => message )
		)
	);
	return (
		<Notice
			className="aifo-feature-run__request-error"
			status="error"
			isDismissible={ false }
		>
			<p>{ error.message }</p>
			{ otherFieldErrors.length > 0 && (
				<ul className="aifo-feature-run__field-errors">
					{ otherFieldErrors.map( ( message ) => (
						<li key={ message }>{ message }</li>
					) ) }
				</ul>
			) }
		</Notice>
	);
}
