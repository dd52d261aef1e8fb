<?php
/**
 * Talks to one provider: the adapter for its wire format over the right transport.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

use AI_Failover\Contracts\Holding_Listener;
use AI_Failover\Contracts\Http_Transport;
use AI_Failover\Contracts\Provider_Adapter;
use AI_Failover\Contracts\Route_Caller;
use AI_Failover\Contracts\Stream_Listener;
use AI_Failover\Providers\Adapters\Anthropic_Adapter;
use AI_Failover\Providers\Adapters\Gemini_Adapter;
use AI_Failover\Providers\Adapters\Openai_Adapter;
use AI_Failover\Secrets\Key_Scrubber;

/**
 * One call = one attempt: no retries here (that is the engine's job). Never throws for provider
 * problems; every failure comes back classified, with the provider's keys scrubbed from its message.
 *
 * @since 0.1.0
 */
final class Provider_Client implements Route_Caller {

	/**
	 * Removes the provider's keys from its messages.
	 *
	 * @var Key_Scrubber
	 */
	private readonly Key_Scrubber $scrubber;

	/**
	 * @param Http_Transport    $http      Real network transport.
	 * @param Http_Transport    $simulator Transport of the built-in Simulator.
	 * @param Key_Scrubber|null $scrubber  Scrubber over the vault; by default only the key sent.
	 */
	public function __construct(
		private readonly Http_Transport $http,
		private readonly Http_Transport $simulator,
		?Key_Scrubber $scrubber = null,
	) {
		$this->scrubber = $scrubber ?? new Key_Scrubber();
	}

	/**
	 * The adapter for a protocol.
	 *
	 * @param string $protocol openai, anthropic, gemini or simulator.
	 */
	public static function adapter_for( string $protocol ): Provider_Adapter {
		return match ( $protocol ) {
			'anthropic' => new Anthropic_Adapter(),
			'gemini' => new Gemini_Adapter(),
			default => new Openai_Adapter(),
			// OpenAI, every compatible service, and the Simulator.
		};
	}

	/**
	 * One chat attempt.
	 *
	 * @param Provider_Config                                            $provider Provider.
	 * @param string                                                     $model    Model id.
	 * @param string                                                     $api_key  Key, '' for keyless providers.
	 * @param Chat_Request                                               $request  Request.
	 * @param array{connect_ms: int, total_ms: int, first_byte_ms?: int} $timeouts Per-attempt timeouts.
	 * @param Stream_Listener|null                                       $listener Gets the text deltas of a stream as they arrive.
	 */
	public function chat( Provider_Config $provider, string $model, string $api_key, Chat_Request $request, array $timeouts, ?Stream_Listener $listener = null ): Chat_Result|Provider_Error {
		$refused = $this->refusal( $provider );
		if ( null !== $refused ) {
			return $refused;
		}
		$adapter      = self::adapter_for( $provider->protocol() );
		$http_request = $adapter->chat_request( $provider, $model, $api_key, $request, $timeouts );
		$relay        = null;
		if ( $request->stream ) {
			$relay = new Delta_Relay( $adapter, $listener );
			// A listener that holds the first text back (the throughput probe) also gets the transfer
			// ended when its hold runs out, so that a stall is judged at the end of its window.
			$http_request = $http_request->with_body_receiver( $relay->receive( ... ), $listener instanceof Holding_Listener ? $listener->hold_ms( ... ) : null );
		}
		$result = $adapter->parse_chat( $this->transport( $provider )->send( $http_request ), $request->stream );
		if ( $result instanceof Provider_Error ) {
			$result = $this->scrub_error( $result, $provider, $api_key );
		}
		return null === $relay ? $result : $relay->settle( $result );
	}

	/**
	 * The provider's model ids, from its list-models endpoint.
	 *
	 * @param Provider_Config $provider Provider.
	 * @param string          $api_key  Key.
	 * @return list<string>|Provider_Error
	 */
	public function list_models( Provider_Config $provider, string $api_key ): array|Provider_Error {
		$refused = $this->refusal( $provider );
		if ( null !== $refused ) {
			return $refused;
		}
		$adapter = self::adapter_for( $provider->protocol() );
		$result  = $adapter->parse_models( $this->transport( $provider )->send( $adapter->models_request( $provider, $api_key ) ) );
		return $result instanceof Provider_Error ? $this->scrub_error( $result, $provider, $api_key ) : $result;
	}

	/**
	 * @param Provider_Config $provider Provider.
	 */
	private function transport( Provider_Config $provider ): Http_Transport {
		return 'simulator' === $provider->protocol() ? $this->simulator : $this->http;
	}

	/**
	 * A base URL the policy refuses never gets a request.
	 *
	 * @param Provider_Config $provider Provider.
	 */
	private function refusal( Provider_Config $provider ): ?Provider_Error {
		$problem = Url_Policy::problem( $provider->effective_base_url(), $provider->allow_private_network );
		return null === $problem ? null : new Provider_Error( Error_Class::Unreachable, 0, 'url_refused', $problem );
	}

	/**
	 * The one place a provider's message is cleaned: its keys removed from the whole message, then cut.
	 *
	 * @param Provider_Error  $result   Error.
	 * @param Provider_Config $provider Provider.
	 * @param string          $api_key  Key sent.
	 */
	private function scrub_error( Provider_Error $result, Provider_Config $provider, #[\SensitiveParameter] string $api_key ): Provider_Error {
		return $this->scrubber->error( $result, $provider->id, $api_key );
	}
}
