// Date independence (docs/security.md, promise 14): code takes a clock, tests pass one. A call that
// leaves a `new Date()` default to the callee while the caller holds the time (a route's app clock, a
// service's own `at`) would make the callee read the machine's date instead: none may exist. CI runs
// the server tests again with the machine's clock on a weekend, 31 December, 1 January and 29 February
// (faketime, .ci/run), which catches what this static check cannot see.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_ROOT } from "../test/importGraph.ts";
import { wallClockCalls } from "../test/wallClock.ts";
import { TEST_NOW, TEST_TODAY, TEST_YEAR, testClock } from "../test/clock.ts";
import { chinaDate, chinaYear } from "./platform/workingDays.ts";

const isTestSupport = (file: string) => /\.test\.ts$|\/testKit\.ts$|\/testing\.ts$|\/testFixtures\.ts$|\/testKinds\.ts$/.test(file);

describe("date independence", () => {
  it("no product call leaves the time to a wall-clock default when the caller has the time", () => {
    const src = path.join(SERVER_ROOT, "src");
    const calls = wallClockCalls(path.join(SERVER_ROOT, "tsconfig.json"), (f) => f.startsWith(src) && !isTestSupport(f), SERVER_ROOT);
    expect(calls.filter((c) => c.timeInScope !== null).map((c) => `${c.at} ${c.callee}(…) leaves “${c.parameter}” to the wall clock: pass ${c.timeInScope}`)).toEqual([]);
  }, 180_000);

  it("the check finds such a call in a route and in a service that holds its time, and not where the time is passed", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "xc-wallclock-"));
    try {
      mkdirSync(path.join(dir, "src"));
      writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "es2022", module: "esnext", moduleResolution: "bundler", allowImportingTsExtensions: true, noEmit: true }, include: ["src"] }));
      writeFileSync(
        path.join(dir, "src/service.ts"),
        [
          "export function stamp(label: string, at = new Date()): string { return label + at.toISOString(); }",
          "export function service(at: Date): string { return stamp('a'); }",
          "export function passes(at: Date): string { return stamp('b', at); }",
          "export function noTime(): string { return stamp('c'); }",
        ].join("\n"),
      );
      writeFileSync(path.join(dir, "src/routes.ts"), "import { stamp } from './service.ts';\nexport const route = () => stamp('d');\n");
      const calls = wallClockCalls(path.join(dir, "tsconfig.json"), () => true, dir);
      expect(calls.map((c) => [c.at, c.callee, c.parameter, c.timeInScope]).sort()).toEqual([
        ["src/routes.ts:2", "stamp", "at", "app.clock.now()"],
        ["src/service.ts:2", "stamp", "at", "at"],
        ["src/service.ts:4", "stamp", "at", null],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("the tests' instant is a Thursday working day in China time, and the test clock runs forward from it", async () => {
    expect(TEST_NOW.toISOString()).toBe("2026-12-03T02:00:00.000Z");
    expect(chinaDate(TEST_NOW)).toBe(TEST_TODAY);
    expect(chinaYear(TEST_NOW)).toBe(TEST_YEAR);
    expect(new Date(`${TEST_TODAY}T12:00:00Z`).getUTCDay()).toBe(4);
    const clock = testClock();
    const first = clock.now().getTime();
    expect(first - TEST_NOW.getTime()).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock.now().getTime()).toBeGreaterThan(first);
  });
});
