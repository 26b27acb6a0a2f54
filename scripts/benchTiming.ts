// Timing for the benchmarks: seconds since an instant, and a step timed and printed with what it found.
// Not a benchmark itself (scripts/bench.mjs runs bench-*).

/** Seconds since `from` (a performance.now() reading), two decimals. */
export const seconds = (from: number): string => ((performance.now() - from) / 1000).toFixed(2);

/** Runs `work`, prints "  label: 1.23 s (what it found)" and answers its result. */
export async function timed<T>(label: string, work: () => Promise<T>, describe: (t: T) => string = () => ""): Promise<T> {
  const t0 = performance.now();
  const result = await work();
  const found = describe(result);
  console.log(`  ${label}: ${seconds(t0)} s${found ? ` (${found})` : ""}`);
  return result;
}
