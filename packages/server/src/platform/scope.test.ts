// Proves the scope prefix's range bound: every code with the prefix lies inside it, none outside.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { prefixUpperBound } from "./scope.ts";

describe("prefixUpperBound", () => {
  it("increments the last digit that is not 9, dropping the 9s after it", () => {
    expect(prefixUpperBound("329901")).toBe("329902");
    expect(prefixUpperBound("3299019")).toBe("329902");
    expect(prefixUpperBound("329999")).toBe("33");
    expect(prefixUpperBound("999")).toBeNull();
  });

  it("bounds exactly the codes that start with the prefix", () => {
    const digits = fc.string({ unit: fc.constantFrom(..."0123456789".split("")), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(digits, digits, (prefix, code) => {
        const upper = prefixUpperBound(prefix);
        const inRange = code >= prefix && (upper === null || code < upper);
        expect(inRange).toBe(code.startsWith(prefix));
      }),
    );
  });
});
