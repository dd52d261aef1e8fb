<?php
/**
 * Generates languages/ai-failover.pot from the plugin's PHP, TypeScript and block.json files.
 *
 *   php bin/make-pot.php           write the file
 *   php bin/make-pot.php --check   exit 1 when the committed file is out of date (CI's drift check)
 *
 * wp-cli's `i18n make-pot` is the reference tool, but neither wp-cli/i18n-command nor wp-cli itself
 * (beyond an old 2.4 core) is in the Packagist copy these machines reach, and the npm alternatives
 * need native builds. This covers what the plugin uses: the WordPress gettext functions with literal
 * arguments, translator comments, and block.json's translatable fields. The output has no creation
 * date, so it only changes when a string does.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tools;

const DOMAIN = 'ai-failover';

/**
 * Argument roles of each gettext function: s = singular, p = plural, c = context, d = domain, _ = ignored.
 */
const FUNCTIONS = array(
	'__'         => 'sd',
	'_e'         => 'sd',
	'esc_html__' => 'sd',
	'esc_html_e' => 'sd',
	'esc_attr__' => 'sd',
	'esc_attr_e' => 'sd',
	'_x'         => 'scd',
	'_ex'        => 'scd',
	'esc_html_x' => 'scd',
	'esc_attr_x' => 'scd',
	'_n'         => 'sp_d',
	'_nx'        => 'sp_cd',
	'_n_noop'    => 'spd',
	'_nx_noop'   => 'spcd',
);

/**
 * Records one string.
 *
 * @param array<string, mixed> $entries  Collected entries (by reference).
 * @param string               $msgid    Singular.
 * @param ?string              $plural   Plural.
 * @param ?string              $context  Context.
 * @param string               $ref      file:line.
 * @param ?string              $comment  Translator comment.
 */
function add( array &$entries, string $msgid, ?string $plural, ?string $context, string $ref, ?string $comment ): void {
	if ( '' === $msgid ) {
		return;
	}
	$key = ( $context ?? '' ) . "\4" . $msgid;
	if ( ! isset( $entries[ $key ] ) ) {
		$entries[ $key ] = array(
			'msgid'    => $msgid,
			'plural'   => $plural,
			'context'  => $context,
			'refs'     => array(),
			'comments' => array(),
		);
	}
	$entries[ $key ]['refs'][] = $ref;
	if ( null !== $comment && ! in_array( $comment, $entries[ $key ]['comments'], true ) ) {
		$entries[ $key ]['comments'][] = $comment;
	}
}

/**
 * Pulls "translators:" text out of a comment.
 */
function translator_comment( string $comment ): ?string {
	if ( ! preg_match( '/translators:\s*(.*)$/is', $comment, $match ) ) {
		return null;
	}
	$text = preg_replace( '/\s*\*\/\s*$/', '', $match[1] );
	$text = preg_replace( '/^\s*\*\s?/m', '', (string) $text );
	return 'translators: ' . trim( (string) preg_replace( '/\s+/', ' ', (string) $text ) );
}

/**
 * Unquotes a PHP or JS string literal; null when it is not a plain literal.
 */
function unquote( string $literal ): ?string {
	$quote = $literal[0] ?? '';
	if ( ( "'" !== $quote && '"' !== $quote ) || substr( $literal, -1 ) !== $quote ) {
		return null;
	}
	$body = substr( $literal, 1, -1 );
	if ( "'" === $quote ) {
		return str_replace( array( "\\'", '\\\\' ), array( "'", '\\' ), $body );
	}
	return stripcslashes( $body );
}

/**
 * Applies a function's argument roles to its literal arguments.
 *
 * @param array<string, mixed> $entries Collected entries (by reference).
 * @param string               $roles   Roles from FUNCTIONS.
 * @param array<int, ?string>  $args    Unquoted arguments (null = not a literal).
 */
function record_call( array &$entries, string $roles, array $args, string $ref, ?string $comment ): void {
	$values = array();
	foreach ( str_split( $roles ) as $index => $role ) {
		$values[ $role ] = $args[ $index ] ?? null;
	}
	if ( ( $values['d'] ?? null ) !== DOMAIN || null === ( $values['s'] ?? null ) ) {
		return;
	}
	add( $entries, $values['s'], $values['p'] ?? null, $values['c'] ?? null, $ref, $comment );
}

/**
 * PHP: walk the tokens, so strings inside comments or HTML never count.
 *
 * @param array<string, mixed> $entries Collected entries (by reference).
 */
