/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import { StepClassSchema } from './attempt';
import { FeatureDrillsSchema } from './feature';

/**
 * One drilled failure of a scheduled drill.
 *
 * @see \AI_Failover\Governance\Drill_Schedule::drill()
 */
export const DrillStepSchema = z.strictObject( {
	error_class: StepClassSchema.describe(
		'The failure injected on the primary route.'
	),
	held: z.boolean().describe( 'The run was still answered.' ),
	status: z.string(),
	served_by: z
		.string()
		.describe( 'Route that answered ("provider/model"), empty when none.' ),
	run_id: z.string(),
	duration_ms: z.number().min( 0 ),
	cost: z.number().min( 0 ),
	reason: z.string().describe( 'Why it did not hold, else empty.' ),
} );

/** A scheduled (or run-now) drill of a feature's chain. */
export const DrillResultSchema = z.strictObject( {
	feature: z.string(),
	ran_at: z.string().describe( 'ISO 8601, UTC.' ),
	trigger: z.enum( [ 'schedule', 'manual' ] ),
	held: z.boolean().describe( 'Every drilled failure was still answered.' ),
	duration_ms: z.number().min( 0 ),
	cost: z.number().min( 0 ).describe( 'Estimated USD of the drill.' ),
	steps: z.array( DrillStepSchema ),
} );

export type DrillResult = z.output< typeof DrillResultSchema >;

/** GET /drills: each feature's drill settings and kept results, newest first. */
export const FeatureDrillsStatusSchema = z.strictObject( {
	feature: z.string(),
	label: z.string(),
	drills: FeatureDrillsSchema,
	next_at: z
		.union( [ z.string(), z.null() ] )
		.describe(
			'When the next scheduled drill is due (ISO 8601); null when off.'
		),
	results: z.array( DrillResultSchema ),
} );

export type FeatureDrillsStatus = z.output< typeof FeatureDrillsStatusSchema >;

export const FeatureDrillsStatusListSchema = z.array(
	FeatureDrillsStatusSchema
);
