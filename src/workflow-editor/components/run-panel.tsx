/**
 * WordPress dependencies
 */
import {
	Button,
	Notice,
	SelectControl,
	Spinner,
	TextControl,
	TextareaControl,
	ToggleControl,
} from '@wordpress/components';
import {
	select as selectFromStore,
	useDispatch,
	useSelect,
} from '@wordpress/data';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../lib/control-size';
import { runWorkflowStreamed, workflowErrorsOf } from '../../api/workflows';
import { ERROR_CLASSES, type ErrorClass } from '../../schemas/common';
import type { WorkflowInput, WorkflowRun } from '../../schemas/workflow';
import { store } from '../store';
import { editorOf, type EditorActions } from '../wp-stores';
import { describeStep, diagnosticsUrl } from './step-result';

type InputValue = string | number | boolean;

/**
 * The values a run sends: each input's typed value, defaults for untouched
 * fields, blanks left out so the server applies its own rules.
 *
 * @param inputs Declared inputs.
 * @param values What the form holds, by name.
 * @return Request `input`.
 */
export function runInput(
	inputs: WorkflowInput[],
	values: Record< string, InputValue >
): Record< string, InputValue > {
	const result: Record< string, InputValue > = {};
	for ( const input of inputs ) {
		const value = values[ input.name ] ?? input.default;
		if ( input.type === 'boolean' ) {
			result[ input.name ] =
				typeof value === 'boolean' ? value : value === 'true';
		} else if ( input.type === 'number' ) {
			if ( value !== '' ) {
				result[ input.name ] = Number( value );
			}
		} else if ( value !== '' ) {
			result[ input.name ] = String( value );
		}
	}
	return result;
}

type Props = {
	inputs: WorkflowInput[];
	stepIds: string[];
};

/**
 * "Run" in the workflow's sidebar: a form from the declared inputs, saving
 * the post first when it has unsaved changes (a run runs the saved
 * workflow), then the run streamed step by step onto the step blocks.
 *
 * @param props         Props.
 * @param props.inputs  Declared inputs.
 * @param props.stepIds Step ids, for the failure drill.
 */
