<?php
/**
 * A configured provider.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

/**
 * A provider as stored (no keys: those live in the key vault), with its preset resolved.
 *
 * @since 0.1.0
 */
final class Provider_Config {

	/**
	 * @param string $id                    Slug.
	 * @param string $label                 Admin-facing name.
	 * @param string $preset                Preset id (Provider_Presets).
	 * @param string $base_url              Base URL as stored; '' means the preset default.
	 * @param bool   $allow_private_network Whether loopback/private base URLs are allowed.
	 * @param bool   $enabled               Whether routes may use it.
	 */
	public function __construct(
		public readonly string $id,
		public readonly string $label,
		public readonly string $preset,
		public readonly string $base_url = '',
		public readonly bool $allow_private_network = false,
		public readonly bool $enabled = true,
	) {
	}

	/**
	 * Builds from a stored array; unknown keys are ignored.
	 *
	 * @param array<string, mixed> $data Stored provider.
	 */
	public static function from_array( array $data ): self {
		$preset = (string) ( $data['preset'] ?? 'custom' );
		return new self(
			(string) ( $data['id'] ?? '' ),
			(string) ( $data['label'] ?? '' ),
			$preset,
			(string) ( $data['base_url'] ?? '' ),
			(bool) ( $data['allow_private_network'] ?? ( Provider_Presets::exists( $preset ) && Provider_Presets::get( $preset )['local'] ) ),
			(bool) ( $data['enabled'] ?? true )
		);
	}

	/**
	 * The wire protocol: openai, anthropic, gemini or simulator.
	 */
	public function protocol(): string {
		return Provider_Presets::get( $this->preset )['protocol'];
	}

	/**
	 * The base URL in use, without a trailing slash.
	 */
	public function effective_base_url(): string {
		$url = '' !== $this->base_url ? $this->base_url : Provider_Presets::get( $this->preset )['base_url'];
		return rtrim( $url, '/' );
	}

	/**
	 * Whether requests need an API key.
	 */
	public function requires_key(): bool {
		return Provider_Presets::get( $this->preset )['requires_key'];
	}

	/**
	 * Whether the provider runs on this machine or network (for "prefer local").
	 */
	public function is_local(): bool {
		return Provider_Presets::get( $this->preset )['local'];
	}

	/**
	 * @return array{id: string, label: string, preset: string, base_url: string, allow_private_network: bool, enabled: bool}
	 */
	public function to_array(): array {
		return array(
			'id'                    => $this->id,
			'label'                 => $this->label,
			'preset'                => $this->preset,
			'base_url'              => $this->base_url,
			'allow_private_network' => $this->allow_private_network,
			'enabled'               => $this->enabled,
		);
	}
}
