/**
 * WordPress dependencies
 */
import { Button, Notice, Spinner } from '@wordpress/components';
import { useSelect } from '@wordpress/data';
import * as editPost from '@wordpress/edit-post';
import * as editor from '@wordpress/editor';
import { useCallback, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { registerPlugin } from '@wordpress/plugins';

/**
 * Internal dependencies
 */
import {
	getProvenance,
	PENDING_RUNS_FIELD,
	PROVENANCE_META_KEY,
	type PostProvenance,
} from '../api/provenance';
import { controlSize } from '../lib/control-size';
import { ProvenanceListSchema } from '../schemas/workflow';
import { ProvenanceList } from './provenance-list';
import { usePendingPoll } from './use-pending-poll';
import './style.scss';

/**
 * The post editor's "AI provenance" panel: which workflow, step and model
 * wrote what in this post, read from the `_aifo_provenance` meta the
 * editor loaded, and again from the server on "Check again" and after a
 * save. An on-publish workflow runs from the queue after the save: while
 * the post's runs are queued or running (`aifo_pending_runs`, in the saved
 * post and in each read) the panel reads again every few seconds, up to a
 * limit.
 *
 * @see \AI_Failover\Provenance\Provenance_Panel
 */

// WordPress 6.6 moved the panel to @wordpress/editor; 6.1 has it in edit-post only.
const DocumentSettingPanel =
	editor.PluginDocumentSettingPanel ?? editPost.PluginDocumentSettingPanel;

type EditorSelectors = {
	getCurrentPostId: () => number | null;
	getCurrentPostType: () => string;
	getCurrentPostAttribute: ( name: string ) => unknown;
	isSavingPost: () => boolean;
};

export function ProvenancePanel() {
	const { postId, restBase, stored, storedPending, saving } = useSelect(
		( select ) => {
			// Stores by name: the same on WordPress 6.1 and 6.6.
			const post = select( 'core/editor' ) as unknown as EditorSelectors;
			const type = post.getCurrentPostType();
			const meta = post.getCurrentPostAttribute( 'meta' ) as
				Record< string, unknown > | undefined;
			const postType = (
				select( 'core' ) as unknown as {
					getPostType: (
						name: string
					) => { rest_base?: string } | undefined;
				}
			 ).getPostType( type );
			return {
				postId: post.getCurrentPostId() ?? 0,
				restBase: postType?.rest_base ?? '',
				stored: meta?.[ PROVENANCE_META_KEY ],
				storedPending:
					post.getCurrentPostAttribute( PENDING_RUNS_FIELD ),
				saving: post.isSavingPost(),
			};
		},
		[]
	);
	const [ fetched, setFetched ] = useState< PostProvenance | null >( null );
	const [ saves, setSaves ] = useState( 0 );
	const [ loading, setLoading ] = useState( false );
	const [ error, setError ] = useState( '' );

	const refresh = useCallback( () => {
		if ( ! restBase || ! postId ) {
			return;
		}
		setLoading( true );
		setError( '' );
		getProvenance( restBase, postId )
			.then( setFetched )
			.catch( ( reason: unknown ) =>
				setError(
					reason instanceof Error
						? reason.message
						: __(
								'The provenance could not be loaded.',
								'ai-failover'
							)
				)
			)
			.finally( () => setLoading( false ) );
	}, [ restBase, postId ] );

	// After each save: an on-publish workflow may be about to write.
	useEffect( () => {
		if ( saving ) {
			return;
		}
		setSaves( ( count ) => count + 1 );
		if ( fetched !== null ) {
			refresh();
		}
		// eslint-disable-next-line react-hooks/exhaustive-deps -- only on the end of a save.
	}, [ saving ] );

	const pending =
		fetched?.pending ??
		( typeof storedPending === 'number' ? storedPending : 0 );
	const { polling, gaveUp } = usePendingPoll(
		pending,
		loading,
		refresh,
		saves
	);

	const parsed = ProvenanceListSchema.safeParse( stored ?? [] );
	const entries = fetched?.entries ?? ( parsed.success ? parsed.data : [] );
	return (
		<DocumentSettingPanel
			name="ai-failover-provenance"
			title={ __( 'AI provenance', 'ai-failover' ) }
			className="aifo-provenance-panel"
		>
			<ProvenanceList entries={ entries } />
			{ ( polling || gaveUp ) && (
				<p className="aifo-provenance__pending" role="status">
					{ polling
						? __(
								'A workflow run this post started is queued: this panel updates when it has run.',
								'ai-failover'
							)
						: __(
								'The queued workflow run has not finished yet: check again later.',
								'ai-failover'
							) }
				</p>
			) }
			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			) }
			<Button
				variant="secondary"
				onClick={ refresh }
				disabled={ loading }
				{ ...controlSize() }
			>
				{ __( 'Check again', 'ai-failover' ) }
			</Button>
			{ loading && <Spinner /> }
		</DocumentSettingPanel>
	);
}

registerPlugin( 'ai-failover-provenance', { render: ProvenancePanel } );
