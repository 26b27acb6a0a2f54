// Proves the password rule shared by the server and the web app's hint: length, letters and digits,
// no username, not mostly runs (1234, abcd, qwer, aaaa), not a common password (with digits or
// symbols around it), on valid input, invalid input and the boundaries.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { passwordProblem, runCoverage, PASSWORD_LENGTH_MAX, PASSWORD_LENGTH_MIN } from "./password.ts";

const common = new Set(["password", "qwerty", "qwerty1234", "monkey", "p@ssw0rd", "zhang", "5201314"]);
const isCommon = (candidate: string) => common.has(candidate);

describe("passwordProblem", () => {
  it("accepts a password of the right length with letters and digits and nothing guessable", () => {
    for (const ok of ["Demo@2026xc", "Xiangcai#7Fen", "hq7Tz2Lm9pWc", "Zhang@12345x", "monkey.Tree7"]) expect(passwordProblem(ok, { isCommon })).toBeNull();
  });

  it("counts characters, not UTF-16 units, at both ends", () => {
    expect(passwordProblem("ab3xk9Tq7w".slice(0, PASSWORD_LENGTH_MIN - 1))).toMatch(/至少 10 位/);
    expect(passwordProblem("ab3xk9Tq7w")).toBeNull();
    const long = "a1b2c3d4e5f6g7h8".repeat(8);
    expect(long.length).toBe(PASSWORD_LENGTH_MAX);
    expect(passwordProblem(long)).toBeNull();
    expect(passwordProblem(`${long}x`)).toMatch(/不能超过 128 位/);
    expect(passwordProblem("财政所7Xk2pQ9")).toBeNull();
    expect(passwordProblem("财政所7Xk2pQ")).toMatch(/至少 10 位/);
  });

  it("requires a letter and a digit", () => {
    expect(passwordProblem("1357924680")).toMatch(/字母/);
    expect(passwordProblem("qhtzxmwpvk")).toMatch(/数字/);
  });

  it("refuses the username inside the password, in any case", () => {
    expect(passwordProblem("Director2026x", { username: "director" })).toMatch(/用户名/);
    expect(passwordProblem("Director2026x", { username: "cashier" })).toBeNull();
  });

  it("refuses the probe's weak passwords: password12, qwerty1234, aaaaaaaaa1", () => {
    expect(passwordProblem("password12", { isCommon })).toMatch(/常见密码/);
    expect(passwordProblem("qwerty1234", { isCommon })).toMatch(/常见密码|连续或重复/);
    expect(passwordProblem("qwerty1234")).toMatch(/连续或重复/);
    expect(passwordProblem("aaaaaaaaa1")).toMatch(/连续或重复|种类太少/);
  });

  it("refuses a password made mostly of runs: sequences, keyboard rows, repeats", () => {
    for (const weak of ["abcdefgh12", "1234567abc", "zyxwvu9876", "asdfghjk12", "1qaz2wsx3edc", "abcabcabc1", "a1a1a1a1a1", "9876543210x"]) {
      expect(passwordProblem(weak), weak).toMatch(/连续或重复|种类太少/);
    }
    // A run that is less than half of the password is allowed.
    expect(passwordProblem("Tz1234kQmw")).toBeNull();
  });

  it("refuses a common password with digits or symbols added around it", () => {
    for (const weak of ["Password2026", "P@ssw0rd2026", "monkey123456", "!!zhang2026", "QWERTY1234!", "5201314abc", "xy5201314z"]) expect(passwordProblem(weak, { isCommon }), weak).toMatch(/常见密码/);
    // A common word inside other letters is not the common password.
    expect(passwordProblem("zhangwei7Lk9", { isCommon })).toBeNull();
  });

  it("measures runs: the share of characters inside runs of four or more", () => {
    expect(runCoverage("abcd")).toBe(4);
    expect(runCoverage("abc")).toBe(0);
    expect(runCoverage("x1234y5555z")).toBe(8);
    expect(runCoverage("qwer")).toBe(4);
    expect(runCoverage("DCBA")).toBe(4);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const covered = runCoverage(s);
        return covered >= 0 && covered <= [...s].length;
      }),
    );
  });
});
