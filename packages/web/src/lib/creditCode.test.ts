// Proves that the registration form explains each kind of wrong credit code in Chinese.
import { describe, expect, it } from "vitest";
import { creditCodeProblem, normalizeCreditCode } from "./creditCode.ts";

// A well-known valid code (its check character is computed by GB 32100's modulo-31 rule).
const valid = "91350100M000100Y43";

describe("creditCodeProblem", () => {
  it("accepts a valid code, also in lower case or with spaces around it", () => {
    expect(creditCodeProblem(valid)).toBeNull();
    expect(creditCodeProblem(` ${valid.toLowerCase()} `)).toBeNull();
  });

  it("explains a wrong length, a forbidden character and a wrong check character", () => {
    expect(creditCodeProblem(valid.slice(0, 17))).toMatch(/18 位/);
    expect(creditCodeProblem(`${valid.slice(0, 16)}O3`)).toMatch(/I、O、S、V、Z/);
    expect(creditCodeProblem(`${valid.slice(0, 17)}0`)).toMatch(/校验位/);
  });
});

describe("normalizeCreditCode", () => {
  it("trims and upper-cases", () => {
    expect(normalizeCreditCode(" 91350100m000100y43 ")).toBe(valid);
  });
});
