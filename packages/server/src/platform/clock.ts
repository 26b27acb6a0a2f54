// The one source of "now". Code that needs the current time takes a Clock (a route uses the app's,
// `request.server.clock`); tests pass a fixed one, so no test depends on the day, hour or time zone
// it runs in. Dates a person reads (a fiscal year, a due date, a deadline) are China time: derive
// them from the instant with chinaDate()/chinaYear() (platform/workingDays.ts), never from the server's
// own time zone.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface TestClock extends Clock {
  /** Moves the clock to an instant (an ISO string with its offset, or a Date). */
  set(at: Date | string): void;
  /** Moves the clock forward by a number of milliseconds. */
  advance(ms: number): void;
}

/** A clock that stands still at `at` until set or advanced (for tests and benchmarks). */
export function fixedClock(at: Date | string): TestClock {
  let current = new Date(at);
  if (Number.isNaN(current.getTime())) throw new Error(`fixedClock: not an instant: ${String(at)}`);
  return {
    now: () => new Date(current.getTime()),
    set(next) {
      const d = new Date(next);
      if (Number.isNaN(d.getTime())) throw new Error(`fixedClock: not an instant: ${String(next)}`);
      current = d;
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}
