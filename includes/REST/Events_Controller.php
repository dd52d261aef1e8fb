<?php
/**
 * REST: the event log, runs, health and CSV export.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Diagnostics\Alerts;
use AI_Failover\Diagnostics\Event_Repository;
use AI_Failover\Diagnostics\Health_Report;
use AI_Failover\Schema\Schema_Registry;

/**
 * GET /events (filtered, paged, X-WP-Total), GET /events/export (CSV, streamed row by row),
 * GET /runs/{run_id} (every attempt in order), GET /health (per route and key over 24 h or 7 d; the
 * busiest routes only, X-AIFO-Routes-Total and X-AIFO-Routes-Omitted count them all and those left out),
 * GET /summary (the figures at the top of Diagnostics, the chart's series and the active alerts).
 *
 * @since 0.1.0
 */
final class Events_Controller extends Base_Controller {

	/** Columns of the CSV export, in order. */
	public const CSV_COLUMNS = array( 'created_at', 'run_id', 'attempt', 'feature', 'workflow', 'step', 'route', 'provider', 'model', 'key_label', 'outcome', 'error_class', 'http_status', 'provider_code', 'retry_after', 'decision', 'reason', 'latency_ms', 'tokens_in', 'tokens_out', 'cost', 'simulated', 'caller' );

	/**
	 * Whether this request's CSV already sent WordPress's no-cache headers itself.
	 *
	 * @var bool
	 */
	private bool $sent_nocache_headers = false;

	public function __construct(
		Schema_Registry $schemas,
		private readonly Event_Repository $events,
		private readonly Health_Report $health,
		private readonly ?Alerts $alerts = null,
	) {
		parent::__construct( $schemas, Capabilities::VIEW_LOGS );
		$this->rest_base = 'events';
	}

	public function register_hooks(): void {
		parent::register_hooks();
		add_filter( 'rest_pre_serve_request', array( $this, 'serve_csv' ), 10, 4 );
		add_filter( 'rest_send_nocache_headers', array( $this, 'skip_sent_nocache_headers' ) );
	}

