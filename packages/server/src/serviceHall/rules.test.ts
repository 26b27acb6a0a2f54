// The service hall's pure rules on valid, invalid and boundary input: time limits, matter numbers,
// phone masking, on-time and the on-time rate (property-tested against exact arithmetic), the
// applicant's ID and phone, a category typed in a sheet.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { answeredOnTime, categoryFromText, checkApplicant, DEFAULT_TIME_LIMITS, maskPhone, matterNoOf, matterSeqOf, parseTimeLimits, shareInPercent, timeLimitOf } from "./rules.ts";

const today = new Date("2026-12-03T02:00:00Z");

describe("time limits (限时办结)", () => {
  it("takes a region's value for a category and the default for the rest", () => {
    expect(timeLimitOf({ complaint: 15 }, "complaint")).toBe(15);
    expect(timeLimitOf({ complaint: 15 }, "policyQuery")).toBe(DEFAULT_TIME_LIMITS.policyQuery);
    expect(DEFAULT_TIME_LIMITS).toEqual({ policyQuery: 1, paymentQuery: 2, application: 5, infoChange: 5, complaint: 10, other: 5 });
  });

  it("accepts whole days from 1 to 60 for known categories and refuses the rest", () => {
    expect(parseTimeLimits({ policyQuery: 1, complaint: 60 })).toEqual({ policyQuery: 1, complaint: 60 });
    expect(parseTimeLimits({})).toEqual({});
    expect(() => parseTimeLimits({ policyQuery: 0 })).toThrow("政策咨询");
    expect(() => parseTimeLimits({ complaint: 61 })).toThrow("1-60");
    expect(() => parseTimeLimits({ complaint: 2.5 })).toThrow();
    expect(() => parseTimeLimits({ parking: 3 })).toThrow("不是事项类别");
    expect(() => parseTimeLimits([1])).toThrow();
    expect(() => parseTimeLimits(null)).toThrow();
  });
});

describe("matter numbers (受理编号)", () => {
  it("numbers a township's matters of a year from 00001 to 99999", () => {
    expect(matterNoOf(2026, "329901101", 1)).toBe("FW2026101-00001");
    expect(matterNoOf(2026, "329901101", 99_999)).toBe("FW2026101-99999");
    expect(matterSeqOf("FW2026101-00042")).toBe(42);
    expect(() => matterNoOf(2026, "329901101", 0)).toThrow(RangeError);
    expect(() => matterNoOf(2026, "329901101", 100_000)).toThrow(RangeError);
    expect(() => matterNoOf(2026, "329901101001", 1)).toThrow(RangeError);
    expect(() => matterSeqOf("ZG2026101-00001")).toThrow(RangeError);
  });

  it("reads back every number it writes", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99_999 }), (seq) => matterSeqOf(matterNoOf(2026, "329901110", seq)) === seq));
  });
});

describe("phone masking", () => {
  it("keeps a mobile's first three and last four digits, a landline's area code and last four", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("0515-88881234")).toBe("0515-****1234");
    expect(maskPhone("051588881234")).toBe("051*****1234");
    expect(maskPhone("1234567")).toBe("*******");
    expect(maskPhone("12345678")).toBe("123*5678");
    expect(maskPhone("")).toBe("");
  });
});

describe("on time and the on-time rate", () => {
  it("counts the deadline's own instant as on time and a millisecond later as late", () => {
    const promised = new Date("2026-12-04T15:59:59.999Z");
    expect(answeredOnTime(promised, promised)).toBe(true);
    expect(answeredOnTime(new Date(promised.getTime() + 1), promised)).toBe(false);
  });

  it("gives percent with one decimal rounded half up, null with nothing answered", () => {
    expect(shareInPercent(2, 3)).toBe("66.7");
    expect(shareInPercent(1, 3)).toBe("33.3");
    expect(shareInPercent(1, 8)).toBe("12.5");
    expect(shareInPercent(1, 16)).toBe("6.3");
    expect(shareInPercent(0, 5)).toBe("0.0");
    expect(shareInPercent(7, 7)).toBe("100.0");
    expect(shareInPercent(0, 0)).toBeNull();
    expect(() => shareInPercent(3, 2)).toThrow(RangeError);
    expect(() => shareInPercent(-1, 2)).toThrow(RangeError);
  });

  it("is within half a tenth of the exact share, for any counts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (whole, raw) => {
        const part = raw % (whole + 1);
        const [units, tenth] = shareInPercent(part, whole)!.split(".").map(Number) as [number, number];
        const tenths = units * 10 + tenth;
        // |tenths − 1000·part/whole| ≤ 1/2, in integers: |2·tenths·whole − 2000·part| ≤ whole
        return Math.abs(2 * tenths * whole - 2000 * part) <= whole && tenth >= 0 && tenth <= 9;
      }),
    );
  });
});

describe("the applicant", () => {
  it("takes a valid ID (upper-casing x) and a mobile or landline, each optional", () => {
    expect(checkApplicant({ applicantIdNumber: "11010519491231002x", applicantPhone: "138 1234 5678" }, today)).toEqual({ idNumber: "11010519491231002X", phone: "13812345678", problems: [] });
    expect(checkApplicant({ applicantPhone: "0515-88123456" }, today)).toEqual({ idNumber: null, phone: "0515-88123456", problems: [] });
    expect(checkApplicant({}, today)).toEqual({ idNumber: null, phone: null, problems: [] });
  });

  it("names a bad checksum, a bad date, a bad length and a bad phone", () => {
    expect(checkApplicant({ applicantIdNumber: "110105194912310021" }, today).problems).toEqual([{ path: "applicantIdNumber", message: "身份证号校验位不正确" }]);
    expect(checkApplicant({ applicantIdNumber: "11010520271231002X" }, today).problems[0]?.message).toBe("身份证号中的出生日期不正确");
    expect(checkApplicant({ applicantIdNumber: "1101051949123100" }, today).problems[0]?.message).toContain("18位");
    expect(checkApplicant({ applicantPhone: "12812345678" }, today).problems).toEqual([{ path: "applicantPhone", message: "联系电话应为11位手机号或带区号的固定电话" }]);
    expect(checkApplicant({ applicantPhone: "1381234567" }, today).problems).toHaveLength(1);
  });

  it("reads a category by its Chinese name or its code", () => {
    expect(categoryFromText(" 补贴发放查询 ")).toBe("paymentQuery");
    expect(categoryFromText("complaint")).toBe("complaint");
    expect(categoryFromText("投诉")).toBeNull();
    expect(categoryFromText("")).toBeNull();
  });
});
