/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { ProvenanceEntry } from '../schemas/workflow';

/**
 * The Diagnostics view of a workflow run (the contract of TEAM.md).
 *
 * @param runId Workflow run id.
 * @return Admin URL, relative to wp-admin.
 */
export const workflowRunUrl = ( runId: string ): string =>
	`admin.php?page=ai-failover-diagnostics#workflow-run=${ encodeURIComponent(
		runId
	) }`;

const FIELD_LABELS: Record< string, string > = {
	title: __( 'Title', 'ai-failover' ),
	content: __( 'Content', 'ai-failover' ),
	excerpt: __( 'Excerpt', 'ai-failover' ),
};

/**
 * What was written, in words: "Excerpt", "Meta seo_description".
 *
 * @param field title, content, excerpt or meta:<key>.
 * @return Label.
 */
export function fieldLabel( field: string ): string {
	if ( field.startsWith( 'meta:' ) ) {
		return sprintf(
			/* translators: %s: Meta key. */
			__( 'Meta %s', 'ai-failover' ),
			field.slice( 5 )
		);
	}
	return FIELD_LABELS[ field ] ?? field;
}

/**
 * One sentence per write: "Written by AI workflow X, step Y: served by
 * provider/model (fallback after primary failed: rate_limited)".
 *
 * @param entry Provenance entry.
 * @return Sentence.
 */
export function provenanceSentence( entry: ProvenanceEntry ): string {
	const sentence = sprintf(
		/* translators: 1: Workflow title, 2: Step label or id, 3: Provider, 4: Model. */
		__(
			'Written by AI workflow %1$s, step %2$s: served by %3$s/%4$s',
			'ai-failover'
		),
		entry.workflow_title ||
			sprintf(
				/* translators: %d: Workflow post id. */
				__( '#%d', 'ai-failover' ),
				entry.workflow_id
			),
		entry.step_label || entry.step,
		entry.provider,
		entry.model
	);
	if ( ! entry.fallback ) {
		return sentence;
	}
	return sprintf(
		/* translators: 1: The sentence so far, 2: Error class, such as rate_limited. */
		__( '%1$s (fallback after primary failed: %2$s)', 'ai-failover' ),
		sentence,
		entry.reason_class || __( 'unknown', 'ai-failover' )
	);
}

type Props = {
	entries: ProvenanceEntry[];
};

/**
 * Every write into the post, newest first, each with a link to its
 * workflow run in Diagnostics. Text only (React escapes it); the link's
 * run id is URL-encoded.
 *
 * @param props         Props.
 * @param props.entries Entries, oldest first (as stored).
 */
export function ProvenanceList( { entries }: Props ) {
	if ( entries.length === 0 ) {
		return (
			<p className="aifo-provenance__empty">
				{ __(
					'No AI workflow has written into this post.',
					'ai-failover'
				) }
			</p>
		);
	}
	return (
		<ul className="aifo-provenance">
			{ [ ...entries ].reverse().map( ( entry, index ) => (
				<li
					className="aifo-provenance__entry"
					key={ `${ entry.run_id }-${ entry.field }-${ index }` }
				>
					<strong className="aifo-provenance__field">
						{ fieldLabel( entry.field ) }
					</strong>{ ' ' }
					<span className="aifo-provenance__sentence">
						{ provenanceSentence( entry ) }
					</span>
					{ entry.served_step !== entry.step && (
						<span className="aifo-provenance__stand-in">
							{ ' ' }
							{ sprintf(
								/* translators: %s: Step id. */
								__( '(answered by step %s)', 'ai-failover' ),
								entry.served_step
							) }
						</span>
					) }
					<br />
					<time
						className="aifo-provenance__time"
						dateTime={ entry.written_at }
					>
						{ entry.written_at }
					</time>{ ' ' }
					{ entry.run_id && (
						<a
							className="aifo-provenance__link"
							href={ workflowRunUrl( entry.run_id ) }
						>
							{ __(
								'Open the run in Diagnostics',
								'ai-failover'
							) }
						</a>
					) }
				</li>
			) ) }
		</ul>
	);
}
