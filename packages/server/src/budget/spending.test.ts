// Proves the rule that says whether an indicator's money is 基本支出 or 项目支出 and which project
// (budget/spending.ts): from its budget line when it has one, by source and fund nature otherwise.
import { describe, expect, it } from "vitest";
import { expenditureKindOf, spendingOf } from "./spending.ts";

const indicator = { originSource: "approvedBudget" as const, fundNature: "generalBudget" as const, documentNo: "青财预〔2026〕3号", summary: "村道硬化" };
const projectLine = { expenditureKind: "project" as const, projectId: "0190d2a0-0000-7000-8000-000000000001", projectName: "村道硬化工程" };

describe("spendingOf", () => {
  it("takes 基本支出 or 项目支出 and the project from the indicator's budget line (carried over too)", () => {
    expect(spendingOf(indicator, { expenditureKind: "basic", projectId: null, projectName: null }, null)).toEqual({ expenditureKind: "basic", projectId: null, project: null });
    expect(spendingOf(indicator, projectLine, { projectNo: "XM-2026-003", name: "村道硬化工程" })).toEqual({ expenditureKind: "project", projectId: projectLine.projectId, project: "XM-2026-003 村道硬化工程" });
    expect(spendingOf({ ...indicator, originSource: "upperTransfer" }, projectLine, null)).toEqual({ expenditureKind: "project", projectId: projectLine.projectId, project: "村道硬化工程" });
    // A line of 基本支出 stays 基本支出 whatever the fund nature.
    expect(spendingOf({ ...indicator, fundNature: "governmentFund" }, { expenditureKind: "basic", projectId: null, projectName: null }, null).expenditureKind).toBe("basic");
  });

  it("makes an indicator without a line 项目支出 of its document when it is an upper transfer or 政府性基金, 基本支出 otherwise", () => {
    expect(spendingOf({ ...indicator, originSource: "upperTransfer" }, null, null)).toEqual({ expenditureKind: "project", projectId: null, project: "青财预〔2026〕3号 村道硬化" });
    expect(spendingOf({ ...indicator, fundNature: "upperTransfer" }, null, null).expenditureKind).toBe("project");
    expect(spendingOf({ ...indicator, fundNature: "governmentFund" }, null, null).expenditureKind).toBe("project");
    for (const fundNature of ["generalBudget", "stateCapital", "other"] as const) expect(spendingOf({ ...indicator, fundNature }, null, null)).toEqual({ expenditureKind: "basic", projectId: null, project: null });
  });

  it("reads an indicator carried over (结转) by its origin: an upper transfer stays 项目支出, the approved budget's stays 基本支出", () => {
    // The carried indicator keeps the origin's source (origin_source), whatever its own source 结转.
    expect(spendingOf({ ...indicator, originSource: "upperTransfer" }, null, null).expenditureKind).toBe("project");
    expect(spendingOf({ ...indicator, originSource: "approvedBudget" }, null, null).expenditureKind).toBe("basic");
  });

  it("names a project line without a name by the indicator's document, and cuts the project to 100 characters", () => {
    expect(spendingOf(indicator, { ...projectLine, projectId: null, projectName: null }, null)).toEqual({ expenditureKind: "project", projectId: null, project: "青财预〔2026〕3号" });
    expect(spendingOf(indicator, projectLine, { projectNo: "XM-1", name: "项".repeat(200) }).project).toHaveLength(100);
    expect(spendingOf({ ...indicator, originSource: "upperTransfer", summary: "" }, null, null).project).toBe("青财预〔2026〕3号");
  });

  it("agrees with expenditureKindOf, the kind alone, on every combination of line kind, origin and fund nature", () => {
    for (const lineKind of [null, "basic", "project"] as const)
      for (const originSource of ["approvedBudget", "upperTransfer"] as const)
        for (const fundNature of ["generalBudget", "upperTransfer", "governmentFund", "stateCapital", "other"] as const) {
          const facts = { ...indicator, originSource, fundNature };
          const line = lineKind ? { expenditureKind: lineKind, projectId: null, projectName: null } : null;
          expect(expenditureKindOf(facts, lineKind), `${lineKind}/${originSource}/${fundNature}`).toBe(spendingOf(facts, line, null).expenditureKind);
        }
    expect(expenditureKindOf({ originSource: "approvedBudget", fundNature: "generalBudget" }, "project")).toBe("project");
    expect(expenditureKindOf({ originSource: "upperTransfer", fundNature: "generalBudget" }, "basic")).toBe("basic");
  });
});
