/**
 * WordPress dependencies
 */
import { Button, Notice, SelectControl, Spinner } from '@wordpress/components';
import { Fragment, useEffect, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	getAuditLog,
	getWholeAuditLog,
	type AuditPage,
} from '../../../api/audit';
import { toApiError } from '../../../api/errors';
import { controlSize } from '../../../lib/control-size';
import {
	AUDIT_OBJECT_TYPES,
	type AuditEntry,
	type AuditQuery,
} from '../../../schemas/audit';
import { auditCsv } from './csv';
import './style.scss';

type ObjectType = ( typeof AUDIT_OBJECT_TYPES )[ number ];

const PER_PAGE = 20;

/**
 * @param type Object type.
 * @return Its name in the screen's words.
 */
function typeLabel( type: ObjectType ): string {
	switch ( type ) {
		case 'provider':
			return __( 'Provider', 'ai-failover' );
		case 'key':
			return __( 'API key', 'ai-failover' );
		case 'feature':
			return __( 'Feature', 'ai-failover' );
		case 'settings':
			return __( 'Settings', 'ai-failover' );
	}
}

/**
 * @param entry Entry.
 * @return "Created feature summary" and the like.
 */
function describe( entry: AuditEntry ): string {
	const what = `${ typeLabel( entry.object_type ) } ${ entry.object_id }`;
	switch ( entry.action ) {
		case 'created':
			/* translators: %s: What, such as "Feature summary". */
			return sprintf( __( 'Created: %s', 'ai-failover' ), what );
		case 'updated':
			/* translators: %s: What, such as "Feature summary". */
			return sprintf( __( 'Changed: %s', 'ai-failover' ), what );
		case 'deleted':
			/* translators: %s: What, such as "Feature summary". */
			return sprintf( __( 'Deleted: %s', 'ai-failover' ), what );
	}
}

/**
 * @param json A snapshot as JSON, or null.
 * @return Indented JSON, or a dash.
 */
function pretty( json: string | null ): string {
	if ( json === null ) {
		return '—';
	}
	try {
		return JSON.stringify( JSON.parse( json ), null, 2 );
	} catch {
		return json;
	}
}

/**
 * Offers the CSV to the browser as a download.
 *
 * @param csv CSV text.
 */
function download( csv: string ) {
	const url = URL.createObjectURL(
		new Blob( [ csv ], { type: 'text/csv;charset=utf-8' } )
	);
	const link = document.createElement( 'a' );
	link.href = url;
	link.download = `ai-failover-audit-${ new Date()
		.toISOString()
		.slice( 0, 19 )
		.replace( /[-:T]/g, '' ) }.csv`;
	document.body.appendChild( link );
	link.click();
	link.remove();
	URL.revokeObjectURL( url );
}

/**
 * The audit log of policy changes: who changed which provider, key, feature
 * or setting, when, and what it was before and after (never a secret: keys
 * show their label and last 4 only). Filter by kind, page through, export
 * as CSV.
 */
