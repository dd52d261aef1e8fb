/**
 * WordPress dependencies
 */
import {
	CheckboxControl,
	SelectControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../lib/control-size';
import {
	SCHEDULE_RECURRENCES,
	ScheduleTriggerSchema,
	WorkflowTriggersSchema,
	type WorkflowTriggers,
} from '../../schemas/queue';
import type { WorkflowInput } from '../../schemas/workflow';

/** The post meta the triggers live in (registered in PHP, administrators only). */
export const TRIGGERS_META_KEY = '_aifo_triggers';

type PostType = { slug: string; name: string; viewable?: boolean };

type Props = {
	inputs: WorkflowInput[];
};

/**
 * The stored triggers, with the schema's defaults for what is missing.
 *
 * @param meta The post's meta as the editor holds it.
 * @return Triggers.
 */
export function readTriggers( meta: unknown ): WorkflowTriggers {
	const stored =
		meta && typeof meta === 'object'
			? ( meta as Record< string, unknown > )[ TRIGGERS_META_KEY ]
			: undefined;
	const parsed = WorkflowTriggersSchema.safeParse( stored ?? {} );
	return parsed.success ? parsed.data : WorkflowTriggersSchema.parse( {} );
}

/**
 * The problem of a cron expression, or null (the server checks the ranges
 * again when the workflow is saved).
 *
 * @param cron Expression.
 * @return Message or null.
 */
export function cronProblem( cron: string ): string | null {
	const pattern = ScheduleTriggerSchema.shape.cron.safeParse( cron );
	if ( ! pattern.success ) {
		return sprintf(
			/* translators: %s: an example cron expression. */
			__(
				'Five fields: minute hour day-of-month month day-of-week, for example %s.',
				'ai-failover'
			),
			'0 8 * * 1-5'
		);
	}
	const bounds = [
		[ 0, 59 ],
		[ 0, 23 ],
		[ 1, 31 ],
		[ 1, 12 ],
		[ 0, 7 ],
	] as const;
	const fields = cron.trim().split( /\s+/ );
	const outOfRange = fields.some( ( field, index ) =>
		( field.match( /\d+/g ) ?? [] ).some( ( value, at, all ) => {
			const n = Number( value );
			const isStep = field.includes( '/' ) && at === all.length - 1;
			const [ min, max ] = bounds[ index ] ?? [ 0, 59 ];
			return isStep ? n < 1 : n < min || n > max;
		} )
	);
	return outOfRange
		? __(
				'A value is out of range: minute 0–59, hour 0–23, day 1–31, month 1–12, weekday 0–7.',
				'ai-failover'
			)
		: null;
}

/**
 * The workflow's triggers (administrators only): a schedule with fixed
 * inputs, and runs when posts are published. Both go through the queue;
 * manual runs from the Run panel stay immediate.
 *
 * @param props        Props.
 * @param props.inputs Declared inputs (the schedule's fixed values).
 */
export function TriggersPanel( { inputs }: Props ) {
	const { triggers, postTypes } = useSelect( ( select ) => {
		const editor = (
			select as unknown as (
				store: string
			) => { getEditedPostAttribute: ( name: string ) => unknown } | null
		 )( 'core/editor' );
		const core = (
			select as unknown as ( store: string ) => {
				getPostTypes: ( query: object ) => PostType[] | null;
			} | null
		 )( 'core' );
		return {
			triggers: readTriggers( editor?.getEditedPostAttribute( 'meta' ) ),
			postTypes: ( core?.getPostTypes( { per_page: -1 } ) ?? [] ).filter(
				( type ) => type.viewable && type.slug !== 'attachment'
			),
		};
	}, [] );
	const { editPost } = useDispatch( 'core/editor' ) as unknown as {
		editPost: ( edits: Record< string, unknown > ) => void;
	};
	const save = ( next: WorkflowTriggers ) =>
		editPost( { meta: { [ TRIGGERS_META_KEY ]: next } } );
	const schedule = triggers.schedule;
	const publish = triggers.publish;
	const problem =
		schedule.recurrence === 'cron' ? cronProblem( schedule.cron ) : null;

	return (
		<div className="aifo-triggers">
			<ToggleControl
				__nextHasNoMarginBottom
				label={ __( 'Run on a schedule', 'ai-failover' ) }
				checked={ schedule.enabled }
				onChange={ ( enabled ) =>
					save( { ...triggers, schedule: { ...schedule, enabled } } )
				}
			/>
			{ schedule.enabled && (
				<>
					<SelectControl
						{ ...controlSize() }
						label={ __( 'Recurrence', 'ai-failover' ) }
						value={ schedule.recurrence }
						options={ SCHEDULE_RECURRENCES.map( ( value ) => ( {
							value,
							label: {
								hourly: __(
									'Hourly (minute 0)',
									'ai-failover'
								),
								daily: __( 'Daily (00:00)', 'ai-failover' ),
								weekly: __(
									'Weekly (Monday 00:00)',
									'ai-failover'
								),
								cron: __( 'Cron expression', 'ai-failover' ),
							}[ value ],
						} ) ) }
						onChange={ ( recurrence ) =>
							save( {
								...triggers,
								schedule: {
									...schedule,
									recurrence:
										recurrence as WorkflowTriggers[ 'schedule' ][ 'recurrence' ],
								},
							} )
						}
						help={ __(
							'In the site’s time zone. A missed slot is not made up: only the latest runs.',
							'ai-failover'
						) }
					/>
					{ schedule.recurrence === 'cron' && (
						<TextControl
							{ ...controlSize() }
							label={ __( 'Cron expression', 'ai-failover' ) }
							value={ schedule.cron }
							onChange={ ( cron ) =>
								save( {
									...triggers,
									schedule: { ...schedule, cron },
								} )
							}
							help={
								problem ??
								__(
									'minute hour day-of-month month day-of-week',
									'ai-failover'
								)
							}
							aria-invalid={ problem !== null }
							className={ problem ? 'is-invalid' : '' }
						/>
					) }
					{ inputs.map( ( input ) => (
						<TextControl
							{ ...controlSize() }
							key={ input.name }
							label={ input.label || input.name }
							value={ String(
								schedule.input[ input.name ] ?? input.default
							) }
							onChange={ ( value ) =>
								save( {
									...triggers,
									schedule: {
										...schedule,
										input: {
											...schedule.input,
											[ input.name ]: value,
										},
									},
								} )
							}
						/>
					) ) }
				</>
			) }
			<ToggleControl
				__nextHasNoMarginBottom
				label={ __( 'Run when a post is published', 'ai-failover' ) }
				checked={ publish.enabled }
				onChange={ ( enabled ) =>
					save( { ...triggers, publish: { ...publish, enabled } } )
				}
				help={ __(
					'Queued, so saving is never slower. The post is the input: {{post.title}}, {{post.content}}, {{post.excerpt}}, {{post.meta.<key>}}. Saves made by a workflow never trigger one.',
					'ai-failover'
				) }
			/>
			{ publish.enabled && (
				<>
					<fieldset>
						<legend>{ __( 'Post types', 'ai-failover' ) }</legend>
						{ postTypes.map( ( type ) => (
							<CheckboxControl
								__nextHasNoMarginBottom
								key={ type.slug }
								label={ type.name }
								checked={ publish.post_types.includes(
									type.slug
								) }
								onChange={ ( checked ) =>
									save( {
										...triggers,
										publish: {
											...publish,
											post_types: checked
												? [
														...publish.post_types,
														type.slug,
													]
												: publish.post_types.filter(
														( slug ) =>
															slug !== type.slug
													),
										},
									} )
								}
							/>
						) ) }
					</fieldset>
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __(
							'Also when a published post is updated',
							'ai-failover'
						) }
						checked={ publish.on_update }
						onChange={ ( onUpdate ) =>
							save( {
								...triggers,
								publish: { ...publish, on_update: onUpdate },
							} )
						}
					/>
				</>
			) }
		</div>
	);
}
