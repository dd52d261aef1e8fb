/**
 * WordPress dependencies
 */
import { Button, SelectControl } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../lib/control-size';
import { PER_PAGE_OPTIONS, type PerPage } from '../../view';

type Props = {
	page: number;
	totalPages: number;
	total: number;
	perPage: PerPage;
	onPage: ( page: number ) => void;
	onPerPage: ( perPage: PerPage ) => void;
};

/**
 * Event count, page size and previous/next page.
 *
 * @param props            Props.
 * @param props.page       Current page (1-based).
 * @param props.totalPages Pages (X-WP-TotalPages).
 * @param props.total      Matching events (X-WP-Total).
 * @param props.perPage    Page size.
 * @param props.onPage     Receives the page to show.
 * @param props.onPerPage  Receives the page size.
 */
export function Pagination( {
	page,
	totalPages,
	total,
	perPage,
	onPage,
	onPerPage,
}: Props ) {
	return (
		<div className="aifo-pagination">
			<span className="aifo-pagination__total">
				{ sprintf(
					/* translators: %s: number of events. */
					_n( '%s event', '%s events', total, 'ai-failover' ),
					total.toLocaleString()
				) }
			</span>
			<div className="aifo-pagination__per-page">
				<SelectControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Per page', 'ai-failover' ) }
					labelPosition="side"
					value={ String( perPage ) }
					options={ PER_PAGE_OPTIONS.map( ( n ) => ( {
						value: String( n ),
						label: String( n ),
					} ) ) }
					onChange={ ( value: string ) =>
						onPerPage( Number( value ) as PerPage )
					}
				/>
			</div>
			<div className="aifo-pagination__pages">
				<Button
					variant="tertiary"
					disabled={ page <= 1 }
					onClick={ () => onPage( page - 1 ) }
				>
					{ __( 'Previous page', 'ai-failover' ) }
				</Button>
				<span className="aifo-pagination__page" aria-live="polite">
					{ sprintf(
						/* translators: 1: current page, 2: number of pages. */
						__( 'Page %1$d of %2$d', 'ai-failover' ),
						page,
						totalPages
					) }
				</span>
				<Button
					variant="tertiary"
					disabled={ page >= totalPages }
					onClick={ () => onPage( page + 1 ) }
				>
					{ __( 'Next page', 'ai-failover' ) }
				</Button>
			</div>
		</div>
	);
}
