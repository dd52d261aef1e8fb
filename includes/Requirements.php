<?php
/**
 * Checks the PHP and WordPress versions before anything else loads.
 *
 * Written for PHP 5.6 on purpose (no scalar types, no strict_types): it runs before the plugin
 * knows whether it may use PHP 8.1 syntax. PHPCompatibility checks this file against 5.6.
 *
 * @package AI_Failover
 */

namespace AI_Failover;

/**
 * Version guard shown as an admin notice instead of a fatal error.
 *
 * @since 0.1.0
 */
final class Requirements {

	/** @var string */
	private $php_version;

	/** @var string */
	private $wp_version;

	/** @var string */
	private $min_php;

	/** @var string */
	private $min_wp;

	/**
	 * @param string $php_version Running PHP version.
	 * @param string $wp_version  Running WordPress version.
	 * @param string $min_php     Oldest supported PHP version.
	 * @param string $min_wp      Oldest supported WordPress version.
	 */
	public function __construct( $php_version, $wp_version, $min_php, $min_wp ) {
		$this->php_version = (string) $php_version;
		$this->wp_version  = (string) $wp_version;
		$this->min_php     = (string) $min_php;
		$this->min_wp      = (string) $min_wp;
	}

	/**
	 * Whether PHP is new enough.
	 *
	 * @return bool
	 */
	public function php_is_supported() {
		return version_compare( $this->php_version, $this->min_php, '>=' );
	}

	/**
	 * Whether WordPress is new enough. Pre-releases of the minimum ("6.1-RC1") count as supported.
	 *
	 * @return bool
	 */
	public function wp_is_supported() {
		return version_compare( $this->wp_version, $this->min_wp . '-alpha', '>=' );
	}

	/**
	 * Whether the plugin may boot.
	 *
	 * @return bool
	 */
	public function are_met() {
		return $this->php_is_supported() && $this->wp_is_supported();
	}

	/**
	 * Human-readable reasons the plugin did not start, one per failed requirement.
	 *
	 * @return string[]
	 */
	public function problems() {
		$problems = array();
		if ( ! $this->php_is_supported() ) {
			$problems[] = sprintf(
				/* translators: 1: Required PHP version, 2: Running PHP version. */
				__( 'AI Failover needs PHP %1$s or newer; this site runs PHP %2$s.', 'ai-failover' ),
				$this->min_php,
				$this->php_version
			);
		}
		if ( ! $this->wp_is_supported() ) {
			$problems[] = sprintf(
				/* translators: 1: Required WordPress version, 2: Running WordPress version. */
				__( 'AI Failover needs WordPress %1$s or newer; this site runs WordPress %2$s.', 'ai-failover' ),
				$this->min_wp,
				$this->wp_version
			);
		}
		return $problems;
	}

	/**
	 * Prints the notice for administrators who can act on it.
	 *
	 * @return void
	 */
	public function render_admin_notice() {
		if ( ! current_user_can( 'activate_plugins' ) ) {
			return;
		}
		echo '<div class="notice notice-error"><p><strong>' . esc_html__( 'AI Failover is not running.', 'ai-failover' ) . '</strong></p>';
		foreach ( $this->problems() as $problem ) {
			echo '<p>' . esc_html( $problem ) . '</p>';
		}
		echo '</div>';
	}
}
