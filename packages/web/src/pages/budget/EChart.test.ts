// Proves a chart's legend goes on top (not over the axis labels) unless the page placed it.
import { describe, expect, it } from "vitest";
import { withLegendOnTop } from "./EChart.tsx";

describe("withLegendOnTop", () => {
  it("puts an unplaced legend on top and leaves the grid room", () => {
    expect(withLegendOnTop({ legend: { data: ["a"] } })).toEqual({ legend: { data: ["a"], top: 0 }, grid: { top: 40 } });
    expect(withLegendOnTop({ legend: { data: ["a"] }, grid: { left: 10 } })).toEqual({ legend: { data: ["a"], top: 0 }, grid: { left: 10, top: 40 } });
  });
  it("keeps a legend or grid the page placed, and a chart without a legend", () => {
    const placed = { legend: { bottom: 0 }, grid: { top: 10 } };
    expect(withLegendOnTop(placed)).toBe(placed);
    expect(withLegendOnTop({ legend: { top: 5 } })).toEqual({ legend: { top: 5 } });
    expect(withLegendOnTop({ series: [] })).toEqual({ series: [] });
  });
});
