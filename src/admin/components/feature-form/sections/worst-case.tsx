/**
 * WordPress dependencies
 */
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { FeatureForm } from '../../../hooks/use-feature-form';
import { worstCase } from '../../../lib/worst-case';

/**
 * The feature's worst case as it is being edited: the longest a request
 * can take and the most it can cost within these bounds.
 *
 * @param props      Props.
 * @param props.form Form values.
 */
export function WorstCaseSummary( { form }: { form: FeatureForm } ) {
	const worst = worstCase( form );
	if ( ! worst ) {
		return null;
	}
	const seconds = ( worst.longestMs / 1000 ).toFixed( 1 );
	return (
		<div className="aifo-feature-form__worst-case" aria-live="polite">
			<p className="aifo-feature-form__label">
				{ __( 'Worst case of a request', 'ai-failover' ) }
			</p>
			<ul>
				<li>
					{ sprintf(
						/* translators: 1: seconds, 2: attempts, 3: routes. */
						_n(
							'Longest time: %1$s s (%2$d attempts on %3$d route, each up to its attempt timeout, with the retry delays).',
							'Longest time: %1$s s (%2$d attempts on %3$d routes, each up to its attempt timeout, with the retry delays).',
							worst.routes,
							'ai-failover'
						),
						seconds,
						worst.attempts,
						worst.routes
					) }
					{ worst.boundByBudget &&
						' ' +
							__(
								'The total time budget stops it there.',
								'ai-failover'
							) }
				</li>
				<li>
					{ worst.highestCost === null
						? __(
								'Highest cost: not bounded; set a cost ceiling per request to bound it.',
								'ai-failover'
							)
						: sprintf(
								/* translators: 1: cost in US dollars, 2: attempts. */
								__(
									'Highest cost: about US$%1$s (%2$d attempts, each at most the cost ceiling).',
									'ai-failover'
								),
								worst.highestCost.toFixed( 3 ),
								worst.attempts
							) }
				</li>
			</ul>
		</div>
	);
}
