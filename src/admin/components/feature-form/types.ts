/**
 * Internal dependencies
 */
import type { FieldErrors } from '../../../api/errors';
import type { UseFeatureForm } from '../../hooks/use-feature-form';

/**
 * What every section of the feature form gets: the values, the way to
 * change them, and the field errors with their element ids.
 */
export type SectionProps = {
	form: UseFeatureForm[ 'form' ];
	update: UseFeatureForm[ 'update' ];
	fieldErrors: FieldErrors;
	/** Unique prefix for element ids of this form. */
	prefix: string;
	/** Element id of a field's error, by field-error key. */
	errorId: ( path: string ) => string;
};
