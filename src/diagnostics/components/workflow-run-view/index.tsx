/**
 * WordPress dependencies
 */
import { Button, Notice, Spinner } from '@wordpress/components';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { toApiError } from '../../../api/errors';
import { getRun, type Run } from '../../../api/events';
import { getWorkflowRun } from '../../../api/workflows';
import type { StepRecord, WorkflowRun } from '../../../schemas/workflow';
import { formatCost, formatMs, formatTime } from '../../format';

type Props = {
	workflowRunId: string;
	onClose: () => void;
};

/**
 * A step's status in words.
 *
 * @param step Step.
 * @return Text.
 */
function stepStatus( step: StepRecord ): string {
	switch ( step.status ) {
		case 'succeeded':
			return __( 'Succeeded', 'ai-failover' );
		case 'failed':
			return __( 'Failed', 'ai-failover' );
		default:
			return __( 'Skipped (its branch did not run)', 'ai-failover' );
	}
}

/**
 * One workflow run as a timeline of its steps: the two kinds of failover side
 * by side. The workflow's own (which branch ran after a step: success or the
 * On failure branch) and the engine's inside a step (a step served by a
 * fallback route says so, with the engine's attempts and a link to its run).
 *
 * @param props               Props.
 * @param props.workflowRunId Workflow run id (from `#workflow-run=`).
 * @param props.onClose       Closes the view.
 */
export function WorkflowRunView( { workflowRunId, onClose }: Props ) {
	const [ run, setRun ] = useState< WorkflowRun | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const heading = useRef< HTMLHeadingElement >( null );

	useEffect( () => {
		let isCurrent = true;
		setRun( null );
		setError( null );
		getWorkflowRun( workflowRunId ).then(
			( loaded ) => isCurrent && setRun( loaded ),
			( failure: unknown ) =>
				isCurrent && setError( toApiError( failure ).message )
		);
		return () => {
			isCurrent = false;
		};
	}, [ workflowRunId ] );

	useEffect( () => {
		heading.current?.focus();
	}, [ workflowRunId ] );

	const total = run
		? Math.max(
				1,
				run.steps.reduce( ( sum, step ) => sum + step.duration_ms, 0 )
			)
		: 1;
	let offset = 0;

	return (
		<section
			className="aifo-workflow-run-view"
			aria-labelledby="aifo-workflow-run-view-title"
		>
			<div className="aifo-run-view__header">
				<h2
					id="aifo-workflow-run-view-title"
					ref={ heading }
					tabIndex={ -1 }
				>
					{ sprintf(
						/* translators: %s: workflow run id. */
						__( 'Workflow run %s', 'ai-failover' ),
						workflowRunId
					) }
				</h2>
				<Button variant="secondary" onClick={ onClose }>
					{ __( 'Close workflow run', 'ai-failover' ) }
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
					{ __( 'Loading the workflow run…', 'ai-failover' ) }
				</div>
			) }
			{ run !== null && (
				<>
					<p className="aifo-run-view__meta">
						{ sprintf(
							/* translators: 1: Workflow title, 2: Status, 3: Start time, 4: Duration, 5: Cost. */
							__(
								'%1$s: %2$s, started %3$s, %4$s, %5$s.',
								'ai-failover'
							),
							run.workflow_title === ''
								? `#${ run.workflow }`
								: run.workflow_title,
							run.status,
							formatTime( run.started_at ),
							formatMs( run.duration_ms ),
							formatCost( run.cost )
						) }
						{ run.dry_run &&
							` ${ __( '(dry run)', 'ai-failover' ) }` }
					</p>
					{ run.message !== '' && <p>{ run.message }</p> }
					<ol className="aifo-step-timeline">
						{ run.steps.map( ( step ) => {
							const left = ( offset / total ) * 100;
							offset += step.duration_ms;
							return (
								<StepItem
									key={ step.id }
									step={ step }
									left={ left }
									width={ ( step.duration_ms / total ) * 100 }
								/>
							);
						} ) }
					</ol>
				</>
			) }
		</section>
	);
}

/**
 * One step on the timeline.
 *
 * @param props       Props.
 * @param props.step  Step.
 * @param props.left  Offset of its bar, in % of the run.
 * @param props.width Width of its bar, in % of the run.
 */
function StepItem( {
	step,
	left,
	width,
}: {
	step: StepRecord;
	left: number;
	width: number;
} ) {
	const [ engineRun, setEngineRun ] = useState< Run | null >( null );
	// Where the engine fell back inside the step: its attempts, read only for degraded steps.
	useEffect( () => {
		if ( ! step.degraded || step.run_id === '' ) {
			return;
		}
		let isCurrent = true;
		getRun( step.run_id ).then(
			( loaded ) => isCurrent && setEngineRun( loaded ),
			() => undefined
		);
		return () => {
			isCurrent = false;
		};
	}, [ step.degraded, step.run_id ] );
	const moves =
		engineRun?.attempts.filter(
			( attempt ) =>
				attempt.decision === 'fallback' || attempt.decision === 'skip'
		) ?? [];

	return (
		<li className={ `aifo-step-timeline__step is-${ step.status }` }>
			<div className="aifo-step-timeline__head">
				<strong>{ step.label === '' ? step.id : step.label }</strong>{ ' ' }
				<span className={ `aifo-badge is-step-${ step.status }` }>
					{ stepStatus( step ) }
				</span>
				{ step.branch === 'failure' && (
					<span className="aifo-badge is-incomplete">
						{ __( 'On failure branch ran', 'ai-failover' ) }
					</span>
				) }
				{ step.degraded && (
					<span className="aifo-badge is-fallback">
						{ __( 'Engine fell back in this step', 'ai-failover' ) }
					</span>
				) }
			</div>
			<div className="aifo-step-timeline__track" aria-hidden="true">
				<span
					className="aifo-step-timeline__bar"
					style={ {
						left: `${ left }%`,
						width: `${ Math.max( 0.5, width ) }%`,
					} }
				/>
			</div>
			<p className="aifo-step-timeline__meta">
				{ sprintf(
					/* translators: 1: Feature, 2: Provider/model that answered, 3: Attempts, 4: Duration, 5: Cost. */
					__(
						'Feature %1$s, served by %2$s; %3$d attempts, %4$s, %5$s.',
						'ai-failover'
					),
					step.feature === '' ? '—' : step.feature,
					step.served_by === null
						? __( 'nobody', 'ai-failover' )
						: `${ step.served_by.provider_id }/${ step.served_by.model }`,
					step.attempts,
					formatMs( step.duration_ms ),
					formatCost( step.cost )
				) }{ ' ' }
				{ step.run_id !== '' && (
					<a href={ `#run=${ step.run_id }` }>
						{ sprintf(
							/* translators: %s: engine run id. */
							__( 'Open engine run %s', 'ai-failover' ),
							step.run_id
						) }
					</a>
				) }
			</p>
			{ step.error !== null && (
				<p className="aifo-step-timeline__error">
					{ step.error.message }
				</p>
			) }
			{ moves.length > 0 && (
				<ul className="aifo-step-timeline__moves">
					{ moves.map( ( attempt ) => (
						<li key={ attempt.id }>{ attempt.reason }</li>
					) ) }
				</ul>
			) }
		</li>
	);
}
