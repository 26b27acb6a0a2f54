// Proves the browser-side password rule matches the contract at its boundaries.
import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password.ts";

describe("passwordProblem", () => {
  it("accepts 10 characters with letters and digits", () => {
    expect(passwordProblem("abcde12345")).toBeNull();
  });

  it("refuses 9 characters", () => {
    expect(passwordProblem("abcde1234")).toMatch(/至少 10 位/);
  });

  it("accepts 128 characters and refuses 129", () => {
    expect(passwordProblem("a1".repeat(64))).toBeNull();
    expect(passwordProblem(`${"a1".repeat(64)}x`)).toMatch(/不能超过 128 位/);
  });

  it("requires a letter and a digit", () => {
    expect(passwordProblem("1234567890")).toMatch(/字母/);
    expect(passwordProblem("abcdefghij")).toMatch(/数字/);
  });
});