	public function register_routes(): void {
		$query_args = $this->args_from( 'event-query', \WP_REST_Server::CREATABLE );
		// GET /ai-failover/v1/events.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/events',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $query_args,
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		// GET /ai-failover/v1/events/export.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/events/export',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'export' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $query_args,
				),
			)
		);
		// GET /ai-failover/v1/runs/{run_id}.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/runs/(?P<run_id>[0-9a-f]{16})',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_run' ),
					'permission_callback' => array( $this, 'check_permission' ),
				),
			)
		);
		// GET /ai-failover/v1/health.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/health',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_health' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $this->args_from( 'health-query', \WP_REST_Server::CREATABLE ),
				),
			)
		);
		// GET /ai-failover/v1/events/facets.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/events/facets',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_facets' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => array(
						'workflow' => array(
							'type'      => 'string',
							'maxLength' => 64,
							'default'   => '',
						),
					),
				),
			)
		);
		// GET /ai-failover/v1/summary.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/summary',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_summary' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $this->args_from( 'summary-query', \WP_REST_Server::CREATABLE ),
				),
			)
		);
	}

	/**
	 * The values the filters offer: what the log has over the last 8 days (and, for a workflow, its steps).
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_facets( $request ) {
		$now      = time();
		$workflow = (string) ( $request['workflow'] ?? '' );
		$facets   = $this->health->known_values( $now - 8 * DAY_IN_SECONDS, $now );
		return rest_ensure_response( $facets + array( 'steps' => '' === $workflow ? array() : $this->events->steps( $workflow, gmdate( 'Y-m-d H:i:s', $now - 8 * DAY_IN_SECONDS ) ) ) );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_summary( $request ) {
		$now = time();
		return rest_ensure_response(
			$this->health->summary(
				(string) ( $request['window'] ?? '24h' ),
				$now,
				(bool) ( $request['simulated'] ?? false ),
				(string) ( $request['feature'] ?? '' ),
				(string) ( $request['workflow'] ?? '' ),
				null === $this->alerts ? array() : $this->alerts->active_conditions( $now )
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_items( $request ) {
		$query = $this->query_fields( $request );
		if ( is_wp_error( $query ) ) {
			return $query;
		}
		$page     = $this->events->query( $query );
		$per_page = (int) ( $query['per_page'] ?? 50 );
		$response = rest_ensure_response( $page['rows'] );
		$response->header( 'X-WP-Total', (string) $page['total'] );
		$response->header( 'X-WP-TotalPages', (string) max( 1, (int) ceil( $page['total'] / max( 1, $per_page ) ) ) );
		return $response;
	}

	/**
	 * The export's response carries the filters; serve_csv() streams the rows.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function export( $request ) {
		$query = $this->query_fields( $request );
		if ( is_wp_error( $query ) ) {
			return $query;
		}
		$response = rest_ensure_response( array( 'aifo_csv_query' => $query ) );
		$response->header( 'Content-Type', 'text/csv; charset=utf-8' );
		$response->header( 'Content-Disposition', 'attachment; filename="ai-failover-events-' . gmdate( 'Ymd-His' ) . '.csv"' );
		return $response;
	}

	/**
	 * Streams the export as CSV instead of JSON, one row at a time: memory stays flat at any size.
	 *
	 * WordPress sends its no-cache headers after this filter, which is too late once the rows have
	 * passed PHP's output buffer ("headers already sent", and an export a proxy may cache). So
	 * every header goes out here, before the first byte, and WordPress is told not to send them.
	 *
	 * @param bool              $served  Whether the request was already served.
	 * @param \WP_HTTP_Response $result  Result.
	 * @param \WP_REST_Request  $request Request.
	 * @param \WP_REST_Server   $server  Server.
	 * @return bool
	 */
	public function serve_csv( $served, $result, $request, $server = null ) {
		if ( $served || '/ai-failover/v1/events/export' !== $request->get_route() || ! $result instanceof \WP_HTTP_Response || 200 !== $result->get_status() ) {
			return $served;
		}
		$data = $result->get_data();
		if ( ! is_array( $data ) || ! isset( $data['aifo_csv_query'] ) ) {
			return $served;
		}
		$out = fopen( 'php://output', 'w' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fopen -- streaming to the response.
		if ( false === $out ) {
			return $served;
		}
		if ( $server instanceof \WP_REST_Server ) {
			foreach ( wp_get_nocache_headers() as $name => $value ) {
				if ( '' === (string) $value ) {
					$server->remove_header( (string) $name );
				} else {
					$server->send_header( (string) $name, (string) $value );
				}
			}
			$this->sent_nocache_headers = true;
		}
		$this->write_csv( (array) $data['aifo_csv_query'], $out );
		fclose( $out ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fclose -- closes php://output.
		return true;
	}

	/**
	 * `rest_send_nocache_headers`: false once serve_csv() sent them (WordPress would fail to).
	 *
	 * @param bool $send Whether WordPress sends them.
	 */
	public function skip_sent_nocache_headers( $send ): bool {
		return ! $this->sent_nocache_headers && (bool) $send;
	}

	/**
	 * Writes the CSV (header row, then each event) to a stream.
	 *
	 * @param array<string, mixed> $query  Filters.
	 * @param resource             $stream Output.
	 * @return int Rows written.
	 */
	public function write_csv( array $query, $stream ): int {
		fputcsv( $stream, self::CSV_COLUMNS );
		return $this->events->each(
			$query,
			static function ( array $row ) use ( $stream ) {
				$line = array();
				foreach ( self::CSV_COLUMNS as $column ) {
					$value = $row[ $column ];
					$value = is_bool( $value ) ? (int) $value : (string) $value;
					// Spreadsheet formula injection: a leading =, +, - or @ becomes text.
					$line[] = is_string( $value ) && preg_match( '/^[=+\-@\t\r]/', $value ) ? "'" . $value : $value;
				}
				fputcsv( $stream, $line );
			}
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_run( $request ) {
		$rows = $this->events->run( $this->path_param( $request, 'run_id' ) );
		if ( ! $rows ) {
			return $this->not_found( 'aifo_run_not_found', __( 'No run with this id in the event log (it may have passed the retention period).', 'ai-failover' ) );
		}
		return rest_ensure_response(
			array(
				'run_id'   => $rows[0]['run_id'],
				'feature'  => $rows[0]['feature'],
				'attempts' => $rows,
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_health( $request ) {
		$report   = $this->health->report( (string) ( $request['window'] ?? '24h' ), time(), (bool) ( $request['simulated'] ?? false ), (string) ( $request['feature'] ?? '' ) );
		$response = $this->collection( $report['rows'] );
		// Only the busiest routes are rows: the headers keep the body a list and say how many are not.
		$response->header( 'X-AIFO-Routes-Total', (string) $report['routes_total'] );
		$response->header( 'X-AIFO-Routes-Omitted', (string) max( 0, $report['routes_total'] - $report['routes_shown'] ) );
		return $response;
	}

	/**
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		return $this->item_schema_from( 'event', 'aifo-event' );
	}

	/**
	 * The query's fields (validated by the args), unknown ones refused.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return array<string, mixed>|\WP_Error
	 */
	private function query_fields( \WP_REST_Request $request ): array|\WP_Error {
		$known   = array_keys( $this->schemas->get( 'event-query' )['properties'] ?? array() );
		$unknown = array_diff( array_keys( (array) $request->get_query_params() ), $known, array( 'context', '_locale', '_envelope', '_fields', '_wpnonce', 'rest_route' ) );
		if ( $unknown ) {
			return new \WP_Error(
				'rest_invalid_param',
				/* translators: %s: Comma-separated parameter names. */
				sprintf( __( 'Invalid parameter(s): %s', 'ai-failover' ), implode( ', ', $unknown ) ),
				array(
					'status' => 400,
					'params' => array_fill_keys( $unknown, __( 'Not a known filter.', 'ai-failover' ) ),
				)
			);
		}
		$fields = array();
		foreach ( $known as $field ) {
			$field = (string) $field;
			if ( null !== $request->get_param( $field ) ) {
				$fields[ $field ] = $request->get_param( $field );
			}
		}
		// A date that does not parse must not silently widen the query to every row.
		foreach ( array( 'after', 'before' ) as $bound ) {
			if ( isset( $fields[ $bound ] ) && '' !== $fields[ $bound ] && false === strtotime( (string) $fields[ $bound ] ) ) {
				return new \WP_Error(
					'rest_invalid_param',
					/* translators: %s: Parameter name. */
					sprintf( __( 'Invalid parameter(s): %s', 'ai-failover' ), $bound ),
					array(
						'status' => 400,
						'params' => array( $bound => __( 'Not a date and time (use ISO 8601, such as 2026-11-22T06:00:00Z).', 'ai-failover' ) ),
					)
				);
			}
		}
		return $fields;
	}
}
