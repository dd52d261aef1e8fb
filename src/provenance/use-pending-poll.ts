/**
 * WordPress dependencies
 */
import { useEffect, useState } from '@wordpress/element';

/** How long the panel waits between two reads while a run is pending. */
export const POLL_INTERVAL_MS = 3000;

/** Reads per save at most (two minutes): a stuck queue must not be polled forever. */
export const MAX_POLLS = 40;

type Options = {
	interval?: number;
	limit?: number;
};

type PendingPoll = {
	/** A read is scheduled: a run is still pending and the limit is not reached. */
	polling: boolean;
	/** The limit was reached with a run still pending. */
	gaveUp: boolean;
};

/**
 * Calls `poll` every `interval` ms while `pending` runs are queued or
 * running and no read is in flight (`busy`), at most `limit` times after
 * each change of `resetKey` (a save). Nothing is scheduled while nothing is
 * pending.
 *
 * @param pending          Queued or running runs, as last read.
 * @param busy             A read is in flight.
 * @param poll             Starts one read.
 * @param resetKey         Starts a new count when it changes.
 * @param options          Interval and limit (the defaults above).
 * @param options.interval
 * @param options.limit
 * @return Whether it polls and whether it gave up.
 */
export function usePendingPoll(
	pending: number,
	busy: boolean,
	poll: () => void,
	resetKey: unknown,
	{ interval = POLL_INTERVAL_MS, limit = MAX_POLLS }: Options = {}
): PendingPoll {
	const [ polls, setPolls ] = useState( 0 );
	useEffect( () => setPolls( 0 ), [ resetKey ] );
	const active = pending > 0 && polls < limit;
	useEffect( () => {
		if ( ! active || busy ) {
			return undefined;
		}
		const timer = setTimeout( () => {
			setPolls( ( count ) => count + 1 );
			poll();
		}, interval );
		return () => clearTimeout( timer );
	}, [ active, busy, polls, poll, interval ] );
	return { polling: active, gaveUp: pending > 0 && polls >= limit };
}
