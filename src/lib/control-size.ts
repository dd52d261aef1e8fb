/**
 * The first WordPress branch whose TextControl and SelectControl take
 * `__next40pxDefaultSize` (checked in the 6.1 to 6.6 builds the rig runs).
 */
const FIRST_BRANCH = { major: 6, minor: 5 };

/**
 * Props that opt TextControl and SelectControl into the 40px size, where the
 * running `@wordpress/components` knows the prop; spread them onto each one.
 *
 * WordPress 6.8 deprecates the 36px default size of these controls (it goes
 * in 7.1) and logs a console warning for every control rendered without the
 * prop. The components of WordPress 6.1 to 6.4 do not know it and pass it on
 * to the <input> or <select>, which React reports as an unknown DOM
 * attribute. `@wordpress/components` is an external (`window.wp.components`),
 * so the version is the one wp-admin writes into its body class
 * (`version-6-8-1`; not `branch-`, which is `branch-7` for 7.0); without that
 * class (not wp-admin) nothing is passed.
 *
 * @param body The wp-admin page's body (a parameter for tests).
 * @return `{ __next40pxDefaultSize: true }` or nothing.
 */
export function controlSize(
	body: HTMLElement | null = typeof document === 'undefined'
		? null
		: document.body
): { __next40pxDefaultSize?: true } {
	const match = /(?:^|\s)version-(\d+)-(\d+)(?:-|\s|$)/.exec(
		body?.className ?? ''
	);
	if ( ! match ) {
		return {};
	}
	const major = Number( match[ 1 ] );
	const minor = Number( match[ 2 ] );
	const supported =
		major > FIRST_BRANCH.major ||
		( major === FIRST_BRANCH.major && minor >= FIRST_BRANCH.minor );
	return supported ? { __next40pxDefaultSize: true } : {};
}
