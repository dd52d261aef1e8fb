<?php
/**
 * Who may call each REST route and open each admin page of the plugin.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Security;

/**
 * The one expectation table of the security suite. A route added to the plugin fails
 * Capability_Matrix_Test until it has a row here; the row is also what Cookie_Nonce_Test sends.
 */
final class Expected_Access {

	public const PROVIDER = 'security-matrix';
	public const FEATURE  = 'security-matrix';

	/** A workflow of one step that runs FEATURE (block markup, as the editor saves it). */
	public const WORKFLOW = '<!-- wp:ai-failover/workflow --><!-- wp:ai-failover/step {"stepId":"step_1","label":"Matrix","feature":"' . self::FEATURE . '","prompt":"matrix"} /--><!-- /wp:ai-failover/workflow -->';

	/**
	 * The least role each route and method admits, and a body that passes validation (WordPress
	 * validates the arguments before it asks the permission callback, so an invalid body would
	 * answer 400 to everyone). Placeholders: see fixture().
	 *
	 * @var array<string, array{0: string, 1?: array<string, mixed>}>
	 */
	public const ROUTES = array(
		'GET /ai-failover/v1'                             => array( '' ),
		'GET /ai-failover/v1/settings'                    => array( 'administrator' ),
		'GET /ai-failover/v1/audit'                       => array( 'administrator' ),
		'POST /ai-failover/v1/settings'                   => array( 'administrator', array( 'log_retention_days' => 30 ) ),
		'PUT /ai-failover/v1/settings'                    => array( 'administrator', array( 'log_retention_days' => 30 ) ),
		'PATCH /ai-failover/v1/settings'                  => array( 'administrator', array( 'log_retention_days' => 30 ) ),
		'GET /ai-failover/v1/presets'                     => array( 'administrator' ),
		'GET /ai-failover/v1/providers'                   => array( 'administrator' ),
		'POST /ai-failover/v1/providers'                  => array(
			'administrator',
			array(
				'id'     => self::PROVIDER . '-new',
				'label'  => 'New',
				'preset' => 'simulator',
			),
		),
		'GET /ai-failover/v1/providers/{id}'              => array( 'administrator' ),
		'POST /ai-failover/v1/providers/{id}'             => array( 'administrator', array( 'label' => 'Matrix' ) ),
		'PUT /ai-failover/v1/providers/{id}'              => array( 'administrator', array( 'label' => 'Matrix' ) ),
		'PATCH /ai-failover/v1/providers/{id}'            => array( 'administrator', array( 'label' => 'Matrix' ) ),
		'DELETE /ai-failover/v1/providers/{id}'           => array( 'administrator' ),
		'GET /ai-failover/v1/providers/{provider}/keys'   => array( 'administrator' ),
		'POST /ai-failover/v1/providers/{provider}/keys'  => array(
			'administrator',
			array(
				'label'  => 'matrix',
				'secret' => 'sk-matrix-0123456789abcdef',
			),
		),
		'GET /ai-failover/v1/providers/{provider}/keys/{key}' => array( 'administrator' ),
		'POST /ai-failover/v1/providers/{provider}/keys/{key}' => array( 'administrator', array( 'label' => 'matrix' ) ),
		'PUT /ai-failover/v1/providers/{provider}/keys/{key}' => array( 'administrator', array( 'label' => 'matrix' ) ),
		'PATCH /ai-failover/v1/providers/{provider}/keys/{key}' => array( 'administrator', array( 'label' => 'matrix' ) ),
		'DELETE /ai-failover/v1/providers/{provider}/keys/{key}' => array( 'administrator' ),
		'POST /ai-failover/v1/providers/{provider}/keys/{key}/test' => array( 'administrator' ),
		'GET /ai-failover/v1/providers/{provider}/models' => array( 'administrator' ),
		'PUT /ai-failover/v1/providers/{provider}/models' => array( 'administrator', array( 'model' => 'matrix-model' ) ),
		'DELETE /ai-failover/v1/providers/{provider}/models' => array( 'administrator', array( 'model' => 'matrix-model' ) ),
		'GET /ai-failover/v1/features'                    => array( 'administrator' ),
		'POST /ai-failover/v1/features'                   => array(
			'administrator',
			array(
				'id'      => self::FEATURE . '-new',
				'label'   => 'New',
				'primary' => array(
					'provider_id' => self::PROVIDER,
					'model'       => 'gpt-4o-mini',
				),
			),
		),
		'GET /ai-failover/v1/features/{id}'               => array( 'administrator' ),
		'POST /ai-failover/v1/features/{id}'              => array( 'administrator', array( 'label' => 'Matrix' ) ),
		'PUT /ai-failover/v1/features/{id}'               => array( 'administrator', array( 'label' => 'Matrix' ) ),
		'PATCH /ai-failover/v1/features/{id}'             => array( 'administrator', array( 'label' => 'Matrix' ) ),
		'DELETE /ai-failover/v1/features/{id}'            => array( 'administrator' ),
		'POST /ai-failover/v1/features/{id}/drills'       => array( 'administrator' ),
		'GET /ai-failover/v1/drills'                      => array( 'administrator' ),
		// Editors run features (aifo_run_features is edit_others_posts); they cannot simulate.
		'POST /ai-failover/v1/features/{id}/run'          => array(
			'editor',
			array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'matrix',
					),
				),
			),
		),
		// Editors build and run workflows (aifo_run_workflows is edit_others_posts); authors cannot.
		// A run with `simulate` needs administrators: Workflow_Routes_Test checks that refusal.
		'GET /ai-failover/v1/features-summary'            => array( 'editor' ),
		'POST /ai-failover/v1/workflows/validate'         => array( 'editor', array( 'content' => '' ) ),
		'GET /ai-failover/v1/workflows/{id}/runs'         => array( 'editor' ),
		'POST /ai-failover/v1/workflows/{id}/runs'        => array( 'editor', array( 'dry_run' => true ) ),
		'GET /ai-failover/v1/workflow-runs/{run_id}'      => array( 'editor' ),
		'GET /ai-failover/v1/events'                      => array( 'administrator' ),
		'GET /ai-failover/v1/events/export'               => array( 'administrator' ),
		'GET /ai-failover/v1/runs/{run_id}'               => array( 'administrator' ),
		'GET /ai-failover/v1/health'                      => array( 'administrator' ),
		'GET /ai-failover/v1/summary'                     => array( 'administrator' ),
		'GET /ai-failover/v1/events/facets'               => array( 'administrator' ),
		'GET /ai-failover/v1/policy-state'                => array( 'administrator' ),
		'GET /ai-failover/v1/queue/jobs'                  => array( 'administrator' ),
		'GET /ai-failover/v1/queue/jobs/{id}'             => array( 'administrator' ),
		'POST /ai-failover/v1/queue/jobs/{id}'            => array( 'administrator', array( 'action' => 'cancel' ) ),
		'POST /ai-failover/v1/queue/run'                  => array( 'administrator' ),
	);

	/**
	 * The least role each admin page (admin.php?page=...) admits.
	 *
	 * @var array<string, string>
	 */
	public const PAGES = array(
		'ai-failover'             => 'administrator',
		'ai-failover-features'    => 'administrator',
		'ai-failover-diagnostics' => 'administrator',
		'ai-failover-settings'    => 'administrator',
		'ai-failover-queue'       => 'administrator',
	);

}
