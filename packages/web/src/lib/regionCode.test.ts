// Proves that a new region's code must fit both the standard and the chosen parent.
import { describe, expect, it } from "vitest";
import { childRegionCodeHint, childRegionCodeProblem } from "./regionCode.ts";

describe("childRegionCodeProblem", () => {
  it("accepts a township under its district and a village under its township", () => {
    expect(childRegionCodeProblem("511702101", "511702000")).toBeNull();
    expect(childRegionCodeProblem("511702101201", "511702101")).toBeNull();
  });

  it("refuses a code that belongs under another parent", () => {
    expect(childRegionCodeProblem("511703101", "511702000")).toMatch(/不符/);
    expect(childRegionCodeProblem("511702102201", "511702101")).toMatch(/不符/);
  });

  it("passes on the standard's own complaint", () => {
    expect(childRegionCodeProblem("5117021", "511702000")).toMatch(/9 位/);
  });

  it("allows a district only without a parent", () => {
    expect(childRegionCodeProblem("511702000", null)).toBeNull();
    expect(childRegionCodeProblem("511702101", null)).toMatch(/上级/);
  });
});

describe("childRegionCodeHint", () => {
  it("describes the expected code for each parent level", () => {
    expect(childRegionCodeHint("511702000")).toMatch(/以 511702 开头/);
    expect(childRegionCodeHint("511702101")).toMatch(/12 位/);
    expect(childRegionCodeHint(null)).toMatch(/000/);
  });
});
