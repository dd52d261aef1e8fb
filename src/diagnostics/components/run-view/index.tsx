/**
 * WordPress dependencies
 */
import { Button, Notice, Spinner } from '@wordpress/components';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { toApiError } from '../../../api/errors';
import { getRun, type Run } from '../../../api/events';
import { AttemptList } from '../../../components/attempt-list';
import { formatMs } from '../../format';
import { Waterfall } from '../waterfall';

type Props = {
	runId: string;
	onClose: () => void;
};

/**
 * One run: its waterfall timeline and, for each attempt, what happened and
 * why, in the engine's own words.
 *
 * @param props         Props.
 * @param props.runId   Run id (from a row or the URL's #run=).
 * @param props.onClose Closes the view.
 */
export function RunView( { runId, onClose }: Props ) {
	const [ run, setRun ] = useState< Run | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const heading = useRef< HTMLHeadingElement >( null );

	useEffect( () => {
		let isCurrent = true;
		setRun( null );
		setError( null );
		getRun( runId ).then(
			( loaded ) => {
				if ( isCurrent ) {
					setRun( loaded );
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
	}, [ runId ] );

	// Move focus (and the viewport) to the run when it opens.
	useEffect( () => {
		heading.current?.focus();
	}, [ runId ] );

	const end = run
		? Math.max(
				0,
				...run.attempts.map(
					( attempt ) =>
						attempt.start_ms + Math.max( 0, attempt.latency_ms )
				)
			)
		: 0;

	return (
		<section
			className="aifo-run-view"
			aria-labelledby="aifo-run-view-title"
		>
			<div className="aifo-run-view__header">
				<h2 id="aifo-run-view-title" ref={ heading } tabIndex={ -1 }>
					{ sprintf(
						/* translators: %s: run id. */
						__( 'Run %s', 'ai-failover' ),
						runId
					) }
				</h2>
				<Button variant="secondary" onClick={ onClose }>
					{ __( 'Close run', 'ai-failover' ) }
				</Button>
			</div>
			{ error !== null && (
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			) }
			{ error === null && run === null && (
				<div className="aifo-run-view__loading">
					<Spinner />
					{ __( 'Loading the run…', 'ai-failover' ) }
				</div>
			) }
			{ run !== null && (
				<>
					<p className="aifo-run-view__meta">
						{ sprintf(
							/* translators: 1: feature id, 2: number of attempts, 3: duration. */
							_n(
								'Feature %1$s: %2$d attempt in %3$s.',
								'Feature %1$s: %2$d attempts in %3$s.',
								run.attempts.length,
								'ai-failover'
							),
							run.feature === '' ? '—' : run.feature,
							run.attempts.length,
							formatMs( end )
						) }
					</p>
					<Waterfall run={ run } />
					<AttemptList attempts={ run.attempts } />
				</>
			) }
		</section>
	);
}
