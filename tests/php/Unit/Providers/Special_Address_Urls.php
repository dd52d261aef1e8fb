<?php
/**
 * URLs on special-purpose addresses, in every notation: the one list the URL policy's unit test
 * and the security suite's HTTP test both use.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Providers;

/**
 * Name => URL.
 */
final class Special_Address_Urls {

	/**
	 * Loopback, private and other special-purpose addresses: refused unless the private network is allowed.
	 */
	public const PRIVATE = array(
		'loopback'               => 'http://127.0.0.1:8899/v1',
		'loopback range'         => 'http://127.8.0.1/v1',
		'decimal loopback'       => 'http://2130706433/',
		'hex loopback'           => 'http://0x7f000001/',
		'octal loopback'         => 'http://0177.0.0.1/',
		'short loopback'         => 'http://127.1/',
		'localhost'              => 'http://localhost:11434/v1',
		'localhost trailing dot' => 'http://localhost./v1',
		'localhost upper case'   => 'http://LOCALHOST/v1',
		'sub.localhost'          => 'http://api.localhost/v1',
		'.internal name'         => 'http://llm.internal/',
		'.home.arpa name'        => 'http://gpu.home.arpa/',
		'private 10/8'           => 'https://10.0.0.5/v1',
		'private 192.168'        => 'http://192.168.1.20:1234/v1',
		'private 172.16'         => 'http://172.20.0.3/v1',
		'this network 0/8'       => 'http://0.0.0.0:11434/v1',
		'CGNAT 100.64/10'        => 'http://100.64.0.1/',
		'benchmarking 198.18/15' => 'http://198.18.0.1/',
		'protocol assignments'   => 'http://192.0.0.1/',
		'documentation'          => 'http://192.0.2.10/',
		'IPv6 loopback'          => 'http://[::1]:8080/v1',
		'IPv6 unspecified'       => 'http://[::]/v1',
		'IPv4-mapped dotted'     => 'http://[::ffff:127.0.0.1]/v1',
		'IPv4-mapped hex'        => 'http://[::ffff:7f00:1]/v1',
		'IPv4-mapped long'       => 'http://[0:0:0:0:0:ffff:127.0.0.1]/v1',
		'IPv4-mapped private'    => 'http://[::ffff:10.0.0.1]/v1',
		'NAT64 of loopback'      => 'http://[64:ff9b::7f00:1]/v1',
		'6to4 of private'        => 'http://[2002:c0a8:101::1]/v1',
		'unique local fc00::/7'  => 'http://[fd12:3456::1]/v1',
		'IPv6 documentation'     => 'http://[2001:db8::1]/v1',
		'IPv6 site-local'        => 'http://[fec0::1]/v1',
	);

	/**
	 * Link-local (cloud metadata), multicast, reserved: refused even when the private network is allowed.
	 */
	public const NEVER = array(
		'metadata'                 => 'http://169.254.169.254/latest/meta-data',
		'metadata decimal'         => 'http://2852039166/latest/meta-data',
		'metadata hex'             => 'http://0xa9fea9fe/',
		'metadata short'           => 'http://169.254.43518/',
		'metadata IPv4-mapped'     => 'http://[::ffff:169.254.169.254]/',
		'metadata IPv4-mapped hex' => 'http://[::ffff:a9fe:a9fe]/',
		'link-local other'         => 'http://169.254.1.1/',
		'AWS IPv6 metadata'        => 'http://[fd00:ec2::254]/latest/meta-data',
		'Alibaba metadata'         => 'http://100.100.100.200/latest/meta-data',
		'GCP metadata name'        => 'http://metadata.google.internal/computeMetadata/v1/',
		'GCP metadata name dot'    => 'http://metadata.google.internal./computeMetadata/v1/',
		'IPv6 link-local'          => 'http://[fe80::1]/',
		'multicast'                => 'http://224.0.0.1/',
		'multicast top'            => 'http://239.255.255.250/',
		'IPv6 multicast'           => 'http://[ff02::1]/',
		'reserved 240/4'           => 'http://240.0.0.1/',
		'broadcast'                => 'http://255.255.255.255/',
	);
}
