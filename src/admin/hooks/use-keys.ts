/**
 * WordPress dependencies
 */
import { useCallback, useState } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { toApiError } from '../../api/errors';
import { addKey, deleteKey, getKeys, reviveKey, testKey } from '../../api/keys';
import type {
	ProviderKey,
	ProviderKeyInput,
	ProviderKeyTest,
} from '../../schemas';
import type { KeyTestResult } from '../../schemas/responses';
import { useIsMounted } from '../../lib/use-is-mounted';
import { useResource, type Resource } from '../../lib/use-resource';

export type KeyTestState =
	| { status: 'running' }
	| { status: 'done'; result: KeyTestResult }
	| { status: 'failed'; message: string };

export type UseKeys = {
	keys: Resource< ProviderKey[] >;
	/** Last test of each key, by key id. */
	tests: Record< string, KeyTestState >;
	/** Error of the last revive; null when none. */
	actionError: string | null;
	dismissActionError: () => void;
	/** Stores a key. Rejects with an ApiError (field errors included). */
	add: ( input: ProviderKeyInput ) => Promise< ProviderKey >;
	revive: ( keyId: string ) => Promise< void >;
	/** Deletes a key. Rejects with an ApiError. */
	remove: ( keyId: string ) => Promise< void >;
	/** Tests a key: its model list, or a one-token completion (`{ kind: 'completion', model }`). */
	test: ( keyId: string, what?: ProviderKeyTest ) => Promise< void >;
};

/**
 * A provider's keys and what can be done with them.
 *
 * @param providerId Provider id.
 * @param onChange   Called after a key was added or deleted (key counts).
 * @return Keys, test results and actions.
 */
export function useKeys( providerId: string, onChange?: () => void ): UseKeys {
	const load = useCallback( () => getKeys( providerId ), [ providerId ] );
	const keys = useResource( load );
	const { reload } = keys;
	const [ tests, setTests ] = useState< Record< string, KeyTestState > >(
		{}
	);
	const [ actionError, setActionError ] = useState< string | null >( null );
	const isMounted = useIsMounted();

	const add = useCallback(
		async ( input: ProviderKeyInput ) => {
			const key = await addKey( providerId, input );
			await reload();
			onChange?.();
			return key;
		},
		[ providerId, reload, onChange ]
	);

	const revive = useCallback(
		async ( keyId: string ) => {
			setActionError( null );
			try {
				await reviveKey( providerId, keyId );
				await reload();
			} catch ( error ) {
				if ( isMounted() ) {
					setActionError( toApiError( error ).message );
				}
			}
		},
		[ providerId, reload, isMounted ]
	);

	const remove = useCallback(
		async ( keyId: string ) => {
			await deleteKey( providerId, keyId );
			if ( isMounted() ) {
				setTests( ( { [ keyId ]: _removed, ...rest } ) => rest );
			}
			await reload();
			onChange?.();
		},
		[ providerId, reload, onChange, isMounted ]
	);

	const test = useCallback(
		async ( keyId: string, what: ProviderKeyTest = {} ) => {
			setTests( ( current ) => ( {
				...current,
				[ keyId ]: { status: 'running' },
			} ) );
			let state: KeyTestState;
			try {
				state = {
					status: 'done',
					result: await testKey( providerId, keyId, what ),
				};
			} catch ( error ) {
				state = {
					status: 'failed',
					message: toApiError( error ).message,
				};
			}
			if ( isMounted() ) {
				setTests( ( current ) => ( { ...current, [ keyId ]: state } ) );
			}
		},
		[ providerId, isMounted ]
	);

	const dismissActionError = useCallback( () => setActionError( null ), [] );

	return {
		keys,
		tests,
		actionError,
		dismissActionError,
		add,
		revive,
		remove,
		test,
	};
}
