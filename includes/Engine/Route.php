<?php
/**
 * A route the engine may try.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Providers\Provider_Config;

/**
 * A provider and model from the feature, with what the catalog knows about the model.
 *
 * @since 0.1.0
 */
final class Route {

	/**
	 * @param Provider_Config $provider        Provider.
	 * @param string          $model           Model id.
	 * @param int             $weight          Weight for the balanced strategy.
	 * @param string          $role            "primary" or "fallback N".
	 * @param list<string>    $capabilities    Catalog capabilities ([] when unknown).
	 * @param float           $input_price     USD per million input tokens.
	 * @param float           $output_price    USD per million output tokens.
	 * @param bool            $in_catalog      Whether the catalog knows the model.
	 * @param int             $context_window  Tokens the model takes in and gives out (0 = unknown).
	 * @param bool            $over_budget     Whether it may run when a spend budget is reached (reserves nothing; its cost still counts).
	 */
	public function __construct(
		public readonly Provider_Config $provider,
		public readonly string $model,
		public readonly int $weight = 1,
		public readonly string $role = 'primary',
		public readonly array $capabilities = array(),
		public readonly float $input_price = 0.0,
		public readonly float $output_price = 0.0,
		public readonly bool $in_catalog = false,
		public readonly int $context_window = 0,
		public readonly bool $over_budget = false,
	) {
	}

	/**
	 * "provider/model".
	 */
	public function id(): string {
		return $this->provider->id . '/' . $this->model;
	}

	/**
	 * Estimated cost in USD of a request with these token counts.
	 *
	 * @param int $input_tokens  Prompt tokens.
	 * @param int $output_tokens Completion tokens.
	 */
	public function cost( int $input_tokens, int $output_tokens ): float {
		return ( $input_tokens * $this->input_price + $output_tokens * $this->output_price ) / 1000000;
	}
}
