// Proves the code-and-name text and the choice of codes still to look up: known, empty and malformed
// codes are never asked for, duplicates once, in a stable order.
import { describe, expect, it } from "vitest";
import { codeWithName, missingCodes } from "./codeNames.ts";

describe("codeWithName", () => {
  it("puts the name beside the code, or leaves the code alone", () => {
    expect(codeWithName("2010301", "行政运行")).toBe("2010301 行政运行");
    expect(codeWithName("2010301", undefined)).toBe("2010301");
    expect(codeWithName(null, "x")).toBe("—");
  });
});

describe("missingCodes", () => {
  it("asks only for codes not known, once each, sorted", () => {
    expect(missingCodes(["30201", "2010301", "30201", null, "", "x1"], (c) => c === "2010301")).toEqual(["30201"]);
    expect(missingCodes([], () => false)).toEqual([]);
  });
});
