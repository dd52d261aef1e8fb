/**
 * Attributes of `ai-failover/workflow`, as declared in block.json.
 */
export type WorkflowAttributes = {
	label: string;
};

/** Blocks allowed inside the workflow until the step blocks exist. */
export const ALLOWED_BLOCKS = [ 'core/paragraph', 'core/heading' ];