export function RunPanel( { inputs, stepIds }: Props ) {
	const [ values, setValues ] = useState< Record< string, InputValue > >(
		{}
	);
	const [ drillStep, setDrillStep ] = useState( '' );
	const [ drillClass, setDrillClass ] = useState< ErrorClass >( 'server' );
	const { postId, isDirty, isNew } = useSelect( ( select ) => {
		const editor = editorOf( select );
		return {
			postId: editor?.getCurrentPostId() ?? null,
			isDirty: editor?.isEditedPostDirty() ?? false,
			isNew: editor?.isEditedPostNew() ?? false,
		};
	}, [] );
	const saveFailed = () =>
		editorOf( selectFromStore )?.didPostSaveRequestFail() ?? false;
	const { savePost } = useDispatch(
		'core/editor'
	) as unknown as EditorActions;
	const runState = useSelect( ( select ) => select( store ).getRun(), [] );
	const { runRequested, stepStarted, stepFinished, runFinished, runFailed } =
		useDispatch( store );
	const busy = runState.status === 'saving' || runState.status === 'running';

	const run = async () => {
		if ( postId === null ) {
			return;
		}
		if ( isDirty || isNew ) {
			runRequested( 'saving' );
			await savePost();
			if ( saveFailed() ) {
				runFailed(
					__(
						'The workflow could not be saved, so it was not run.',
						'ai-failover'
					)
				);
				return;
			}
		}
		runRequested( 'running' );
		try {
			const result = await runWorkflowStreamed(
				postId,
				{
					input: runInput( inputs, values ),
					simulate:
						drillStep === ''
							? []
							: [
									{
										step: drillStep,
										error_class: drillClass,
									},
								],
				},
				( event ) => {
					if ( event.type === 'step_started' ) {
						stepStarted( event.step, event.label );
					} else {
						stepFinished( event.record );
					}
				}
			);
			runFinished( result );
		} catch ( error ) {
			runFailed(
				error instanceof Error
					? error.message
					: __( 'The run could not start.', 'ai-failover' ),
				workflowErrorsOf( error )
			);
		}
	};

	const setValue = ( name: string, value: InputValue ) =>
		setValues( ( current ) => ( { ...current, [ name ]: value } ) );

	return (
		<div className="aifo-run">
			{ inputs.map( ( input ) => {
				const label = input.label || input.name;
				const value = values[ input.name ] ?? input.default;
				if ( input.type === 'boolean' ) {
					return (
						<ToggleControl
							key={ input.name }
							__nextHasNoMarginBottom
							label={ label }
							checked={ value === true || value === 'true' }
							onChange={ ( checked: boolean ) =>
								setValue( input.name, checked )
							}
						/>
					);
				}
				const Control =
					input.type === 'long_text' ? TextareaControl : TextControl;
				return (
					<Control
						key={ input.name }
						{ ...( Control === TextControl ? controlSize() : {} ) }
						__nextHasNoMarginBottom
						label={
							input.required
								? sprintf(
										/* translators: %s: input label. */
										__( '%s (required)', 'ai-failover' ),
										label
									)
								: label
						}
						{ ...( input.type === 'number'
							? { type: 'number' }
							: {} ) }
						value={ String( value ) }
						onChange={ ( text: string ) =>
							setValue( input.name, text )
						}
					/>
				);
			} ) }
			<details className="aifo-run__drill">
				<summary>
					{ __( 'Drill a failure (administrators)', 'ai-failover' ) }
				</summary>
				<SelectControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Fail this step', 'ai-failover' ) }
					value={ drillStep }
					options={ [
						{ value: '', label: __( 'No drill', 'ai-failover' ) },
						...stepIds.map( ( id ) => ( {
							value: id,
							label: id,
						} ) ),
					] }
					onChange={ setDrillStep }
				/>
				<SelectControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'With this error class', 'ai-failover' ) }
					value={ drillClass }
					options={ ERROR_CLASSES.map( ( value ) => ( {
						value,
						label: value,
					} ) ) }
					onChange={ ( value: string ) =>
						setDrillClass( value as ErrorClass )
					}
				/>
			</details>
			<Button
				variant="primary"
				onClick={ run }
				disabled={ busy || postId === null }
				aria-disabled={ busy || postId === null }
			>
				{ __( 'Run workflow', 'ai-failover' ) }
			</Button>
			{ ( isDirty || isNew ) && ! busy && (
				<p className="aifo-run__hint">
					{ __(
						'Runs the saved workflow: unsaved changes are saved first.',
						'ai-failover'
					) }
				</p>
			) }
			<div aria-live="polite">
				{ runState.status === 'saving' && (
					<p>
						<Spinner /> { __( 'Saving…', 'ai-failover' ) }
					</p>
				) }
				{ runState.status === 'running' && (
					<p>
						<Spinner /> { __( 'Running…', 'ai-failover' ) }
					</p>
				) }
				{ runState.status === 'error' && (
					<Notice status="error" isDismissible={ false }>
						{ runState.error }
						{ runState.problems.length > 0 && (
							<ul>
								{ runState.problems.map( ( problem, index ) => (
									<li key={ index }>
										{ problem.step
											? `${ problem.step }: ${ problem.message }`
											: problem.message }
									</li>
								) ) }
							</ul>
						) }
					</Notice>
				) }
				{ runState.run && <RunSummary run={ runState.run } /> }
			</div>
		</div>
	);
}

/**
 * The finished run: outcome, output, and each step with its Diagnostics link.
 *
 * @param props     Props.
 * @param props.run The run.
 */
export function RunSummary( { run }: { run: WorkflowRun } ) {
	const statusText = {
		succeeded: __( 'Run succeeded', 'ai-failover' ),
		failed: __( 'Run failed', 'ai-failover' ),
		stopped:
			run.outcome === 'succeeded'
				? __( 'Run stopped by a Stop block (succeeded)', 'ai-failover' )
				: __( 'Run stopped by a Stop block (failed)', 'ai-failover' ),
	}[ run.status ];
	return (
		<div
			className={ `aifo-run__summary is-${ run.outcome }` }
			data-run-id={ run.id }
		>
			<p className="aifo-run__status">
				<strong>{ statusText }</strong>{ ' ' }
				{ sprintf(
					/* translators: %d: duration in milliseconds. */
					__( 'in %d ms.', 'ai-failover' ),
					Math.round( run.duration_ms )
				) }
			</p>
			{ run.message !== '' && <p>{ run.message }</p> }
			{ run.error && (
				<p>
					{ sprintf(
						/* translators: 1: error class, 2: message. */
						__( 'Error %1$s: %2$s', 'ai-failover' ),
						run.error.class,
						run.error.message
					) }
				</p>
			) }
			<p className="aifo-run__output-label">
				{ __( 'Output', 'ai-failover' ) }
			</p>
			<pre className="aifo-run__output">{ run.output }</pre>
			<ol className="aifo-run__steps">
				{ run.steps.map( ( record ) => (
					<li key={ record.id } className={ `is-${ record.status }` }>
						<strong>{ record.label || record.id }</strong>:{ ' ' }
						{ describeStep( record ).join( ' ' ) }
						{ record.run_id !== '' && (
							<>
								{ ' ' }
								<a href={ diagnosticsUrl( record.run_id ) }>
									{ __(
										'Open in Diagnostics',
										'ai-failover'
									) }
								</a>
							</>
						) }
					</li>
				) ) }
			</ol>
		</div>
	);
}
