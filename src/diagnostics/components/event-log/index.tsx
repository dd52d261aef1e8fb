/**
 * WordPress dependencies
 */
import { Button, Notice, SelectControl, Spinner } from '@wordpress/components';
import { useEffect, useMemo, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { exportUrl } from '../../../api/events';
import { getEventFields } from '../../fields';
import { useEvents } from '../../hooks/use-events';
import {
	DEFAULT_VIEW,
	loadSavedViews,
	storeSavedViews,
	type Filters,
	sameFilters,
	type SavedView,
	type ViewState,
} from '../../view';
import { ColumnPicker } from '../column-picker';
import { EventFilters } from '../event-filters';
import { EventTable } from '../event-table';
import { FilterChips } from '../filter-chips';
import { Pagination } from '../pagination';
import { SavedViews } from '../saved-views';

type Props = {
	/**
	 * The URL's filters: the log starts with them and follows them when they
	 * change under it (browser back/forward).
	 */
	filters?: Filters;
	/** Told of every filter change (to keep the URL current). */
	onFiltersChange?: ( filters: Filters ) => void;
	/** Changes to reload (live mode). */
	refreshKey?: number;
};

/**
 * The event log: filters, saved views, columns, CSV export, the table and
 * paging. Every failure, retry, key rotation and fallback is a row.
 *
 * @param props                 Props.
 * @param props.filters         The URL's filters, followed.
 * @param props.onFiltersChange Told of every filter change.
 * @param props.refreshKey      Reload when it changes.
 */
export function EventLog( {
	filters,
	onFiltersChange,
	refreshKey = 0,
}: Props = {} ) {
	const fields = useMemo( getEventFields, [] );
	const [ view, setView ] = useState< ViewState >( () => ( {
		...DEFAULT_VIEW,
		filters: filters ?? DEFAULT_VIEW.filters,
	} ) );
	useEffect( () => {
		if ( filters ) {
			setView( ( current ) =>
				sameFilters( current.filters, filters )
					? current
					: { ...current, filters, page: 1 }
			);
		}
	}, [ filters ] );
	const [ manualRefresh, setRefresh ] = useState( 0 );
	const refresh = manualRefresh + refreshKey;
	const notify = useRef( onFiltersChange );
	notify.current = onFiltersChange;
	useEffect( () => {
		notify.current?.( view.filters );
	}, [ view.filters ] );
	const [ savedViews, setSavedViews ] = useState< SavedView[] >( () =>
		loadSavedViews()
	);
	const [ storeFailed, setStoreFailed ] = useState( false );
	const [ density, setDensity ] = useState< 'comfortable' | 'compact' >(
		'comfortable'
	);
	const { page, query, fieldErrors, error, isLoading } = useEvents(
		view,
		refresh
	);

	const setFilters = ( patch: Partial< Filters > ) =>
		setView( ( current ) => ( {
			...current,
			filters: { ...current.filters, ...patch },
			page: 1,
		} ) );

	const changeSavedViews = ( views: SavedView[] ) => {
		setSavedViews( views );
		setStoreFailed( ! storeSavedViews( views ) );
	};

	const visibleFields = fields.filter(
		( field ) => ! field.enableHiding || view.columns.includes( field.id )
	);

	let exportHref: string | undefined;
	if ( query ) {
		try {
			exportHref = exportUrl( query );
		} catch {
			exportHref = undefined;
		}
	}

	return (
		<section
			className="aifo-event-log"
			aria-labelledby="aifo-event-log-title"
		>
			<h2 id="aifo-event-log-title">
				{ __( 'Event log', 'ai-failover' ) }
			</h2>
			<EventFilters
				filters={ view.filters }
				fieldErrors={ fieldErrors }
				onChange={ setFilters }
			/>
			<FilterChips filters={ view.filters } onChange={ setFilters } />
			<div className="aifo-event-log__toolbar">
				<SavedViews
					views={ savedViews }
					view={ view }
					canSave={ query !== null }
					onApply={ ( saved ) =>
						setView( {
							filters: saved.filters,
							sort: saved.sort,
							perPage: saved.perPage,
							columns: saved.columns,
							page: 1,
						} )
					}
					onChange={ changeSavedViews }
				/>
				<div className="aifo-event-log__actions">
					{ isLoading && page !== null && <Spinner /> }
					<SelectControl
						__nextHasNoMarginBottom
						label={ __( 'Density', 'ai-failover' ) }
						value={ density }
						options={ [
							{
								value: 'comfortable',
								label: __( 'Comfortable', 'ai-failover' ),
							},
							{
								value: 'compact',
								label: __( 'Compact', 'ai-failover' ),
							},
						] }
						onChange={ ( value: string ) =>
							setDensity(
								value === 'compact' ? 'compact' : 'comfortable'
							)
						}
					/>
					<ColumnPicker
						fields={ fields }
						columns={ view.columns }
						onChange={ ( columns ) =>
							setView( ( current ) => ( {
								...current,
								columns,
							} ) )
						}
					/>
					<Button
						variant="secondary"
						onClick={ () => setRefresh( ( n ) => n + 1 ) }
					>
						{ __( 'Refresh', 'ai-failover' ) }
					</Button>
					{ exportHref !== undefined ? (
						<Button variant="secondary" href={ exportHref }>
							{ __( 'Export CSV', 'ai-failover' ) }
						</Button>
					) : (
						<Button variant="secondary" disabled>
							{ __( 'Export CSV', 'ai-failover' ) }
						</Button>
					) }
				</div>
			</div>
			{ storeFailed && (
				<Notice status="warning" isDismissible={ false }>
					{ __(
						'This browser did not keep the saved views (storage is full or blocked).',
						'ai-failover'
					) }
				</Notice>
			) }
			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error.message }
				</Notice>
			) }
			{ isLoading && page === null && (
				<div className="aifo-event-log__loading">
					<Spinner />
					{ __( 'Loading events…', 'ai-failover' ) }
				</div>
			) }
			{ page !== null && page.events.length === 0 && (
				<p className="aifo-event-log__empty">
					{ __( 'No events match these filters.', 'ai-failover' ) }
				</p>
			) }
			{ page !== null && page.events.length > 0 && (
				<div
					className={
						'aifo-event-log__table' +
						` is-${ density }` +
						( isLoading ? ' is-loading' : '' )
					}
					aria-busy={ isLoading }
				>
					<EventTable
						events={ page.events }
						fields={ visibleFields }
						sort={ view.sort }
						onSort={ ( sort ) =>
							setView( ( current ) => ( {
								...current,
								sort,
								page: 1,
							} ) )
						}
					/>
				</div>
			) }
			{ page !== null && (
				<Pagination
					page={ view.page }
					totalPages={ page.totalPages }
					total={ page.total }
					perPage={ view.perPage }
					onPage={ ( next ) =>
						setView( ( current ) => ( { ...current, page: next } ) )
					}
					onPerPage={ ( perPage ) =>
						setView( ( current ) => ( {
							...current,
							perPage,
							page: 1,
						} ) )
					}
				/>
			) }
		</section>
	);
}