export function AuditLog() {
	const [ objectType, setObjectType ] = useState< ObjectType | '' >( '' );
	const [ page, setPage ] = useState( 1 );
	const [ loaded, setLoaded ] = useState< AuditPage | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ isExporting, setIsExporting ] = useState( false );
	const [ open, setOpen ] = useState< number | null >( null );

	useEffect( () => {
		let isCurrent = true;
		const query: AuditQuery = {
			...( objectType !== '' ? { object_type: objectType } : {} ),
			page,
			per_page: PER_PAGE,
		};
		getAuditLog( query ).then(
			( result ) => {
				if ( isCurrent ) {
					setLoaded( result );
					setError( null );
				}
			},
			( failure: unknown ) => {
				if ( isCurrent ) {
					setError( toApiError( failure ).message );
				}
			}
		);
		return () => {
			isCurrent = false;
		};
	}, [ objectType, page ] );

	const exportCsv = async () => {
		setIsExporting( true );
		try {
			download(
				auditCsv(
					await getWholeAuditLog(
						objectType === '' ? undefined : objectType
					)
				)
			);
		} catch ( failure ) {
			setError( toApiError( failure ).message );
		} finally {
			setIsExporting( false );
		}
	};

	return (
		<section
			className="aifo-audit-log"
			aria-labelledby="aifo-audit-log-title"
		>
			<h2 id="aifo-audit-log-title">
				{ __( 'Audit log of policy changes', 'ai-failover' ) }
			</h2>
			<p className="aifo-audit-log__hint">
				{ __(
					'Every change to a provider, an API key, a feature or the settings, made from these screens, the REST API or WP-CLI: who, when, and the object before and after. API keys appear as their label and last 4 characters only, never the key.',
					'ai-failover'
				) }
			</p>
			<div className="aifo-audit-log__actions">
				<SelectControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Show', 'ai-failover' ) }
					value={ objectType }
					options={ [
						{
							value: '',
							label: __( 'Every change', 'ai-failover' ),
						},
						...AUDIT_OBJECT_TYPES.map( ( type ) => ( {
							value: type,
							label: typeLabel( type ),
						} ) ),
					] }
					onChange={ ( value: string ) => {
						const type = AUDIT_OBJECT_TYPES.find(
							( t ) => t === value
						);
						setObjectType( type ?? '' );
						setPage( 1 );
					} }
				/>
				<Button
					variant="secondary"
					isBusy={ isExporting }
					disabled={ isExporting || loaded?.total === 0 }
					onClick={ () => void exportCsv() }
				>
					{ __( 'Download CSV', 'ai-failover' ) }
				</Button>
			</div>
			{ error !== null && (
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			) }
			{ loaded === null && error === null && <Spinner /> }
			{ loaded !== null && loaded.entries.length === 0 && (
				<p className="aifo-audit-log__empty">
					{ __( 'No changes recorded yet.', 'ai-failover' ) }
				</p>
			) }
			{ loaded !== null && loaded.entries.length > 0 && (
				<div className="aifo-audit-log__scroll">
					<table className="widefat striped aifo-audit-log__table">
						<thead>
							<tr>
								<th scope="col">
									{ __( 'When', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Who', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Change', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Fields', 'ai-failover' ) }
								</th>
							</tr>
						</thead>
						<tbody>
							{ loaded.entries.map( ( entry ) => (
								<Fragment key={ entry.id }>
									<tr>
										<td>
											<time dateTime={ entry.created_at }>
												{ new Date(
													entry.created_at
												).toLocaleString() }
											</time>
										</td>
										<td>
											{ entry.user_login !== ''
												? entry.user_login
												: __(
														'No user (WP-CLI, cron or code)',
														'ai-failover'
													) }
										</td>
										<td>{ describe( entry ) }</td>
										<td>
											{ entry.fields.join( ', ' ) }{ ' ' }
											<Button
												variant="link"
												aria-expanded={
													open === entry.id
												}
												onClick={ () =>
													setOpen(
														open === entry.id
															? null
															: entry.id
													)
												}
											>
												{ open === entry.id
													? __(
															'Hide before and after',
															'ai-failover'
														)
													: __(
															'Before and after',
															'ai-failover'
														) }
											</Button>
										</td>
									</tr>
									{ open === entry.id && (
										<tr className="aifo-audit-log__details">
											<td colSpan={ 4 }>
												<div className="aifo-audit-log__diff">
													<div>
														<h3
															id={ `aifo-audit-${ entry.id }-before` }
														>
															{ __(
																'Before',
																'ai-failover'
															) }
														</h3>
														{ /* A long snapshot scrolls: focusable, so the keyboard scrolls it too. */ }
														<pre
															role="region"
															aria-labelledby={ `aifo-audit-${ entry.id }-before` }
															tabIndex={ 0 }
														>
															{ pretty(
																entry.before
															) }
														</pre>
													</div>
													<div>
														<h3
															id={ `aifo-audit-${ entry.id }-after` }
														>
															{ __(
																'After',
																'ai-failover'
															) }
														</h3>
														{ /* A long snapshot scrolls: focusable, so the keyboard scrolls it too. */ }
														<pre
															role="region"
															aria-labelledby={ `aifo-audit-${ entry.id }-after` }
															tabIndex={ 0 }
														>
															{ pretty(
																entry.after
															) }
														</pre>
													</div>
												</div>
											</td>
										</tr>
									) }
								</Fragment>
							) ) }
						</tbody>
					</table>
				</div>
			) }
			{ loaded !== null && loaded.totalPages > 1 && (
				<div className="aifo-audit-log__pages">
					<span>
						{ sprintf(
							/* translators: %s: number of changes. */
							_n(
								'%s change',
								'%s changes',
								loaded.total,
								'ai-failover'
							),
							loaded.total.toLocaleString()
						) }
					</span>
					<Button
						variant="secondary"
						disabled={ page <= 1 }
						onClick={ () => setPage( page - 1 ) }
					>
						{ __( 'Newer', 'ai-failover' ) }
					</Button>
					<Button
						variant="secondary"
						disabled={ page >= loaded.totalPages }
						onClick={ () => setPage( page + 1 ) }
					>
						{ __( 'Older', 'ai-failover' ) }
					</Button>
				</div>
			) }
		</section>
	);
}
