<?php
/**
 * Constants PHPStan needs to know about (plugin.php defines them at run time).
 *
 * @package AI_Failover
 */

define( 'ABSPATH', '/tmp/wordpress/' );
define( 'AIFO_VERSION', '0.1.0' );
define( 'AIFO_PLUGIN_FILE', __DIR__ . '/../../plugin.php' );
define( 'AIFO_PLUGIN_DIR', dirname( __DIR__, 2 ) );
define( 'AIFO_MIN_PHP', '8.1' );
define( 'AIFO_MIN_WP', '6.1' );
define( 'ARRAY_A', 'ARRAY_A' );
define( 'OBJECT', 'OBJECT' );
define( 'MINUTE_IN_SECONDS', 60 );
define( 'HOUR_IN_SECONDS', 3600 );
define( 'DAY_IN_SECONDS', 86400 );
