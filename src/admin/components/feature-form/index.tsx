/**
 * WordPress dependencies
 */
import { Button, Notice } from '@wordpress/components';
import { useEffect, useMemo, useRef } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { FieldErrors } from '../../../api/errors';
import { focusFirstError } from '../../../components/field-error';
import type { Feature, Provider } from '../../../schemas';
import { useFeatureForm } from '../../hooks/use-feature-form';
import { BudgetSection } from './budget-section';
import { ErrorRateSection } from './error-rate-section';
import { knownPaths } from './known-paths';
import { AccessSection } from './sections/access';
import { AlertsSection } from './sections/alerts';
import { DegradedNoticeSection } from './sections/degraded-notice';
import { DrillsSection } from './sections/drills';
import { FallbacksSection } from './sections/fallbacks';
import { IdentitySection } from './sections/identity';
import { RetriesSection, TimeoutsSection } from './sections/limits';
import { PrimarySection } from './sections/primary';
import { PrivacySection } from './sections/privacy';
import { RegionsSection } from './sections/regions';
import { CompatibilitySection } from './sections/compatibility';
import { LatencySection } from './sections/latency';
import { QualitySection } from './sections/quality';
import { RoutingSection } from './sections/routing';
import { ThroughputSection } from './sections/throughput';
import { TierSection } from './sections/tier';
import { TriggersSection } from './sections/triggers';
import { WorstCaseSummary } from './sections/worst-case';
import type { SectionProps } from './types';

export { triggerLabel } from './labels';

type Props = {
	/** Feature to edit; null to create one. */
	feature: Feature | null;
	providers: Provider[];
	onSaved: ( feature: Feature, isNew: boolean ) => void;
	onCancel: () => void;
};

/**
 * Creates or edits a feature: its routes, when it falls back, retries,
 * timeouts and routing preferences. A save is checked first with the schema
 * the server uses: every error shows at once next to its field, in plain
 * words, and focus moves to the first one. The server's errors (same schema,
 * plus rules such as "that provider was deleted meanwhile") come back by
 * path, such as `fallbacks[0].provider_id`, and show the same way.
 *
 * @param props Props.
 */
export function FeatureForm( props: Props ) {
	const { feature, providers, onSaved, onCancel } = props;
	const providerIds = useMemo(
		() => providers.map( ( provider ) => provider.id ),
		[ providers ]
	);
	const state = useFeatureForm( feature, providerIds );
	const { form, isNew, isSaving, fieldErrors, error, refusals } = state;
	const formRef = useRef< HTMLFormElement >( null );
	const prefix = isNew ? 'aifo-feature-new' : `aifo-feature-${ form.id }`;

	useEffect( () => {
		if ( refusals > 0 ) {
			focusFirstError( formRef.current );
		}
	}, [ refusals ] );

	const sectionProps: SectionProps = {
		form,
		update: state.update,
		fieldErrors,
		prefix,
		errorId: ( path: string ) =>
			`${ prefix }-error-${ path.replace( /[^a-z0-9_-]/gi, '-' ) }`,
	};

	const known = knownPaths( form.fallbacks.length );
	const unclaimed: FieldErrors = Object.fromEntries(
		Object.entries( fieldErrors ).filter(
			( [ path ] ) => ! known.has( path )
		)
	);
	const errorCount = Object.keys( fieldErrors ).length;

	const submit = async () => {
		const saved = await state.save();
		if ( saved ) {
			onSaved( saved, isNew );
		}
	};

	return (
		<form
			ref={ formRef }
			className="aifo-feature-form"
			noValidate
			onSubmit={ ( event ) => {
				event.preventDefault();
				void submit();
			} }
		>
			{ error && (
				<Notice
					className="aifo-feature-form__notice"
					status="error"
					isDismissible={ false }
				>
					<p>{ error }</p>
					{ errorCount > 0 && (
						<p>
							{ sprintf(
								/* translators: %d: number of fields with an error. */
								_n(
									'%d field needs correcting; it is marked below.',
									'%d fields need correcting; each is marked below.',
									errorCount,
									'ai-failover'
								),
								errorCount
							) }
						</p>
					) }
					{ Object.keys( unclaimed ).length > 0 && (
						<ul className="aifo-feature-form__other-errors">
							{ Object.entries( unclaimed ).map(
								( [ path, message ] ) => (
									<li key={ path }>
										<code>{ path }</code> { message }
									</li>
								)
							) }
						</ul>
					) }
				</Notice>
			) }
			<IdentitySection { ...sectionProps } isNew={ isNew } />
			<PrimarySection
				{ ...sectionProps }
				providers={ providers }
				setRoute={ state.setRoute }
			/>
			<FallbacksSection
				{ ...sectionProps }
				providers={ providers }
				setRoute={ state.setRoute }
				addFallback={ state.addFallback }
				removeFallback={ state.removeFallback }
				moveFallback={ state.moveFallback }
			/>
			<TriggersSection { ...sectionProps } />
			<RetriesSection { ...sectionProps } />
			<TimeoutsSection { ...sectionProps } />
			<RoutingSection { ...sectionProps } />
			<PrivacySection { ...sectionProps } providers={ providers } />
			<RegionsSection { ...sectionProps } providers={ providers } />
			<CompatibilitySection { ...sectionProps } providers={ providers } />
			<QualitySection { ...sectionProps } />
			<LatencySection { ...sectionProps } />
			<ThroughputSection { ...sectionProps } />
			<DegradedNoticeSection { ...sectionProps } />
			<AlertsSection { ...sectionProps } />
			<ErrorRateSection
				value={ form.error_rate_breaker }
				fieldErrors={ fieldErrors }
				errorId={ sectionProps.errorId }
				onChange={ ( next, path ) =>
					state.update(
						( current ) => ( {
							...current,
							error_rate_breaker: next,
						} ),
						path
					)
				}
			/>
			<BudgetSection
				form={ form }
				fieldErrors={ fieldErrors }
				errorId={ sectionProps.errorId }
				onChange={ state.update }
			/>
			<AccessSection { ...sectionProps } />
			<TierSection { ...sectionProps } />
			<DrillsSection { ...sectionProps } />
			<WorstCaseSummary form={ form } />
			<div className="aifo-form-actions">
				<Button
					type="submit"
					variant="primary"
					isBusy={ isSaving }
					disabled={ isSaving }
				>
					{ isNew
						? __( 'Create feature', 'ai-failover' )
						: __( 'Save feature', 'ai-failover' ) }
				</Button>
				<Button variant="tertiary" onClick={ onCancel }>
					{ __( 'Cancel', 'ai-failover' ) }
				</Button>
			</div>
		</form>
	);
}
