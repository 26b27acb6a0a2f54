// The tests' "now". The demo template is built at TEST_NOW and every test app's clock starts there, so
// no test depends on the day, hour or time zone the suite runs in (docs/security.md, promise 14).
// CI runs the server tests again with the machine's clock moved to a weekend, 31 December, 1 January
// and 29 February (faketime, .ci/run): whatever still reads the wall clock fails there.
import type { Clock } from "../src/platform/clock.ts";

/** Thursday 3 December 2026, 10:00 China time: a working day in the last month of the fiscal year. */
export const TEST_NOW = new Date("2026-12-03T02:00:00Z");

/** The China date of TEST_NOW, for tests that write a date as a person would. */
export const TEST_TODAY = "2026-12-03";

/** The fiscal year the demo template lives in. */
export const TEST_YEAR = 2026;

/**
 * A clock that starts at `start` and runs forward with real time (timeouts, expiries and the order of
 * events behave as in production), whatever the date of the machine.
 */
export function testClock(start: Date = TEST_NOW): Clock {
  const origin = performance.now();
  return { now: () => new Date(start.getTime() + Math.round(performance.now() - origin)) };
}
