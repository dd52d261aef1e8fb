/**
 * WordPress dependencies
 */
import { Button, SelectControl, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../lib/control-size';
import { SavedViewSchema, type SavedView, type ViewState } from '../../view';

type Props = {
	views: SavedView[];
	view: ViewState;
	/** Whether the current view is valid (only valid views are saved). */
	canSave: boolean;
	onApply: ( view: SavedView ) => void;
	onChange: ( views: SavedView[] ) => void;
};

/**
 * Named views (filters, sort, page size and columns) kept in this browser.
 *
 * @param props          Props.
 * @param props.views    Saved views.
 * @param props.view     Current view.
 * @param props.canSave  Whether the current view may be saved.
 * @param props.onApply  Receives the view to show.
 * @param props.onChange Receives the new list of views.
 */
export function SavedViews( {
	views,
	view,
	canSave,
	onApply,
	onChange,
}: Props ) {
	const [ selected, setSelected ] = useState( '' );
	const [ name, setName ] = useState( '' );
	const trimmed = name.trim();

	const save = () => {
		const entry = SavedViewSchema.safeParse( {
			name: trimmed,
			filters: view.filters,
			sort: view.sort,
			perPage: view.perPage,
			columns: view.columns,
		} );
		if ( ! entry.success ) {
			return;
		}
		onChange( [
			...views.filter( ( saved ) => saved.name !== entry.data.name ),
			entry.data,
		] );
		setSelected( entry.data.name );
		setName( '' );
	};

	const remove = () => {
		onChange( views.filter( ( saved ) => saved.name !== selected ) );
		setSelected( '' );
	};

	return (
		<div className="aifo-saved-views">
			{ views.length > 0 && (
				<div className="aifo-saved-views__choose">
					<SelectControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Saved view', 'ai-failover' ) }
						value={ selected }
						options={ [
							{
								value: '',
								label: __( 'Choose…', 'ai-failover' ),
							},
							...views.map( ( saved ) => ( {
								value: saved.name,
								label: saved.name,
							} ) ),
						] }
						onChange={ ( value: string ) => {
							setSelected( value );
							const saved = views.find(
								( candidate ) => candidate.name === value
							);
							if ( saved ) {
								onApply( saved );
							}
						} }
					/>
					{ selected !== '' && (
						<Button
							variant="tertiary"
							isDestructive
							onClick={ remove }
						>
							{ sprintf(
								/* translators: %s: name of a saved view. */
								__( 'Delete "%s"', 'ai-failover' ),
								selected
							) }
						</Button>
					) }
				</div>
			) }
			<form
				className="aifo-saved-views__save"
				onSubmit={ ( event ) => {
					event.preventDefault();
					save();
				} }
			>
				<TextControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Save this view as', 'ai-failover' ) }
					value={ name }
					maxLength={ 60 }
					onChange={ ( value: string ) => setName( value ) }
				/>
				<Button
					variant="secondary"
					type="submit"
					disabled={ trimmed === '' || ! canSave }
				>
					{ __( 'Save view', 'ai-failover' ) }
				</Button>
			</form>
		</div>
	);
}
