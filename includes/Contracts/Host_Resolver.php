<?php
/**
 * Contract for looking up a host name's addresses.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

/**
 * What a name resolves to right now, so the URL policy can judge the answer (tests script it).
 *
 * @since 0.2.0
 */
interface Host_Resolver {

	/**
	 * The name's addresses, canonical text, empty when it does not resolve.
	 *
	 * @param string $host Host name (no IP literal, no trailing dot).
	 * @return list<string>
	 */
	public function addresses( string $host ): array;
}
