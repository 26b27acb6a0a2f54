import { describe, expect, it } from "vitest";
import { residentIdChange, residentIdProblem } from "./residentId.ts";

const today = new Date("2026-07-01T02:00:00Z");

describe("residentIdProblem", () => {
  it("accepts a valid number, a lower-case x and an empty field", () => {
    expect(residentIdProblem("11010519491231002X", today)).toBeNull();
    expect(residentIdProblem("11010519491231002x", today)).toBeNull();
    expect(residentIdProblem("  ", today)).toBeNull();
    expect(residentIdProblem(undefined, today)).toBeNull();
  });

  it("says what is wrong: 17 digits, a letter inside, a birth date after today, a wrong check digit", () => {
    expect(residentIdProblem("11010519491231002", today)).toBe("身份证号应为 18 位");
    expect(residentIdProblem("1101051949123100AX", today)).toBe("前 17 位应为数字，最后一位为数字或 X");
    expect(residentIdProblem("110105202607020011", today)).toBe("出生日期不正确");
    expect(residentIdProblem("110105194912310021", today)).toBe("校验位不正确，请核对是否有输错的数字");
  });
});

describe("residentIdChange", () => {
  it("sends a typed number, null to clear, and nothing when the field is left empty", () => {
    expect(residentIdChange({ residentId: " 11010519491231002X " })).toEqual({ residentId: "11010519491231002X" });
    expect(residentIdChange({ residentId: "11010519491231002X", clearResidentId: true })).toEqual({ residentId: "11010519491231002X" });
    expect(residentIdChange({ residentId: "", clearResidentId: true })).toEqual({ residentId: null });
    expect(residentIdChange({ residentId: "" })).toEqual({});
    expect(residentIdChange({})).toEqual({});
  });
});
