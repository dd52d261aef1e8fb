/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Provider } from '../../../../schemas';
import type { UseFeatureForm } from '../../../hooks/use-feature-form';
import { RouteFields } from '../../route-fields';
import { Section } from '../section';
import type { SectionProps } from '../types';

type Props = SectionProps & {
	providers: Provider[];
	setRoute: UseFeatureForm[ 'setRoute' ];
};

/**
 * The route every request tries first.
 *
 * @param props Props.
 */
export function PrimarySection( props: Props ) {
	const { form, fieldErrors, prefix, providers, setRoute } = props;
	return (
		<Section title={ __( 'Primary route', 'ai-failover' ) }>
			{ providers.length === 0 && (
				<p className="aifo-feature-form__hint">
					{ __(
						'There are no providers yet: add one on the Providers tab first.',
						'ai-failover'
					) }
				</p>
			) }
			<RouteFields
				idPrefix={ `${ prefix }-primary` }
				path="primary"
				route={ form.primary }
				providers={ providers }
				fieldErrors={ fieldErrors }
				showWeight={ form.strategy === 'balanced' }
				onChange={ ( field, value ) =>
					setRoute( 'primary', field, value )
				}
			/>
		</Section>
	);
}
