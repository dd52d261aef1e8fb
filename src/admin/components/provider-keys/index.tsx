/**
 * WordPress dependencies
 */
import { Button, Notice, Spinner, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { KeySource, Provider, ProviderKey } from '../../../schemas';
import { useKeys, type KeyTestState } from '../../hooks/use-keys';
import { useModelIds } from '../../hooks/use-models';
import { AddKeyForm } from '../add-key-form';
import { ConfirmDialog } from '../confirm-dialog';

type Props = {
	provider: Provider;
	/** Called after a key was added or deleted. */
	onChange?: () => void;
};

const sourceLabel = ( source: KeySource ): string => {
	switch ( source ) {
		case 'env':
			return __( 'Environment variable', 'ai-failover' );
		case 'constant':
			return __( 'PHP constant', 'ai-failover' );
		default:
			return __( 'Stored (encrypted)', 'ai-failover' );
	}
};

/**
 * An ISO 8601 time in the admin's locale.
 *
 * @param iso ISO 8601 time.
 * @return Local date and time, or the input when it does not parse.
 */
export const formatTime = ( iso: string ) => {
	const date = new Date( iso );
	return Number.isNaN( date.getTime() ) ? iso : date.toLocaleString();
};

function KeyState( { apiKey }: { apiKey: ProviderKey } ) {
	let text: string;
	switch ( apiKey.state ) {
		case 'cooling':
			text = apiKey.state_until
				? sprintf(
						/* translators: %s: date and time. */
						__( 'Cooling down until %s', 'ai-failover' ),
						formatTime( apiKey.state_until )
					)
				: __( 'Cooling down', 'ai-failover' );
			break;
		case 'dead':
			text = apiKey.state_since
				? sprintf(
						/* translators: %s: date and time. */
						__( 'Dead since %s', 'ai-failover' ),
						formatTime( apiKey.state_since )
					)
				: __( 'Dead', 'ai-failover' );
			break;
		case 'undecryptable':
			text = __( 'Cannot be decrypted', 'ai-failover' );
			break;
		default:
			text = __( 'Active', 'ai-failover' );
	}
	return (
		<>
			<span className={ `aifo-badge is-${ apiKey.state }` }>
				{ text }
			</span>
			{ apiKey.state_reason && (
				<span className="aifo-provider-keys__reason">
					{ apiKey.state_reason }
				</span>
			) }
		</>
	);
}

function TestOutcome( { state }: { state: KeyTestState | undefined } ) {
	if ( ! state ) {
		return null;
	}
	if ( state.status === 'running' ) {
		return (
			<span className="aifo-provider-keys__test">
				{ __( 'Testing…', 'ai-failover' ) }
			</span>
		);
	}
	if ( state.status === 'failed' ) {
		return (
			<span className="aifo-provider-keys__test is-error">
				{ state.message }
			</span>
		);
	}
	const { result } = state;
	if ( result.ok && result.kind === 'completion' ) {
		return (
			<span className="aifo-provider-keys__test is-ok">
				{ sprintf(
					/* translators: 1: model id, 2: milliseconds, 3: tokens in, 4: tokens out, 5: cost or "cost unknown…". */
					__(
						'OK: %1$s answered in %2$d ms (%3$d tokens in, %4$d out, %5$s).',
						'ai-failover'
					),
					result.model,
					result.duration_ms,
					result.input_tokens,
					result.output_tokens,
					result.priced
						? `$${ result.cost.toLocaleString( undefined, {
								maximumSignificantDigits: 3,
							} ) }`
						: __(
								'cost unknown: no price for this model in the catalog',
								'ai-failover'
							)
				) }
			</span>
		);
	}
	if ( result.ok ) {
		return (
			<span className="aifo-provider-keys__test is-ok">
				{ sprintf(
					/* translators: 1: number of models, 2: milliseconds. */
					__( 'OK: %1$d models listed in %2$d ms.', 'ai-failover' ),
					result.model_count,
					result.duration_ms
				) }
			</span>
		);
	}
	const { error } = result;
	return (
		<span className="aifo-provider-keys__test is-error">
			{ error.http_status > 0
				? sprintf(
						/* translators: 1: error class, 2: HTTP status, 3: message, 4: milliseconds. */
						__(
							'Failed: %1$s (HTTP %2$d): %3$s (%4$d ms)',
							'ai-failover'
						),
						error.class,
						error.http_status,
						error.message,
						result.duration_ms
					)
				: sprintf(
						/* translators: 1: error class, 2: message, 3: milliseconds. */
						__( 'Failed: %1$s: %2$s (%3$d ms)', 'ai-failover' ),
						error.class,
						error.message,
						result.duration_ms
					) }
		</span>
	);
}

/**
 * A provider's keys: who they are, never what they are. Test, revive, delete
 * and add.
 *
 * @param props          Props.
 * @param props.provider
 * @param props.onChange
 */
export function ProviderKeys( props: Props ) {
	if ( props.provider.protocol === 'simulator' ) {
		return (
			<p className="aifo-provider-keys__none">
				{ __(
					'The Simulator needs no key: it runs inside WordPress.',
					'ai-failover'
				) }
			</p>
		);
	}
	return <KeyManager { ...props } />;
}

/**
 * The keys table and the add form of a provider that takes keys.
 *
 * @param props          Props.
 * @param props.provider Provider.
 * @param props.onChange Called after a key was added or deleted.
 */
function KeyManager( { provider, onChange }: Props ) {
	const {
		keys,
		tests,
		actionError,
		dismissActionError,
		add,
		revive,
		remove,
		test,
	} = useKeys( provider.id, onChange );
	const [ deleting, setDeleting ] = useState< ProviderKey | null >( null );
	const modelIds = useModelIds( provider.id );
	const [ testModel, setTestModel ] = useState( '' );
	const completionModel = testModel.trim() || modelIds[ 0 ] || '';

	const list = keys.data ?? [];
	return (
		<div className="aifo-provider-keys">
			{ keys.error && (
				<Notice status="error" isDismissible={ false }>
					{ sprintf(
						/* translators: %s: error message. */
						__( 'The keys could not be loaded: %s', 'ai-failover' ),
						keys.error
					) }
				</Notice>
			) }
			{ actionError && (
				<Notice status="error" onRemove={ dismissActionError }>
					{ actionError }
				</Notice>
			) }
			{ ! provider.requires_key && (
				<p className="aifo-provider-keys__optional">
					{ __(
						'This provider works without a key; add one if your server expects it.',
						'ai-failover'
					) }
				</p>
			) }
			{ keys.isLoading && ! keys.data && <Spinner /> }
			{ keys.data && list.length === 0 && (
				<p className="aifo-empty-state aifo-provider-keys__empty">
					{ provider.requires_key
						? __(
								'No keys yet: this provider cannot answer until you add one below. Add a second key and a rate-limited key rotates to it.',
								'ai-failover'
							)
						: __( 'No keys yet.', 'ai-failover' ) }
				</p>
			) }
			{ list.length > 0 && (
				<div className="aifo-provider-keys__test-model">
					<TextControl
						label={ __(
							'Model for the completion test',
							'ai-failover'
						) }
						help={ __(
							'“Test completion” asks this model for one token with the key: the real proof that the key can generate, with its latency and cost. Nothing is logged.',
							'ai-failover'
						) }
						value={ testModel }
						placeholder={ modelIds[ 0 ] ?? '' }
						list={ `aifo-key-test-models-${ provider.id }` }
						onChange={ setTestModel }
					/>
					<datalist id={ `aifo-key-test-models-${ provider.id }` }>
						{ modelIds.map( ( id ) => (
							<option key={ id } value={ id } />
						) ) }
					</datalist>
				</div>
			) }
			{ list.length > 0 && (
				<table className="widefat striped aifo-provider-keys__table">
					<thead>
						<tr>
							<th scope="col">
								{ __( 'Label', 'ai-failover' ) }
							</th>
							<th scope="col">
								{ __( 'Source', 'ai-failover' ) }
							</th>
							<th scope="col">{ __( 'Key', 'ai-failover' ) }</th>
							<th scope="col">
								{ __( 'State', 'ai-failover' ) }
							</th>
							<th scope="col">
								{ __( 'Actions', 'ai-failover' ) }
							</th>
						</tr>
					</thead>
					<tbody>
						{ list.map( ( apiKey ) => (
							<tr key={ apiKey.id }>
								<td>{ apiKey.label }</td>
								<td>{ sourceLabel( apiKey.source ) }</td>
								<td>
									<code className="aifo-provider-keys__last4">
										{ apiKey.last4
											? `••••${ apiKey.last4 }`
											: '••••' }
									</code>
								</td>
								<td>
									<KeyState apiKey={ apiKey } />
								</td>
								<td className="aifo-provider-keys__actions">
									<Button
										variant="secondary"
										isBusy={
											tests[ apiKey.id ]?.status ===
											'running'
										}
										disabled={
											tests[ apiKey.id ]?.status ===
												'running' ||
											apiKey.state === 'undecryptable'
										}
										aria-label={ sprintf(
											/* translators: %s: key label. */
											__(
												'List models with key %s',
												'ai-failover'
											),
											apiKey.label
										) }
										onClick={ () => void test( apiKey.id ) }
									>
										{ __( 'List models', 'ai-failover' ) }
									</Button>
									<Button
										variant="secondary"
										disabled={
											tests[ apiKey.id ]?.status ===
												'running' ||
											apiKey.state === 'undecryptable' ||
											completionModel === ''
										}
										aria-label={ sprintf(
											/* translators: 1: key label, 2: model id. */
											__(
												'Test completion with key %1$s on %2$s',
												'ai-failover'
											),
											apiKey.label,
											completionModel
										) }
										onClick={ () =>
											void test( apiKey.id, {
												kind: 'completion',
												model: completionModel,
											} )
										}
									>
										{ __(
											'Test completion',
											'ai-failover'
										) }
									</Button>
									{ ( apiKey.state === 'dead' ||
										apiKey.state === 'cooling' ) && (
										<Button
											variant="tertiary"
											aria-label={ sprintf(
												/* translators: %s: key label. */
												__(
													'Revive key %s',
													'ai-failover'
												),
												apiKey.label
											) }
											onClick={ () =>
												void revive( apiKey.id )
											}
										>
											{ __( 'Revive', 'ai-failover' ) }
										</Button>
									) }
									{ apiKey.source === 'database' && (
										<Button
											variant="tertiary"
											isDestructive
											aria-label={ sprintf(
												/* translators: %s: key label. */
												__(
													'Delete key %s',
													'ai-failover'
												),
												apiKey.label
											) }
											onClick={ () =>
												setDeleting( apiKey )
											}
										>
											{ __( 'Delete', 'ai-failover' ) }
										</Button>
									) }
									<TestOutcome state={ tests[ apiKey.id ] } />
								</td>
							</tr>
						) ) }
					</tbody>
				</table>
			) }
			<AddKeyForm providerId={ provider.id } onAdd={ add } />
			{ deleting && (
				<ConfirmDialog
					title={ __( 'Delete key', 'ai-failover' ) }
					confirmLabel={ __( 'Delete key', 'ai-failover' ) }
					onConfirm={ () => remove( deleting.id ) }
					onClose={ () => setDeleting( null ) }
				>
					{ sprintf(
						/* translators: 1: key label, 2: last 4 characters. */
						__(
							'Delete the key "%1$s" (••••%2$s)? Requests stop using it at once.',
							'ai-failover'
						),
						deleting.label,
						deleting.last4
					) }
				</ConfirmDialog>
			) }
		</div>
	);
}
