<?php
/**
 * Personal data export and erasure.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Diagnostics;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * Registers with WordPress's personal data tools for event log rows tied to a user: export lists
 * them; erasure detaches them from the user and removes any previews (the operational facts stay).
 *
 * @since 0.1.0
 */
final class Privacy implements Registers_Hooks {

	private const PAGE = 500;

	public function __construct( private readonly Event_Repository $events ) {
	}

	public function register_hooks(): void {
		add_filter( 'wp_privacy_personal_data_exporters', array( $this, 'register_exporter' ) );
		add_filter( 'wp_privacy_personal_data_erasers', array( $this, 'register_eraser' ) );
	}

	/**
	 * @param array<string, mixed> $exporters Exporters.
	 * @return array<string, mixed>
	 */
	public function register_exporter( $exporters ): array {
		$exporters                = is_array( $exporters ) ? $exporters : array();
		$exporters['ai-failover'] = array(
			'exporter_friendly_name' => __( 'AI Failover event log', 'ai-failover' ),
			'callback'               => array( $this, 'export' ),
		);
		return $exporters;
	}

	/**
	 * @param array<string, mixed> $erasers Erasers.
	 * @return array<string, mixed>
	 */
	public function register_eraser( $erasers ): array {
		$erasers                = is_array( $erasers ) ? $erasers : array();
		$erasers['ai-failover'] = array(
			'eraser_friendly_name' => __( 'AI Failover event log', 'ai-failover' ),
			'callback'             => array( $this, 'erase' ),
		);
		return $erasers;
	}

	/**
	 * @param string $email Email address.
	 * @param int    $page  Page, from 1.
	 * @return array{data: list<array<string, mixed>>, done: bool}
	 */
	public function export( $email, $page = 1 ): array {
		$user = get_user_by( 'email', (string) $email );
		if ( ! $user ) {
			return array(
				'data' => array(),
				'done' => true,
			);
		}
		$rows  = $this->events->for_user( (int) $user->ID, self::PAGE, ( max( 1, (int) $page ) - 1 ) * self::PAGE );
		$items = array();
		foreach ( $rows as $row ) {
			$data = array();
			foreach ( array( 'created_at', 'feature', 'route', 'outcome', 'error_class', 'reason', 'prompt_preview', 'output_preview' ) as $field ) {
				if ( null !== $row[ $field ] && '' !== $row[ $field ] ) {
					$data[] = array(
						'name'  => $field,
						'value' => (string) $row[ $field ],
					);
				}
			}
			$items[] = array(
				'group_id'    => 'ai-failover',
				'group_label' => __( 'AI Failover event log', 'ai-failover' ),
				'item_id'     => 'aifo-event-' . $row['id'],
				'data'        => $data,
			);
		}
		return array(
			'data' => $items,
			'done' => count( $rows ) < self::PAGE,
		);
	}

	/**
	 * @param string $email Email address.
	 * @param int    $page  Page.
	 * @return array{items_removed: bool, items_retained: bool, messages: list<string>, done: bool}
	 */
	public function erase( $email, $page = 1 ): array {
		$user    = get_user_by( 'email', (string) $email );
		$changed = $user ? $this->events->anonymise_user( (int) $user->ID, self::PAGE ) : 0;
		return array(
			'items_removed'  => $changed > 0,
			'items_retained' => false,
			'messages'       => array(),
			'done'           => $changed < self::PAGE,
		);
	}
}
