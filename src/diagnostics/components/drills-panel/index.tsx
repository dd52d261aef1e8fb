/**
 * WordPress dependencies
 */
import { Button, Notice, Spinner } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { getDrills, runDrill } from '../../../api/drills';
import { toApiError } from '../../../api/errors';
import { formatCost, formatMs } from '../../../lib/attempt-format';
import type { DrillResult, FeatureDrillsStatus } from '../../../schemas/drill';

/**
 * @param result A drill result.
 * @return Each drilled failure and what came of it, in words.
 */
function stepsSummary( result: DrillResult ): string {
	return result.steps
		.map( ( step ) =>
			step.held
				? sprintf(
						/* translators: 1: Error class, 2: Route that answered. */
						__( '%1$s: answered by %2$s', 'ai-failover' ),
						step.error_class,
						step.served_by
					)
				: sprintf(
						/* translators: %s: Error class. */
						__( '%s: not answered', 'ai-failover' ),
						step.error_class
					)
		)
		.join( '; ' );
}

/**
 * Scheduled drills: per feature, its schedule, whether its latest drill
 * held, how long it took and what it cost, and a Run now button.
 */
export function DrillsPanel() {
	const [ rows, setRows ] = useState< FeatureDrillsStatus[] | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ running, setRunning ] = useState< string | null >( null );
	const [ refresh, setRefresh ] = useState( 0 );

	useEffect( () => {
		let isCurrent = true;
		getDrills().then(
			( loaded ) => {
				if ( isCurrent ) {
					setRows( loaded );
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
	}, [ refresh ] );

	const drillNow = async ( feature: string ) => {
		setRunning( feature );
		setError( null );
		try {
			await runDrill( feature );
			setRefresh( ( n ) => n + 1 );
		} catch ( failure ) {
			setError( toApiError( failure ).message );
		} finally {
			setRunning( null );
		}
	};

	const shown = ( rows ?? [] ).filter(
		( row ) => row.drills.enabled || row.results.length > 0
	);
	return (
		<section
			className="aifo-drills-panel"
			aria-labelledby="aifo-drills-panel-title"
		>
			<h2 id="aifo-drills-panel-title">
				{ __( 'Scheduled drills', 'ai-failover' ) }
			</h2>
			<p>
				{ __(
					'Each drill makes a feature’s primary route fail on purpose (on throw-away state) and checks that a fallback still answers. Turn drills on in a feature’s settings.',
					'ai-failover'
				) }
			</p>
			{ error !== null && (
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			) }
			{ rows === null && error === null && <Spinner /> }
			{ rows !== null && shown.length === 0 && (
				<p>{ __( 'No feature is drilled yet.', 'ai-failover' ) }</p>
			) }
			{ shown.length > 0 && (
				<div className="aifo-audit-log__scroll">
					<table className="widefat striped aifo-drills-panel__table">
						<thead>
							<tr>
								<th scope="col">
									{ __( 'Feature', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Schedule', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Latest drill', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Time, cost', 'ai-failover' ) }
								</th>
								<th scope="col">
									<span className="screen-reader-text">
										{ __( 'Actions', 'ai-failover' ) }
									</span>
								</th>
							</tr>
						</thead>
						<tbody>
							{ shown.map( ( row ) => {
								const latest = row.results[ 0 ];
								return (
									<tr key={ row.feature }>
										<td>{ row.label }</td>
										<td>
											{ row.drills.enabled
												? sprintf(
														/* translators: 1: daily or weekly, 2: Date and time. */
														__(
															'%1$s, next %2$s',
															'ai-failover'
														),
														row.drills.frequency ===
															'daily'
															? __(
																	'Daily',
																	'ai-failover'
																)
															: __(
																	'Weekly',
																	'ai-failover'
																),
														row.next_at === null
															? '—'
															: new Date(
																	row.next_at
																).toLocaleString()
													)
												: __( 'Off', 'ai-failover' ) }
										</td>
										<td>
											{ latest === undefined ? (
												__(
													'Not drilled yet',
													'ai-failover'
												)
											) : (
												<>
													<strong>
														{ latest.held
															? __(
																	'The chain held',
																	'ai-failover'
																)
															: __(
																	'The chain did not hold',
																	'ai-failover'
																) }
													</strong>{ ' ' }
													<time
														dateTime={
															latest.ran_at
														}
													>
														{ new Date(
															latest.ran_at
														).toLocaleString() }
													</time>
													<br />
													{ stepsSummary( latest ) }
												</>
											) }
										</td>
										<td>
											{ latest === undefined
												? '—'
												: `${ formatMs( latest.duration_ms ) }, ${ formatCost(
														latest.cost
													) }` }
										</td>
										<td>
											<Button
												variant="secondary"
												isBusy={
													running === row.feature
												}
												disabled={ running !== null }
												onClick={ () =>
													void drillNow( row.feature )
												}
												label={ sprintf(
													/* translators: %s: Feature name. The name starts with the button's visible text. */
													__(
														'Drill now: %s',
														'ai-failover'
													),
													row.label
												) }
												showTooltip={ false }
											>
												{ __(
													'Drill now',
													'ai-failover'
												) }
											</Button>
										</td>
									</tr>
								);
							} ) }
						</tbody>
					</table>
				</div>
			) }
		</section>
	);
}
