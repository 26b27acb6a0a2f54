// Proves the to-do drawer's explanations: names listed and shortened past a few, the withheld move
// with its reason and who can, nobody to ask said plainly, and no step text once the user has a move
// or the matter is closed.
import { describe, expect, it } from "vitest";
import { blockedTexts, namesText, stepText } from "./explain.ts";

describe("namesText", () => {
  it("lists up to four names and counts the rest", () => {
    expect(namesText(["王建国"])).toBe("王建国");
    expect(namesText(["甲", "乙", "丙", "丁"])).toBe("甲、乙、丙、丁");
    expect(namesText(["甲", "乙", "丙", "丁", "戊"])).toBe("甲、乙、丙、丁等 5 人");
  });

  it("says who to turn to when nobody can act", () => {
    expect(namesText([])).toContain("目前没有");
  });
});

describe("blockedTexts", () => {
  it("names the move, the reason and who can", () => {
    expect(blockedTexts([{ action: "approve", label: "审批通过", reason: "您是本事项的录入人，须由他人办理。", whoCan: ["王建国"] }])).toEqual(["“审批通过”：您是本事项的录入人，须由他人办理。可由 王建国 办理。"]);
  });

  it("puts moves withheld for the same reason from the same people in one sentence, others apart", () => {
    const reason = "您是本事项的录入人，须由他人办理。";
    expect(
      blockedTexts([
        { action: "townshipApprove", label: "乡镇审核通过，进入公示", reason, whoCan: ["王建国"] },
        { action: "townshipReject", label: "不予发放", reason, whoCan: ["王建国"] },
        { action: "other", label: "其他", reason, whoCan: [] },
      ]),
    ).toEqual([`“乡镇审核通过，进入公示”、“不予发放”：${reason}可由 王建国 办理。`, `“其他”：${reason}可由 本单位其他在岗人员（目前没有，请联系所长或系统管理员） 办理。`]);
  });
});

describe("stepText", () => {
  const base = { closedAt: null, actions: [], blocked: [], stateName: "待财政所审核", handlers: [{ name: "李秀英", roleNames: ["总预算会计"] }, { name: "王建国", roleNames: ["财政所所长"] }] };

  it("says who acts at the step when the user has no move", () => {
    expect(stepText(base)).toBe("当前环节“待财政所审核”无需您办理，由 李秀英（总预算会计）、王建国（财政所所长） 办理。");
  });

  it("says nothing once the user has a move, a withheld move, or the matter is closed", () => {
    expect(stepText({ ...base, actions: [{ action: "approve", label: "通过", noteRequired: false }] })).toBeNull();
    expect(stepText({ ...base, blocked: [{ action: "approve", label: "通过", reason: "", whoCan: [] }] })).toBeNull();
    expect(stepText({ ...base, closedAt: "2026-03-02T02:00:00Z" })).toBeNull();
  });
});
