/**
 * WordPress dependencies
 */
import { Button } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { LogEvent } from '../../../schemas';
import { isSortable, type EventField } from '../../fields';
import type { Sort } from '../../view';

type Props = {
	events: LogEvent[];
	/** Visible fields, in order. */
	fields: EventField[];
	sort: Sort;
	onSort: ( sort: Sort ) => void;
};

/**
 * The event log as a plain WordPress admin table (`widefat striped`): one row
 * per attempt. Sortable columns have a button in their header.
 *
 * @param props        Props.
 * @param props.events Rows.
 * @param props.fields Visible columns.
 * @param props.sort   Current sort.
 * @param props.onSort Receives the new sort.
 */
export function EventTable( { events, fields, sort, onSort }: Props ) {
	return (
		<table className="widefat striped aifo-event-table">
			<caption className="screen-reader-text">
				{ __(
					'Event log: one row per attempt. Open a run to see its timeline.',
					'ai-failover'
				) }
			</caption>
			<thead>
				<tr>
					{ fields.map( ( field ) => {
						const isSorted =
							field.enableSorting && sort.orderby === field.id;
						let ariaSort: 'ascending' | 'descending' | undefined;
						if ( isSorted ) {
							ariaSort =
								sort.order === 'asc'
									? 'ascending'
									: 'descending';
						}
						return (
							<th
								key={ field.id }
								scope="col"
								className={ `aifo-event-table__col is-${ field.id }` }
								aria-sort={ ariaSort }
							>
								{ field.enableSorting &&
								isSortable( field.id ) ? (
									<SortButton
										field={ field }
										sort={ sort }
										onSort={ onSort }
									/>
								) : (
									field.label
								) }
							</th>
						);
					} ) }
				</tr>
			</thead>
			<tbody>
				{ events.map( ( event ) => (
					<tr
						key={ event.id }
						className={ `aifo-event-table__row is-${ event.outcome }` }
					>
						{ fields.map( ( field ) => (
							<td
								key={ field.id }
								className={ `aifo-event-table__cell is-${ field.id }` }
							>
								{ field.render( { item: event } ) }
							</td>
						) ) }
					</tr>
				) ) }
			</tbody>
		</table>
	);
}

/**
 * A column header's sort button: the first click sorts descending (newest,
 * slowest, most expensive first), the next one flips the order.
 *
 * @param props        Props.
 * @param props.field  Field.
 * @param props.sort   Current sort.
 * @param props.onSort Receives the new sort.
 */
function SortButton( {
	field,
	sort,
	onSort,
}: {
	field: EventField;
	sort: Sort;
	onSort: ( sort: Sort ) => void;
} ) {
	if ( ! isSortable( field.id ) ) {
		return null;
	}
	const orderby = field.id;
	const isSorted = sort.orderby === orderby;
	let arrow = '';
	if ( isSorted ) {
		arrow = sort.order === 'asc' ? ' ↑' : ' ↓';
	}
	const next: Sort = {
		orderby,
		order: isSorted && sort.order === 'desc' ? 'asc' : 'desc',
	};
	return (
		<Button
			variant="link"
			className="aifo-event-table__sort"
			onClick={ () => onSort( next ) }
		>
			{ field.label }
			<span aria-hidden="true">{ arrow }</span>
		</Button>
	);
}
