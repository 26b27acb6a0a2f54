// Proves the browser's password hint is the shared rule at its boundaries (more in shared/password.test.ts).
import { describe, expect, it } from "vitest";
import { PASSWORD_HINT, passwordProblem } from "./password.ts";

describe("passwordProblem", () => {
  it("accepts 10 characters with letters and digits", () => {
    expect(passwordProblem("hq7Tz2Lm9p")).toBeNull();
  });

  it("refuses 9 characters", () => {
    expect(passwordProblem("hq7Tz2Lm9")).toMatch(/至少 10 位/);
  });

  it("accepts 128 characters and refuses 129", () => {
    const long = "a1b2c3d4e5f6g7h8".repeat(8);
    expect(passwordProblem(long)).toBeNull();
    expect(passwordProblem(`${long}x`)).toMatch(/不能超过 128 位/);
  });

  it("requires a letter and a digit", () => {
    expect(passwordProblem("1357924680")).toMatch(/字母/);
    expect(passwordProblem("qhtzxmwpvk")).toMatch(/数字/);
  });

  it("refuses runs and repeats before the form is sent, and says so in the hint", () => {
    expect(passwordProblem("qwerty1234")).toMatch(/连续或重复/);
    expect(passwordProblem("aaaaaaaaa1")).not.toBeNull();
    expect(PASSWORD_HINT).toMatch(/常见密码/);
  });
});
