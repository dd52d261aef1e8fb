/**
 * WordPress dependencies
 */
import { useCallback, useEffect, useMemo, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { getSettings, updateSettings } from '../../api/settings';
import { toApiError, type FieldErrors } from '../../api/errors';
import {
	PluginSettingsSchema,
	type PluginSettings,
	type PluginSettingsPatch,
} from '../../schemas';
import { showSnackbar } from '../components/snackbars';

/**
 * What the form holds: number inputs keep their raw text so a field can be
 * cleared and retyped; the server validates ranges and formats (same schema
 * as here).
 */
export type SettingsForm = {
	log_retention_days: string;
	log_previews: boolean;
	log_preview_max_chars: string;
	alerts_enabled: boolean;
	alert_email: string;
	alert_webhook_url: string;
	alert_window_minutes: string;
	alert_fallback_rate_pct: string;
	alert_error_rate_pct: string;
	alert_min_runs: string;
	site_budget_daily_usd: string;
	site_budget_monthly_usd: string;
};

export type SettingsNotice = {
	status: 'success' | 'error';
	message: string;
};

export type UseSettings = {
	/** Form values; null until the settings are loaded. */
	form: SettingsForm | null;
	isLoading: boolean;
	loadError: string | null;
	isSaving: boolean;
	/** Whether any field differs from the saved settings. */
	isDirty: boolean;
	fieldErrors: FieldErrors;
	notice: SettingsNotice | null;
	setField: < K extends keyof SettingsForm >(
		field: K,
		value: SettingsForm[ K ]
	) => void;
	save: () => Promise< void >;
	dismissNotice: () => void;
};

const NUMBER_FIELDS = [
	'log_retention_days',
	'log_preview_max_chars',
	'alert_window_minutes',
	'alert_fallback_rate_pct',
	'alert_error_rate_pct',
	'alert_min_runs',
] as const;

/** Text fields, sent trimmed; empty is a valid value for both. */
const TEXT_FIELDS = [ 'alert_email', 'alert_webhook_url' ] as const;

/** Amounts in US$ (0 = no limit), with their own words for a refused value. */
const BUDGET_FIELDS = [
	'site_budget_daily_usd',
	'site_budget_monthly_usd',
] as const;

const BOOLEAN_FIELDS = [ 'log_previews', 'alerts_enabled' ] as const;

function toForm( settings: PluginSettings ): SettingsForm {
	return {
		log_retention_days: String( settings.log_retention_days ),
		log_previews: settings.log_previews,
		log_preview_max_chars: String( settings.log_preview_max_chars ),
		alerts_enabled: settings.alerts_enabled,
		alert_email: settings.alert_email,
		alert_webhook_url: settings.alert_webhook_url,
		alert_window_minutes: String( settings.alert_window_minutes ),
		alert_fallback_rate_pct: String( settings.alert_fallback_rate_pct ),
		alert_error_rate_pct: String( settings.alert_error_rate_pct ),
		alert_min_runs: String( settings.alert_min_runs ),
		site_budget_daily_usd: String( settings.site_budget_daily_usd ),
		site_budget_monthly_usd: String( settings.site_budget_monthly_usd ),
	};
}

/**
 * What is wrong with a typed budget amount, in plain words.
 *
 * @param text  Amount as typed, trimmed.
 * @param value The number it reads as.
 * @return Message, or null when the amount can be sent.
 */
function budgetProblem( text: string, value: number ): string | null {
	if ( text === '' || ! Number.isFinite( value ) ) {
		return __(
			'Enter an amount in US$, or 0 for no limit.',
			'ai-failover'
		);
	}
	if ( value < 0 ) {
		return __(
			'A budget cannot be negative: enter 0 for no limit, or an amount in US$.',
			'ai-failover'
		);
	}
	// Both budgets share one range (the schema's).
	const max =
		PluginSettingsSchema.shape.site_budget_daily_usd.unwrap().maxValue ??
		Infinity;
	if ( value > max ) {
		return sprintf(
			/* translators: 1: minimum, 2: maximum, in US dollars. */
			__( 'Enter an amount from %1$s to %2$s US$.', 'ai-failover' ),
			'0',
			String( max )
		);
	}
	return null;
}

/**
 * The fields that differ from the saved settings, plus local errors for
 * number fields that do not hold a number at all.
 *
 * @param saved Settings last loaded or saved.
 * @param form  Form values.
 * @return Patch to send and local field errors.
 */
function diff(
	saved: PluginSettings,
	form: SettingsForm
): { patch: PluginSettingsPatch; errors: FieldErrors } {
	const patch: PluginSettingsPatch = {};
	const errors: FieldErrors = {};
	for ( const field of NUMBER_FIELDS ) {
		const text = form[ field ].trim();
		if ( text === String( saved[ field ] ) ) {
			continue;
		}
		const value = Number( text );
		if ( text === '' || ! Number.isFinite( value ) ) {
			errors[ field ] = __( 'Enter a number.', 'ai-failover' );
			continue;
		}
		patch[ field ] = value;
	}
	for ( const field of BUDGET_FIELDS ) {
		const text = form[ field ].trim();
		if ( text === String( saved[ field ] ) ) {
			continue;
		}
		const value = Number( text );
		const problem = budgetProblem( text, value );
		if ( problem ) {
			errors[ field ] = problem;
			continue;
		}
		patch[ field ] = value;
	}
	for ( const field of TEXT_FIELDS ) {
		const text = form[ field ].trim();
		if ( text !== saved[ field ] ) {
			patch[ field ] = text;
		}
	}
	for ( const field of BOOLEAN_FIELDS ) {
		if ( form[ field ] !== saved[ field ] ) {
			patch[ field ] = form[ field ];
		}
	}
	return { patch, errors };
}

/**
 * Loads the plugin settings and saves edited fields.
 *
 * @return Form state and actions.
 */
export function useSettings(): UseSettings {
	const [ saved, setSaved ] = useState< PluginSettings | null >( null );
	const [ form, setForm ] = useState< SettingsForm | null >( null );
	const [ loadError, setLoadError ] = useState< string | null >( null );
	const [ isSaving, setIsSaving ] = useState( false );
	const [ fieldErrors, setFieldErrors ] = useState< FieldErrors >( {} );
	const [ notice, setNotice ] = useState< SettingsNotice | null >( null );

	useEffect( () => {
		let isActive = true;
		getSettings().then(
			( settings ) => {
				if ( isActive ) {
					setSaved( settings );
					setForm( toForm( settings ) );
				}
			},
			( error: unknown ) => {
				if ( isActive ) {
					setLoadError( toApiError( error ).message );
				}
			}
		);
		return () => {
			isActive = false;
		};
	}, [] );

	const changes = useMemo(
		() => ( saved && form ? diff( saved, form ) : null ),
		[ saved, form ]
	);
	const isDirty =
		!! changes &&
		( Object.keys( changes.patch ).length > 0 ||
			Object.keys( changes.errors ).length > 0 );

	const setField = useCallback(
		< K extends keyof SettingsForm >(
			field: K,
			value: SettingsForm[ K ]
		) => {
			setForm( ( current ) =>
				current ? { ...current, [ field ]: value } : current
			);
			setFieldErrors( ( { [ field ]: _removed, ...rest } ) => rest );
			setNotice( null );
		},
		[]
	);

	const save = useCallback( async () => {
		if ( ! changes ) {
			return;
		}
		if ( Object.keys( changes.errors ).length > 0 ) {
			setFieldErrors( changes.errors );
			return;
		}
		setIsSaving( true );
		setNotice( null );
		try {
			const settings = await updateSettings( changes.patch );
			setSaved( settings );
			setForm( toForm( settings ) );
			setFieldErrors( {} );
			// A result that needs nothing more: a snackbar that goes away.
			showSnackbar( __( 'Settings saved.', 'ai-failover' ) );
		} catch ( error ) {
			const apiError = toApiError( error );
			setFieldErrors( apiError.fieldErrors );
			setNotice( {
				status: 'error',
				message:
					Object.keys( apiError.fieldErrors ).length > 0
						? __(
								'Settings were not saved. Correct the highlighted fields and try again.',
								'ai-failover'
							)
						: apiError.message,
			} );
		} finally {
			setIsSaving( false );
		}
	}, [ changes ] );

	const dismissNotice = useCallback( () => setNotice( null ), [] );

	return {
		form,
		isLoading: ! form && ! loadError,
		loadError,
		isSaving,
		isDirty,
		fieldErrors,
		notice,
		setField,
		save,
		dismissNotice,
	};
}
