/**
 * External dependencies
 */
import type { z } from 'zod';

/**
 * Internal dependencies
 */
import { AuditEntrySchema, AuditQuerySchema } from './audit';
import { CatalogEntrySchema, ModelListItemSchema } from './catalog-entry';
import { DrillResultSchema, FeatureDrillsStatusSchema } from './drill';
import {
	EventFacetsSchema,
	EventQuerySchema,
	EventSchema,
	HealthQuerySchema,
	HealthRowSchema,
	SummaryQuerySchema,
	SummarySchema,
} from './event';
import { FeatureSchema } from './feature';
import { PluginSettingsSchema } from './plugin-settings';
import { PolicyStateSchema } from './policy-state';
import { RunRequestSchema } from './run-request';
import { RunResultSchema } from './run-result';
import { ProviderInputSchema, ProviderSchema } from './provider';
import {
	QueueJobActionSchema,
	QueueJobQuerySchema,
	QueueJobSchema,
	QueueRunResultSchema,
	WorkflowTriggersSchema,
} from './queue';
import {
	ProviderKeyInputSchema,
	ProviderKeyPatchSchema,
	ProviderKeyTestSchema,
	ProviderKeySchema,
} from './provider-key';
import {
	FeatureSummarySchema,
	OnFailureBlockAttributesSchema,
	OutputBlockAttributesSchema,
	StepBlockAttributesSchema,
	StopBlockAttributesSchema,
	WorkflowBlockAttributesSchema,
	WorkflowRunRequestSchema,
	WorkflowRunSchema,
	WorkflowValidateRequestSchema,
	WorkflowValidationSchema,
	WritePostBlockAttributesSchema,
	ProvenanceListSchema,
} from './workflow';

export * from './attempt';
export * from './audit';
export * from './catalog-entry';
export * from './common';
export * from './drill';
export * from './engine-vocabulary';
export * from './event';
export * from './feature';
export * from './plugin-settings';
export * from './policy-state';
export * from './provider';
export * from './provider-key';
export * from './queue';
export * from './run-request';
export * from './run-result';
export * from './workflow';

/**
 * Every payload schema shared with PHP, by file name.
 *
 * `npm run build:schemas` writes includes/Schema/json/<name>.schema.json for
 * each entry, and the contract fixtures live in
 * tests/fixtures/contracts/<name>/{valid,invalid}/.
 *
 * @see \AI_Failover\Schema\Schema_Registry
 */
export const schemaRegistry = {
	'audit-entry': AuditEntrySchema,
	'audit-query': AuditQuerySchema,
	'catalog-entry': CatalogEntrySchema,
	'drill-result': DrillResultSchema,
	'drill-status': FeatureDrillsStatusSchema,
	event: EventSchema,
	'event-facets': EventFacetsSchema,
	'event-query': EventQuerySchema,
	feature: FeatureSchema,
	'health-query': HealthQuerySchema,
	'health-row': HealthRowSchema,
	'model-list-item': ModelListItemSchema,
	'plugin-settings': PluginSettingsSchema,
	'policy-state': PolicyStateSchema,
	provider: ProviderSchema,
	'provider-input': ProviderInputSchema,
	'provider-key': ProviderKeySchema,
	'provider-key-input': ProviderKeyInputSchema,
	'provider-key-patch': ProviderKeyPatchSchema,
	'provider-key-test': ProviderKeyTestSchema,
	'run-request': RunRequestSchema,
	'run-result': RunResultSchema,
	summary: SummarySchema,
	'summary-query': SummaryQuerySchema,
	'workflow-block-attributes': WorkflowBlockAttributesSchema,
	'workflow-step-attributes': StepBlockAttributesSchema,
	'workflow-on-failure-attributes': OnFailureBlockAttributesSchema,
	'workflow-stop-attributes': StopBlockAttributesSchema,
	'workflow-output-attributes': OutputBlockAttributesSchema,
	'workflow-write-post-attributes': WritePostBlockAttributesSchema,
	provenance: ProvenanceListSchema,
	'workflow-validate-request': WorkflowValidateRequestSchema,
	'workflow-validation': WorkflowValidationSchema,
	'workflow-run-request': WorkflowRunRequestSchema,
	'workflow-run': WorkflowRunSchema,
	'feature-summary': FeatureSummarySchema,
	'queue-job': QueueJobSchema,
	'queue-job-query': QueueJobQuerySchema,
	'queue-job-action': QueueJobActionSchema,
	'queue-run-result': QueueRunResultSchema,
	'workflow-triggers': WorkflowTriggersSchema,
} as const satisfies Record< string, z.ZodType >;

export type SchemaName = keyof typeof schemaRegistry;
