<?php
/**
 * The services AI Failover knows how to talk to.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

/**
 * Preset id => protocol, default base URL, whether a key is needed and whether it runs locally.
 * The base URLs are the providers' documented public endpoints.
 *
 * @since 0.1.0
 */
final class Provider_Presets {

	/**
	 * @var array<string, array{label: string, protocol: string, base_url: string, requires_key: bool, local: bool}>
	 */
	private const PRESETS = array(
		'simulator'  => array(
			'label'        => 'Simulator',
			'protocol'     => 'simulator',
			'base_url'     => 'simulator://local',
			'requires_key' => false,
			'local'        => true,
		),
		'openai'     => array(
			'label'        => 'OpenAI',
			'protocol'     => 'openai',
			'base_url'     => 'https://api.openai.com/v1',
			'requires_key' => true,
			'local'        => false,
		),
		'anthropic'  => array(
			'label'        => 'Anthropic',
			'protocol'     => 'anthropic',
			'base_url'     => 'https://api.anthropic.com',
			'requires_key' => true,
			'local'        => false,
		),
		'gemini'     => array(
			'label'        => 'Google Gemini',
			'protocol'     => 'gemini',
			'base_url'     => 'https://generativelanguage.googleapis.com',
			'requires_key' => true,
			'local'        => false,
		),
		'openrouter' => array(
			'label'        => 'OpenRouter',
			'protocol'     => 'openai',
			'base_url'     => 'https://openrouter.ai/api/v1',
			'requires_key' => true,
			'local'        => false,
		),
		'groq'       => array(
			'label'        => 'Groq',
			'protocol'     => 'openai',
			'base_url'     => 'https://api.groq.com/openai/v1',
			'requires_key' => true,
			'local'        => false,
		),
		'mistral'    => array(
			'label'        => 'Mistral',
			'protocol'     => 'openai',
			'base_url'     => 'https://api.mistral.ai/v1',
			'requires_key' => true,
			'local'        => false,
		),
		'xai'        => array(
			'label'        => 'xAI',
			'protocol'     => 'openai',
			'base_url'     => 'https://api.x.ai/v1',
			'requires_key' => true,
			'local'        => false,
		),
		'deepseek'   => array(
			'label'        => 'DeepSeek',
			'protocol'     => 'openai',
			'base_url'     => 'https://api.deepseek.com/v1',
			'requires_key' => true,
			'local'        => false,
		),
		'together'   => array(
			'label'        => 'Together AI',
			'protocol'     => 'openai',
			'base_url'     => 'https://api.together.xyz/v1',
			'requires_key' => true,
			'local'        => false,
		),
		'ollama'     => array(
			'label'        => 'Ollama (local)',
			'protocol'     => 'openai',
			'base_url'     => 'http://127.0.0.1:11434/v1',
			'requires_key' => false,
			'local'        => true,
		),
		'lmstudio'   => array(
			'label'        => 'LM Studio (local)',
			'protocol'     => 'openai',
			'base_url'     => 'http://127.0.0.1:1234/v1',
			'requires_key' => false,
			'local'        => true,
		),
		'custom'     => array(
			'label'        => 'OpenAI-compatible (custom base URL)',
			'protocol'     => 'openai',
			'base_url'     => '',
			'requires_key' => false,
			'local'        => false,
		),
	);

	/**
	 * Whether $preset exists.
	 *
	 * @param string $preset Preset id.
	 */
	public static function exists( string $preset ): bool {
		return isset( self::PRESETS[ $preset ] );
	}

	/**
	 * One preset.
	 *
	 * @param string $preset Preset id.
	 * @return array{label: string, protocol: string, base_url: string, requires_key: bool, local: bool}
	 * @throws \InvalidArgumentException For an unknown preset.
	 */
	public static function get( string $preset ): array {
		if ( ! isset( self::PRESETS[ $preset ] ) ) {
			throw new \InvalidArgumentException( 'Unknown provider preset.' );
		}
		return self::PRESETS[ $preset ];
	}

	/**
	 * All presets.
	 *
	 * @return array<string, array{label: string, protocol: string, base_url: string, requires_key: bool, local: bool}>
	 */
	public static function all(): array {
		return self::PRESETS;
	}
}
