/**
 * WordPress dependencies
 */
import {
	InspectorControls,
	useBlockProps,
	useInnerBlocksProps,
} from '@wordpress/block-editor';
import { createBlock, type BlockEditProps } from '@wordpress/blocks';
import {
	Button,
	PanelBody,
	SelectControl,
	TextControl,
	TextareaControl,
} from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { useMemo } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../src/lib/control-size';
import {
	StepValidationSchema,
	WORKFLOW_BLOCKS,
	type StepValidation,
} from '../../src/schemas/workflow';
import { readRules } from '../../src/workflow-editor/analyze';
import { FeatureChain } from '../../src/workflow-editor/components/feature-chain';
import { IssueList } from '../../src/workflow-editor/components/issue-list';
import { StepResult } from '../../src/workflow-editor/components/step-result';
import {
	summarizeRules,
	ValidationRules,
} from '../../src/workflow-editor/components/validation-rules';
import { VariablePicker } from '../../src/workflow-editor/components/variable-picker';
import {
	useAnalysis,
	useBlockIssues,
	useFeatures,
} from '../../src/workflow-editor/hooks';
import { useAddInput } from '../../src/workflow-editor/use-add-input';
import { store } from '../../src/workflow-editor/store';
import { useStepId } from '../../src/workflow-editor/use-step-id';
import {
	blockEditorOf,
	type BlockEditorActions,
} from '../../src/workflow-editor/wp-stores';

export type StepAttributes = {
	stepId: string;
	label: string;
	feature: string;
	prompt: string;
	validation?: StepValidation;
};

const BRANCHES = [ WORKFLOW_BLOCKS.onSuccess, WORKFLOW_BLOCKS.onFailure ];

/**
 * A step in the canvas: number, label, feature and its routes, the prompt,
 * the rules, problems, the last run's result, then its branches with
 * buttons to add them; everything is edited in the sidebar.
 *
 * @param props               Block edit props.
 * @param props.attributes    Attributes.
 * @param props.setAttributes Attribute setter.
 * @param props.clientId      Block client id.
 */
