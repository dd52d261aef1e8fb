/**
 * Internal dependencies
 */
import type { ErrorClass } from '../../../schemas';

/** A route of the feature, for the drills. */
export type FeatureRoute = {
	/** "provider/model", as the engine names it. */
	id: string;
	/** "primary" or "fallback N", translated. */
	role: string;
};

/** The simulated failure of one route. */
export type Drill = { enabled: boolean; errorClass: ErrorClass };
