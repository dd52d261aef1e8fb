/**
 * Columns of the event table, in the shape of DataViews' `Field` (id, label,
 * getValue, render, enableHiding, enableSorting, elements, filterBy), so the
 * plain table can be swapped for DataViews once the plugin requires a
 * WordPress with React 18 and a modern @wordpress/components.
 *
 * No JSX here (this is a .ts module): render() builds elements with
 * createElement. Every value is a React text child, never HTML.
 */

/**
 * External dependencies
 */
import type { ReactNode } from 'react';

/**
 * WordPress dependencies
 */
import { createElement } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { ERROR_CLASSES } from '../schemas/common';
import { ENGINE_CLASSES } from '../schemas/engine-vocabulary';
import { OUTCOMES, type LogEvent } from '../schemas/event';
import {
	decisionLabel,
	formatCost,
	formatMs,
	formatTime,
	outcomeLabel,
} from './format';

export const EVENT_FIELD_IDS = [
	'created_at',
	'run_id',
	'feature',
	'route',
	'key_label',
	'outcome',
	'error_class',
	'http_status',
	'decision',
	'latency_ms',
	'cost',
	'simulated',
] as const;

export type EventFieldId = ( typeof EVENT_FIELD_IDS )[ number ];

/**
 * Classes the engine writes besides the providers' ERROR_CLASSES (skipped
 * routes, exhausted keys or budgets, a broken stream), generated from the PHP
 * enum like the event schema's `error_class`.
 *
 * @see \AI_Failover\Engine\Engine_Class
 */
export const ENGINE_ERROR_CLASSES = ENGINE_CLASSES;

/** Fields the server can sort by: their ids are EventQuery `orderby` values. */
export const SORTABLE_FIELD_IDS = [
	'created_at',
	'latency_ms',
	'cost',
] as const;
export type SortableFieldId = ( typeof SORTABLE_FIELD_IDS )[ number ];

export type FieldElement = { value: string; label: string };

export type EventField = {
	id: EventFieldId;
	label: string;
	/** Raw value, for sorting and filtering (DataViews `getValue`). */
	getValue: ( args: { item: LogEvent } ) => string | number | boolean | null;
	/** Cell content; text only. */
	render: ( args: { item: LogEvent } ) => ReactNode;
	enableHiding: boolean;
	enableSorting: boolean;
	/** Known values of a filterable field (DataViews `elements`). */
	elements?: FieldElement[];
	/** Filter operators (DataViews `filterBy`); false when not filterable. */
	filterBy: { operators: Array< 'is' > } | false;
};

const DASH = '—';

const text = ( value: string ): ReactNode => ( value === '' ? DASH : value );

/**
 * The event table's fields.
 *
 * A function, not a constant: labels are translated when called, after
 * WordPress has loaded the script's translations.
 *
 * @return Fields, in default column order.
 */
