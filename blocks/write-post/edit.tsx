/**
 * WordPress dependencies
 */
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import { PanelBody, SelectControl, TextControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../src/lib/control-size';
import type { WRITE_ACTIONS, WRITE_FIELDS } from '../../src/schemas/workflow';
import { IssueList } from '../../src/workflow-editor/components/issue-list';
import { VariablePicker } from '../../src/workflow-editor/components/variable-picker';
import { useAnalysis, useBlockIssues } from '../../src/workflow-editor/hooks';
import { useAddInput } from '../../src/workflow-editor/use-add-input';

type WriteAction = ( typeof WRITE_ACTIONS )[ number ];
type WriteField = ( typeof WRITE_FIELDS )[ number ];

export type WritePostAttributes = {
	action: WriteAction;
	source: string;
	field: WriteField;
	postId: string;
	metaKey: string;
	postType: string;
	title: string;
};

const FIELD_LABELS: Record< WriteField, string > = {
	title: __( 'Title', 'ai-failover' ),
	content: __( 'Content', 'ai-failover' ),
	excerpt: __( 'Excerpt', 'ai-failover' ),
};

/**
 * One sentence saying what the block writes where.
 *
 * @param attributes Attributes.
 * @return Summary.
 */
export function writeSummary( attributes: WritePostAttributes ): string {
	const source = attributes.source || __( '(no step)', 'ai-failover' );
	if ( attributes.action === 'create_draft' ) {
		return sprintf(
			/* translators: 1: Step id, 2: Field, 3: Post type. */
			__(
				'Writes the output of %1$s into the %2$s of a new %3$s draft.',
				'ai-failover'
			),
			source,
			FIELD_LABELS[ attributes.field ].toLowerCase(),
			attributes.postType
		);
	}
	if ( attributes.action === 'set_meta' ) {
		return sprintf(
			/* translators: 1: Step id, 2: Meta key, 3: Post id template. */
			__(
				'Writes the output of %1$s into the meta "%2$s" of post %3$s.',
				'ai-failover'
			),
			source,
			attributes.metaKey,
			attributes.postId
		);
	}
	return sprintf(
		/* translators: 1: Step id, 2: Field, 3: Post id template. */
		__(
			'Writes the output of %1$s into the %2$s of post %3$s.',
			'ai-failover'
		),
		source,
		FIELD_LABELS[ attributes.field ].toLowerCase(),
		attributes.postId
	);
}

/**
 * Writes a step's output into a post; the post records which model wrote
 * it. The step must run before this block on every path (its output is
 * in scope), and a step that failed without a stand-in writes nothing.
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
}: BlockEditProps< WritePostAttributes > ) {
	const { action, source, field, postId, metaKey, postType, title } =
		attributes;
	const scope = useAnalysis().scopes[ clientId ];
	const issues = useBlockIssues( clientId, null );
	const addInput = useAddInput();
	const blockProps = useBlockProps( { className: 'aifo-write-post' } );
	const steps = scope?.steps ?? [];
	return (
		<>
			<InspectorControls>
				<PanelBody title={ __( 'Write to post', 'ai-failover' ) }>
					<SelectControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Write', 'ai-failover' ) }
						value={ action }
						options={ [
							{
								value: 'update_post',
								label: __(
									'Into a field of a post',
									'ai-failover'
								),
							},
							{
								value: 'create_draft',
								label: __( 'A new draft', 'ai-failover' ),
							},
							{
								value: 'set_meta',
								label: __(
									'Into a meta value of a post',
									'ai-failover'
								),
							},
						] }
						onChange={ ( value: string ) =>
							setAttributes( { action: value as WriteAction } )
						}
					/>
					<SelectControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Output of step', 'ai-failover' ) }
						value={ source }
						options={ [
							{
								value: '',
								label: __( 'Pick a step', 'ai-failover' ),
							},
							...steps.map( ( id ) => ( {
								value: id,
								label: id,
							} ) ),
						] }
						onChange={ ( value: string ) =>
							setAttributes( { source: value } )
						}
					/>
					{ action !== 'set_meta' && (
						<SelectControl
							{ ...controlSize() }
							__nextHasNoMarginBottom
							label={ __( 'Field', 'ai-failover' ) }
							value={ field }
							options={ (
								Object.keys( FIELD_LABELS ) as WriteField[]
							 ).map( ( value ) => ( {
								value,
								label: FIELD_LABELS[ value ],
							} ) ) }
							onChange={ ( value: string ) =>
								setAttributes( { field: value as WriteField } )
							}
						/>
					) }
					{ action === 'set_meta' && (
						<TextControl
							{ ...controlSize() }
							__nextHasNoMarginBottom
							label={ __( 'Meta key', 'ai-failover' ) }
							value={ metaKey }
							onChange={ ( value: string ) =>
								setAttributes( { metaKey: value } )
							}
						/>
					) }
					{ action === 'create_draft' ? (
						<>
							<TextControl
								{ ...controlSize() }
								__nextHasNoMarginBottom
								label={ __( 'Post type', 'ai-failover' ) }
								value={ postType }
								onChange={ ( value: string ) =>
									setAttributes( { postType: value } )
								}
							/>
							{ field !== 'title' && (
								<TextControl
									{ ...controlSize() }
									__nextHasNoMarginBottom
									label={ __(
										'Draft title (template)',
										'ai-failover'
									) }
									value={ title }
									onChange={ ( value: string ) =>
										setAttributes( { title: value } )
									}
								/>
							) }
						</>
					) : (
						<TextControl
							{ ...controlSize() }
							__nextHasNoMarginBottom
							label={ __( 'Post id (template)', 'ai-failover' ) }
							help={ __(
								'A number, or a variable such as {{input.post_id}}.',
								'ai-failover'
							) }
							value={ postId }
							onChange={ ( value: string ) =>
								setAttributes( { postId: value } )
							}
						/>
					) }
					<VariablePicker
						scope={ scope }
						onInsert={ ( text ) =>
							action === 'create_draft'
								? setAttributes( { title: title + text } )
								: setAttributes( { postId: postId + text } )
						}
					/>
				</PanelBody>
			</InspectorControls>
			<div { ...blockProps }>
				<div className="aifo-write-post__header">
					<span className="aifo-write-post__icon" aria-hidden="true">
						✎
					</span>
					<span className="aifo-write-post__title">
						{ __( 'Write to post', 'ai-failover' ) }
					</span>
				</div>
				<p className="aifo-write-post__summary">
					{ writeSummary( attributes ) }
				</p>
				<IssueList issues={ issues } onAddInput={ addInput } />
			</div>
		</>
	);
}