export default function Edit( {
	attributes,
	setAttributes,
	clientId,
}: BlockEditProps< StepAttributes > ) {
	const { stepId, label, feature, prompt } = attributes;
	const rules =
		StepValidationSchema.safeParse( readRules( attributes.validation ) )
			.data ?? {};
	useStepId( clientId, stepId );
	const analysis = useAnalysis();
	const issues = useBlockIssues( clientId, stepId );
	const { features, error: featuresError } = useFeatures();
	const addInput = useAddInput();
	const live = useSelect(
		( select ) => select( store ).getStepResult( stepId ),
		[ stepId ]
	);
	const innerBlocks = useSelect(
		( select ) => blockEditorOf( select ).getBlocks( clientId ),
		[ clientId ]
	);
	const branches = useMemo(
		() =>
			innerBlocks.map( ( block ) => ( {
				name: block.name,
				errorClasses: Array.isArray( block.attributes.errorClasses )
					? ( block.attributes.errorClasses as string[] )
					: [],
			} ) ),
		[ innerBlocks ]
	);
	const { insertBlock } = useDispatch(
		'core/block-editor'
	) as unknown as BlockEditorActions;

	const number = analysis.numbers[ clientId ] ?? '';
	const scope = analysis.scopes[ clientId ];
	const chosen = features?.find( ( f ) => f.id === feature ) ?? null;
	const hasSuccess = branches.some(
		( b ) => b.name === WORKFLOW_BLOCKS.onSuccess
	);
	const failures = branches.filter(
		( b ) => b.name === WORKFLOW_BLOCKS.onFailure
	);
	const catchesAll = failures.some( ( b ) => b.errorClasses.length === 0 );
	const hasErrors = issues.some( ( i ) => i.severity === 'error' );
	const title = label || stepId;

	const blockProps = useBlockProps( {
		className: [
			'aifo-step',
			hasErrors ? 'has-errors' : '',
			live?.status === 'running' ? 'is-running' : '',
			live?.status === 'finished' ? `is-${ live.record.status }` : '',
		]
			.filter( Boolean )
			.join( ' ' ),
		// WordPress names the block ("Block: <label>", see index.ts); the
		// number and id are for tests and styles.
		'data-step': `${ number } ${ stepId }`,
	} );
	const innerBlocksProps = useInnerBlocksProps(
		{ className: 'aifo-step__branches' },
		{
			allowedBlocks: BRANCHES,
			renderAppender: false,
			orientation: 'horizontal',
		}
	);
	const addBranch = ( name: string ) =>
		insertBlock( createBlock( name ), undefined, clientId, true );
	const featureOptions = [
		{ value: '', label: __( 'Choose a feature…', 'ai-failover' ) },
		...( features ?? [] ).map( ( f ) => ( {
			value: f.id,
			label: `${ f.label } (${ f.id })`,
		} ) ),
		...( feature !== '' && ! chosen
			? [
					{
						value: feature,
						label: sprintf(
							/* translators: %s: feature id. */
							__( '%s (not found)', 'ai-failover' ),
							feature
						),
					},
				]
			: [] ),
	];
	const ruleSummary = summarizeRules( rules );

	return (
		<>
			<InspectorControls>
				<PanelBody
					title={ sprintf(
						/* translators: %s: step number. */
						__( 'Step %s', 'ai-failover' ),
						number
					) }
				>
					<TextControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Label', 'ai-failover' ) }
						value={ label }
						onChange={ ( value: string ) =>
							setAttributes( { label: value } )
						}
					/>
					<TextControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Step id', 'ai-failover' ) }
						help={ sprintf(
							/* translators: %s: variable, e.g. {{steps.step_1.output}}. */
							__(
								'Later steps use its output as %s.',
								'ai-failover'
							),
							`{{steps.${ stepId }.output}}`
						) }
						value={ stepId }
						onChange={ ( value: string ) =>
							setAttributes( { stepId: value.trim() } )
						}
					/>
					<SelectControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Feature', 'ai-failover' ) }
						value={ feature }
						options={ featureOptions }
						onChange={ ( value: string ) =>
							setAttributes( { feature: value } )
						}
					/>
					{ featuresError !== '' && (
						<p className="aifo-step__features-error">
							{ featuresError }
						</p>
					) }
					{ chosen && (
						<div className="aifo-step__chain-panel">
							<p className="aifo-step__chain-title">
								{ __(
									'Feature chain (the feature’s own failover)',
									'ai-failover'
								) }
							</p>
							<FeatureChain feature={ chosen } />
						</div>
					) }
				</PanelBody>
				<PanelBody title={ __( 'Prompt', 'ai-failover' ) }>
					<TextareaControl
						__nextHasNoMarginBottom
						label={ __( 'Prompt template', 'ai-failover' ) }
						rows={ 6 }
						value={ prompt }
						onChange={ ( value: string ) =>
							setAttributes( { prompt: value } )
						}
					/>
					<VariablePicker
						scope={ scope }
						onInsert={ ( text ) =>
							setAttributes( {
								prompt:
									prompt === '' || /\s$/.test( prompt )
										? prompt + text
										: `${ prompt } ${ text }`,
							} )
						}
					/>
				</PanelBody>
				<PanelBody
					title={ __( 'Validation rules', 'ai-failover' ) }
					initialOpen={ ruleSummary.length > 0 }
				>
					<p className="aifo-step__rules-help">
						{ __(
							'An output that breaks a rule fails the step with validation_failed.',
							'ai-failover'
						) }
					</p>
					<ValidationRules
						rules={ rules }
						onChange={ ( validation ) =>
							setAttributes( { validation } )
						}
					/>
				</PanelBody>
			</InspectorControls>
			<div { ...blockProps }>
				<div className="aifo-step__header">
					<span className="aifo-step__number" aria-hidden="true">
						{ number }
					</span>
					<span className="aifo-step__title">
						<span className="aifo-step__kind">
							{ sprintf(
								/* translators: %s: step number. */
								__( 'Step %s', 'ai-failover' ),
								number
							) }
						</span>
						<span className="aifo-step__label">{ title }</span>
					</span>
					<span className="aifo-step__feature">
						{ chosen
							? chosen.label
							: feature || __( 'No feature', 'ai-failover' ) }
					</span>
				</div>
				{ chosen && <FeatureChain feature={ chosen } compact /> }
				<p className="aifo-step__prompt">
					{ prompt || (
						<em>{ __( 'No prompt yet.', 'ai-failover' ) }</em>
					) }
				</p>
				{ ruleSummary.length > 0 && (
					<p className="aifo-step__rules">
						<span>{ __( 'Rules:', 'ai-failover' ) }</span>{ ' ' }
						{ ruleSummary.join( ' · ' ) }
					</p>
				) }
				<IssueList issues={ issues } onAddInput={ addInput } />
				<StepResult live={ live } />
				<div { ...innerBlocksProps } />
				<div className="aifo-step__footer">
					{ ! catchesAll && (
						<p className="aifo-step__unhandled">
							{ failures.length === 0
								? __(
										'If this step fails, the whole run fails.',
										'ai-failover'
									)
								: __(
										'Errors no On failure branch lists fail the whole run.',
										'ai-failover'
									) }
						</p>
					) }
					<div className="aifo-step__add">
						{ ! hasSuccess && (
							<Button
								variant="secondary"
								className="aifo-step__add-success"
								onClick={ () =>
									addBranch( WORKFLOW_BLOCKS.onSuccess )
								}
							>
								{ __( '+ On success', 'ai-failover' ) }
							</Button>
						) }
						<Button
							variant="secondary"
							className="aifo-step__add-failure"
							onClick={ () =>
								addBranch( WORKFLOW_BLOCKS.onFailure )
							}
						>
							{ __( '+ On failure', 'ai-failover' ) }
						</Button>
					</div>
				</div>
			</div>
		</>
	);
}