export function getEventFields(): EventField[] {
	return [
		{
			id: 'created_at',
			label: __( 'Time', 'ai-failover' ),
			getValue: ( { item } ) => item.created_at,
			render: ( { item } ) =>
				createElement(
					'time',
					{ dateTime: item.created_at, title: item.created_at },
					formatTime( item.created_at )
				),
			enableHiding: false,
			enableSorting: true,
			filterBy: false,
		},
		{
			id: 'run_id',
			label: __( 'Run', 'ai-failover' ),
			getValue: ( { item } ) => item.run_id,
			render: ( { item } ) =>
				createElement(
					'a',
					{
						href: `#run=${ encodeURIComponent( item.run_id ) }`,
						className: 'aifo-event-table__run',
						'aria-label': sprintf(
							/* translators: 1: run id, 2: attempt number. The visible text is "<run id> #<attempt>": keep it inside the name (WCAG 2.5.3, label in name). */
							__( 'Run %1$s #%2$d', 'ai-failover' ),
							item.run_id,
							item.attempt
						),
					},
					createElement( 'code', null, item.run_id ),
					` #${ item.attempt }`
				),
			enableHiding: false,
			enableSorting: false,
			filterBy: false,
		},
		{
			id: 'feature',
			label: __( 'Feature', 'ai-failover' ),
			getValue: ( { item } ) => item.feature,
			render: ( { item } ) =>
				text(
					[ item.feature, item.workflow, item.step ]
						.filter( ( part ) => part !== '' )
						.join( ' › ' )
				),
			enableHiding: true,
			enableSorting: false,
			filterBy: { operators: [ 'is' ] },
		},
		{
			id: 'route',
			label: __( 'Route', 'ai-failover' ),
			getValue: ( { item } ) => item.route,
			render: ( { item } ) => text( item.route ),
			enableHiding: true,
			enableSorting: false,
			filterBy: false,
		},
		{
			id: 'key_label',
			label: __( 'Key', 'ai-failover' ),
			getValue: ( { item } ) => item.key_label,
			render: ( { item } ) => text( item.key_label ),
			enableHiding: true,
			enableSorting: false,
			filterBy: false,
		},
		{
			id: 'outcome',
			label: __( 'Outcome', 'ai-failover' ),
			getValue: ( { item } ) => item.outcome,
			render: ( { item } ) =>
				createElement(
					'span',
					{ className: `aifo-badge is-${ item.outcome }` },
					outcomeLabel( item.outcome )
				),
			enableHiding: true,
			enableSorting: false,
			elements: OUTCOMES.map( ( value ) => ( {
				value,
				label: outcomeLabel( value ),
			} ) ),
			filterBy: { operators: [ 'is' ] },
		},
		{
			id: 'error_class',
			label: __( 'Error class', 'ai-failover' ),
			getValue: ( { item } ) => item.error_class,
			render: ( { item } ) =>
				item.error_class === null
					? DASH
					: createElement( 'code', null, item.error_class ),
			enableHiding: true,
			enableSorting: false,
			elements: [ ...ERROR_CLASSES, ...ENGINE_ERROR_CLASSES ].map(
				( value ) => ( { value, label: value } )
			),
			filterBy: { operators: [ 'is' ] },
		},
		{
			id: 'http_status',
			label: __( 'HTTP', 'ai-failover' ),
			getValue: ( { item } ) => item.http_status,
			render: ( { item } ) =>
				item.http_status === 0 ? DASH : String( item.http_status ),
			enableHiding: true,
			enableSorting: false,
			filterBy: false,
		},
		{
			id: 'decision',
			label: __( 'Decision', 'ai-failover' ),
			getValue: ( { item } ) => item.decision,
			render: ( { item } ) => text( decisionLabel( item.decision ) ),
			enableHiding: true,
			enableSorting: false,
			filterBy: false,
		},
		{
			id: 'latency_ms',
			label: __( 'Latency', 'ai-failover' ),
			getValue: ( { item } ) => item.latency_ms,
			render: ( { item } ) => formatMs( item.latency_ms ),
			enableHiding: true,
			enableSorting: true,
			filterBy: false,
		},
		{
			id: 'cost',
			label: __( 'Cost', 'ai-failover' ),
			getValue: ( { item } ) => item.cost,
			render: ( { item } ) => formatCost( item.cost ),
			enableHiding: true,
			enableSorting: true,
			filterBy: false,
		},
		{
			id: 'simulated',
			label: __( 'Simulated', 'ai-failover' ),
			getValue: ( { item } ) => item.simulated,
			render: ( { item } ) =>
				item.simulated ? __( 'Yes', 'ai-failover' ) : DASH,
			enableHiding: true,
			enableSorting: false,
			elements: [
				{ value: 'yes', label: __( 'Simulated', 'ai-failover' ) },
				{ value: 'no', label: __( 'Real', 'ai-failover' ) },
			],
			filterBy: { operators: [ 'is' ] },
		},
	];
}

/**
 * Whether a field id is one the server sorts by.
 *
 * @param id Field id.
 * @return Whether it is a SortableFieldId.
 */
export const isSortable = ( id: string ): id is SortableFieldId =>
	( SORTABLE_FIELD_IDS as readonly string[] ).includes( id );
