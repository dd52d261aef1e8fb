<?php
/**
 * Runs the alert check inside the rig's WordPress (through tests/rig/wp-run.php) and prints, as
 * JSON, every e-mail and webhook request it produced instead of sending them.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

$aifo_captured = array(
	'mail'     => array(),
	'webhooks' => array(),
);
add_filter(
	'pre_wp_mail',
	static function ( $short_circuit, array $atts ) use ( &$aifo_captured ) {
		$aifo_captured['mail'][] = $atts;
		return true;
	},
	1,
	2
);
add_filter(
	'pre_http_request',
	static function ( $short_circuit, array $args, string $url ) use ( &$aifo_captured ) {
		$aifo_captured['webhooks'][] = array(
			'url'     => $url,
			'headers' => $args['headers'] ?? array(),
			'body'    => $args['body'] ?? '',
		);
		return array(
			'headers'  => array(),
			'body'     => '',
			'response' => array(
				'code'    => 204,
				'message' => 'No Content',
			),
			'cookies'  => array(),
			'filename' => null,
		);
	},
	1,
	3
);
delete_option( 'aifo_alert_state' ); // Raise every active condition now, not after the window.
do_action( 'aifo_check_alerts' );
echo wp_json_encode( $aifo_captured );
