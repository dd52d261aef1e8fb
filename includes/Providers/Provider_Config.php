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

	/** The data-handling flags a provider may declare (the feature schema's DATA_HANDLING_FLAGS). */
	public const DATA_FLAGS = array( 'local', 'no_retention', 'no_training' );

	/**
	 * What it declares about the data it is sent.
	 *
	 * @var array{local: bool, no_retention: bool, no_training: bool}
	 */
	public readonly array $data_handling;

	/**
	 * @param string                                                         $id                    Slug.
	 * @param string                                                         $label                 Admin-facing name.
	 * @param string                                                         $preset                Preset id (Provider_Presets).
	 * @param string                                                         $base_url              Base URL as stored; '' means the preset default.
	 * @param bool                                                           $allow_private_network Whether loopback/private base URLs are allowed.
	 * @param bool                                                           $enabled               Whether routes may use it.
	 * @param string                                                         $region                Where it serves requests ("us", "eu", "local"...); '' when not declared.
	 * @param array{local: bool, no_retention: bool, no_training: bool}|null $data_handling What it declares about the data it is sent; null: "runs locally" for a local preset, nothing else.
	 * @param string                                                         $api_family    The API family of its models ("openai", "anthropic", "meta"...); '' means its wire protocol.
	 */
	public function __construct(
		public readonly string $id,
		public readonly string $label,
		public readonly string $preset,
		public readonly string $base_url = '',
		public readonly bool $allow_private_network = false,
		public readonly bool $enabled = true,
		public readonly string $region = '',
		?array $data_handling = null,
		public readonly string $api_family = '',
	) {
		$this->data_handling = $data_handling ?? array(
			'local'        => Provider_Presets::exists( $preset ) && Provider_Presets::get( $preset )['local'],
			'no_retention' => false,
			'no_training'  => false,
		);
	}

	/**
	 * Builds from a stored array; unknown keys are ignored.
	 *
	 * @param array<string, mixed> $data Stored provider.
	 */
	public static function from_array( array $data ): self {
		$preset   = (string) ( $data['preset'] ?? 'custom' );
		$local    = Provider_Presets::exists( $preset ) && Provider_Presets::get( $preset )['local'];
		$handling = is_array( $data['data_handling'] ?? null ) ? $data['data_handling'] : array();
		return new self(
			(string) ( $data['id'] ?? '' ),
			(string) ( $data['label'] ?? '' ),
			$preset,
			(string) ( $data['base_url'] ?? '' ),
			(bool) ( $data['allow_private_network'] ?? $local ),
			(bool) ( $data['enabled'] ?? true ),
			(string) ( $data['region'] ?? '' ),
			array(
				'local'        => (bool) ( $handling['local'] ?? $local ),
				'no_retention' => (bool) ( $handling['no_retention'] ?? false ),
				'no_training'  => (bool) ( $handling['no_training'] ?? false ),
			),
			(string) ( $data['api_family'] ?? '' )
		);
	}

	/**
	 * The API family its models belong to: the declared one, else the wire protocol. A fallback
	 * to another family may answer in another tone and style.
	 *
	 * @since n.e.x.t
	 */
	public function family(): string {
		return '' !== $this->api_family ? $this->api_family : $this->protocol();
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
	 * Whether the provider declares a data-handling flag. A provider that runs on this site's
	 * machine or network declares them all: the data never leaves it, so nobody else can keep it
	 * or train on it.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $flag One of DATA_FLAGS.
	 */
	public function declares( string $flag ): bool {
		return ! empty( $this->data_handling['local'] ) || ! empty( $this->data_handling[ $flag ] );
	}

	/**
	 * @return array{id: string, label: string, preset: string, base_url: string, allow_private_network: bool, enabled: bool, region: string, data_handling: array{local: bool, no_retention: bool, no_training: bool}, api_family: string}
	 */
	public function to_array(): array {
		return array(
			'id'                    => $this->id,
			'label'                 => $this->label,
			'preset'                => $this->preset,
			'base_url'              => $this->base_url,
			'allow_private_network' => $this->allow_private_network,
			'enabled'               => $this->enabled,
			'region'                => $this->region,
			'data_handling'         => $this->data_handling,
			'api_family'            => $this->api_family,
		);
	}
}