function scan_php( array &$entries, string $file, string $ref_path ): void {
	$tokens       = token_get_all( (string) file_get_contents( $file ) );
	$count        = count( $tokens );
	$comment      = null;
	$comment_line = 0;
	for ( $i = 0; $i < $count; $i++ ) {
		$token = $tokens[ $i ];
		if ( is_array( $token ) && in_array( $token[0], array( T_COMMENT, T_DOC_COMMENT ), true ) ) {
			$found = translator_comment( $token[1] );
			if ( null !== $found ) {
				$comment      = $found;
				$comment_line = $token[2] + substr_count( $token[1], "\n" );
			}
			continue;
		}
		if ( ! is_array( $token ) || T_STRING !== $token[0] || ! isset( FUNCTIONS[ $token[1] ] ) ) {
			continue;
		}
		$j = $i + 1;
		while ( $j < $count && is_array( $tokens[ $j ] ) && T_WHITESPACE === $tokens[ $j ][0] ) {
			++$j;
		}
		if ( '(' !== ( $tokens[ $j ] ?? null ) ) {
			continue;
		}
		// Collect top-level arguments: a lone literal becomes its value, anything else null.
		$args  = array();
		$depth = 0;
		$parts = array();
		for ( ++$j; $j < $count; $j++ ) {
			$t = $tokens[ $j ];
			if ( '(' === $t || '[' === $t ) {
				++$depth;
			} elseif ( ')' === $t || ']' === $t ) {
				if ( 0 === $depth ) {
					break;
				}
				--$depth;
			} elseif ( ',' === $t && 0 === $depth ) {
				$args[] = $parts;
				$parts  = array();
				continue;
			}
			if ( ! ( is_array( $t ) && in_array( $t[0], array( T_WHITESPACE, T_COMMENT ), true ) ) ) {
				$parts[] = $t;
			}
		}
		$args[]   = $parts;
		$literals = array_map(
			static fn( array $arg_tokens ) => 1 === count( $arg_tokens ) && is_array( $arg_tokens[0] ) && T_CONSTANT_ENCAPSED_STRING === $arg_tokens[0][0] ? unquote( $arg_tokens[0][1] ) : null,
			$args
		);
		// A translator comment applies to the next call within a few lines.
		$applies = null !== $comment && $token[2] - $comment_line <= 3;
		record_call( $entries, FUNCTIONS[ $token[1] ], $literals, $ref_path, $applies ? $comment : null );
		if ( $applies ) {
			$comment = null;
		}
	}//end for
}

/**
 * TypeScript: @wordpress/i18n calls. Arguments are split at top-level commas (quotes, brackets and
 * template literals respected); literal ones keep their value, the rest count as non-literal.
 *
 * @param array<string, mixed> $entries Collected entries (by reference).
 */
function scan_ts( array &$entries, string $file, string $ref_path ): void {
	$source = (string) file_get_contents( $file );
	$roles  = array(
		'__'  => 'sd',
		'_x'  => 'scd',
		'_n'  => 'sp_d',
		'_nx' => 'sp_cd',
	);
	preg_match_all( '/(?<![\w$.])(__|_x|_nx|_n)\s*\(/', $source, $calls, PREG_OFFSET_CAPTURE );
	foreach ( $calls[1] as $index => $call ) {
		$start = $calls[0][ $index ][1] + strlen( $calls[0][ $index ][0] );
		$args  = split_arguments( $source, $start );
		if ( null === $args ) {
			continue;
		}
		$before  = substr( $source, max( 0, $call[1] - 300 ), min( 300, $call[1] ) );
		$comment = null;
		if ( preg_match( '/(\/\*(?:(?!\*\/).)*translators:(?:(?!\*\/).)*\*\/|\/\/[^\n]*translators:[^\n]*)[^;{}]*$/s', $before, $found ) ) {
			$comment = translator_comment( $found[1] );
		}
		$literals = array_map( static fn( string $arg ) => unquote( trim( $arg ) ), $args );
		record_call( $entries, $roles[ $call[0] ], $literals, $ref_path, $comment );
	}
}

/**
 * Splits a call's arguments, starting just after its opening parenthesis.
 *
 * @return string[]|null Raw argument texts, or null when the call never closes.
 */
function split_arguments( string $source, int $offset ): ?array {
	$args   = array();
	$depth  = 0;
	$buffer = '';
	$length = strlen( $source );
	for ( $i = $offset; $i < $length; $i++ ) {
		$char = $source[ $i ];
		if ( "'" === $char || '"' === $char || '`' === $char ) {
			$end = $i + 1;
			while ( $end < $length && $source[ $end ] !== $char ) {
				$end += '\\' === $source[ $end ] ? 2 : 1;
			}
			$buffer .= substr( $source, $i, $end - $i + 1 );
			$i       = $end;
			continue;
		}
		if ( '(' === $char || '[' === $char || '{' === $char ) {
			++$depth;
		} elseif ( ')' === $char || ']' === $char || '}' === $char ) {
			if ( 0 === $depth ) {
				$args[] = $buffer;
				return array_values( array_filter( $args, static fn( string $arg ) => '' !== trim( $arg ) ) );
			}
			--$depth;
		} elseif ( ',' === $char && 0 === $depth ) {
			$args[] = $buffer;
			$buffer = '';
			continue;
		}
		$buffer .= $char;
	}//end for
	return null;
}

/**
 * block.json: title, description and keywords, with the contexts wp-cli uses.
 *
 * @param array<string, mixed> $entries Collected entries (by reference).
 */
