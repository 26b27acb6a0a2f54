// The demo's wage runs: whatever the month the demo is seeded in, the runs lie before it and cover
// each month so far once (the payments of the other townships are dated by them).
import { describe, expect, it } from "vitest";
import { wageRuns } from "./demoTownships.ts";

describe("the demo townships' wage runs", () => {
  it("are none in January, one in February, two from March on, halfway and last month", () => {
    expect(wageRuns(1)).toEqual([]);
    expect(wageRuns(2)).toEqual([{ month: 1, covers: 1, label: "1月" }]);
    expect(wageRuns(3)).toEqual([{ month: 2, covers: 2, label: "1-2月" }]);
    expect(wageRuns(4)).toEqual([
      { month: 2, covers: 2, label: "1-2月" },
      { month: 3, covers: 1, label: "3月" },
    ]);
    expect(wageRuns(12)).toEqual([
      { month: 6, covers: 6, label: "1-6月" },
      { month: 11, covers: 5, label: "7-11月" },
    ]);
  });

  it("cover every month before this one exactly once, and end before it", () => {
    for (let month = 1; month <= 12; month++) {
      const runs = wageRuns(month);
      expect(runs.reduce((sum, r) => sum + r.covers, 0), `${month}月`).toBe(month - 1);
      for (const r of runs) expect(r.month).toBeLessThan(month);
    }
  });
});
