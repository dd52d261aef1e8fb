/**
 * WordPress dependencies
 */
import { Button, CheckboxControl, Dropdown } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { EventField, EventFieldId } from '../../fields';

type Props = {
	fields: EventField[];
	columns: EventFieldId[];
	onChange: ( columns: EventFieldId[] ) => void;
};

/**
 * A "Columns" dropdown with one checkbox per column that can be hidden.
 * Columns keep the fields' order whatever the order of the clicks.
 *
 * @param props          Props.
 * @param props.fields   Every field.
 * @param props.columns  Visible field ids.
 * @param props.onChange Receives the visible field ids.
 */
export function ColumnPicker( { fields, columns, onChange }: Props ) {
	const toggle = ( id: EventFieldId, isVisible: boolean ) => {
		onChange(
			fields
				.map( ( field ) => field.id )
				.filter( ( fieldId ) =>
					fieldId === id ? isVisible : columns.includes( fieldId )
				)
		);
	};
	return (
		<Dropdown
			className="aifo-column-picker"
			contentClassName="aifo-column-picker__content"
			renderToggle={ ( { isOpen, onToggle } ) => (
				<Button
					variant="secondary"
					aria-expanded={ isOpen }
					onClick={ onToggle }
				>
					{ __( 'Columns', 'ai-failover' ) }
				</Button>
			) }
			renderContent={ () => (
				<fieldset className="aifo-column-picker__list">
					<legend className="screen-reader-text">
						{ __( 'Visible columns', 'ai-failover' ) }
					</legend>
					{ fields
						.filter( ( field ) => field.enableHiding )
						.map( ( field ) => (
							<CheckboxControl
								key={ field.id }
								__nextHasNoMarginBottom
								label={ field.label }
								checked={ columns.includes( field.id ) }
								onChange={ ( isChecked: boolean ) =>
									toggle( field.id, isChecked )
								}
							/>
						) ) }
				</fieldset>
			) }
		/>
	);
}