function scan_block_json( array &$entries, string $file, string $ref_path ): void {
	$block = json_decode( (string) file_get_contents( $file ), true );
	if ( ! is_array( $block ) || ( $block['textdomain'] ?? '' ) !== DOMAIN ) {
		return;
	}
	foreach ( array(
		'title'       => 'block title',
		'description' => 'block description',
	) as $field => $context ) {
		if ( is_string( $block[ $field ] ?? null ) ) {
			add( $entries, $block[ $field ], null, $context, $ref_path, null );
		}
	}
	foreach ( (array) ( $block['keywords'] ?? array() ) as $keyword ) {
		add( $entries, (string) $keyword, null, 'block keyword', $ref_path, null );
	}
}

/**
 * Escapes a PO string.
 */
function po( string $text ): string {
	return '"' . addcslashes( $text, "\\\"\n\t" ) . '"';
}

/**
 * Builds the POT text for a plugin folder.
 *
 * @return array{0: string, 1: int} The file's text and the number of strings.
 */
function build( string $root ): array {
	// Plugin header strings first, as wp-cli extracts them.
	$entries = array();
	$plugin  = (string) file_get_contents( $root . '/plugin.php' );
	foreach ( array( 'Plugin Name', 'Description', 'Author' ) as $field ) {
		if ( preg_match( '/^[ \t\/*#@]*' . preg_quote( $field, '/' ) . ':(.*)$/mi', $plugin, $m ) ) {
			add( $entries, trim( $m[1] ), null, null, 'plugin.php', $field . ' of the plugin' );
		}
	}

	foreach ( array_merge( array( 'plugin.php', 'uninstall.php' ), source_files( $root, 'includes' ), source_files( $root, 'src' ), source_files( $root, 'blocks' ) ) as $path ) {
		$absolute = $root . '/' . $path;
		if ( str_ends_with( $path, '.php' ) ) {
			scan_php( $entries, $absolute, $path );
		} elseif ( preg_match( '/\.(ts|tsx|js)$/', $path ) ) {
			scan_ts( $entries, $absolute, $path );
		} elseif ( str_ends_with( $path, 'block.json' ) ) {
			scan_block_json( $entries, $absolute, $path );
		}
	}

	$out  = "# Copyright (C) AI Failover contributors\n";
	$out .= "# This file is distributed under the GPL-2.0-or-later.\n";
	$out .= "# Generated by bin/make-pot.php; do not edit.\n";
	$out .= "msgid \"\"\nmsgstr \"\"\n";
	$out .= "\"Project-Id-Version: AI Failover\\n\"\n";
	$out .= "\"MIME-Version: 1.0\\n\"\n";
	$out .= "\"Content-Type: text/plain; charset=UTF-8\\n\"\n";
	$out .= "\"Content-Transfer-Encoding: 8bit\\n\"\n";
	$out .= "\"X-Domain: ai-failover\\n\"\n";
	foreach ( $entries as $entry ) {
		$out .= "\n";
		foreach ( $entry['comments'] as $comment ) {
			$out .= '#. ' . $comment . "\n";
		}
		$out .= '#: ' . implode( ' ', array_unique( $entry['refs'] ) ) . "\n";
		if ( str_contains( $entry['msgid'], '%' ) ) {
			$out .= "#, php-format\n";
		}
		if ( null !== $entry['context'] ) {
			$out .= 'msgctxt ' . po( $entry['context'] ) . "\n";
		}
		$out .= 'msgid ' . po( $entry['msgid'] ) . "\n";
		if ( null !== $entry['plural'] ) {
			$out .= 'msgid_plural ' . po( $entry['plural'] ) . "\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n";
		} else {
			$out .= "msgstr \"\"\n";
		}
	}
	return array( $out, count( $entries ) );
}

/**
 * Source files under a folder, tests excluded, sorted so the output is stable.
 *
 * @return string[] Paths relative to $root.
 */
function source_files( string $root, string $dir ): array {
	if ( ! is_dir( $root . '/' . $dir ) ) {
		return array();
	}
	$files = array();
	$it    = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( $root . '/' . $dir, \FilesystemIterator::SKIP_DOTS ) );
	foreach ( $it as $file ) {
		$path = substr( (string) $file, strlen( $root ) + 1 );
		if ( preg_match( '#(^|/)(test|tests|__tests__)/#', $path ) || preg_match( '/\.test\.tsx?$/', $path ) ) {
			continue;
		}
		$files[] = $path;
	}
	sort( $files );
	return $files;
}

// Run only when executed, so tests can include the functions above.
if ( PHP_SAPI === 'cli' && isset( $argv[0] ) && realpath( $argv[0] ) === __FILE__ ) {
	$root                = dirname( __DIR__ );
	$target              = $root . '/languages/ai-failover.pot';
	list( $out, $count ) = build( $root );
	if ( in_array( '--check', $argv, true ) ) {
		$current = is_readable( $target ) ? (string) file_get_contents( $target ) : '';
		if ( $current !== $out ) {
			fwrite( STDERR, "languages/ai-failover.pot is out of date: run `npm run i18n:pot` and commit it.\n" );
			exit( 1 );
		}
		printf( "languages/ai-failover.pot is up to date (%d strings).\n", $count );
		exit( 0 );
	}
	file_put_contents( $target, $out );
	printf( "Wrote languages/ai-failover.pot (%d strings).\n", $count );
}
