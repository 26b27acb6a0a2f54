// Proves executionsOf (performance/common.ts), the many-subject reading of a tree's money that the
// target list, its export, the monitoring overview and (one subject at a time) executionOf use: for
// every tree of the demo, of every township, it answers the sums worked out here from the indicator
// rows themselves (a unit's: its indicators of the year; a project's: those issued from its request
// lines), some of them with money; another year or township, a policy, a reference that is not an id,
// or no subject at all is zero, so the many subjects do not mix one another's money.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/http.ts";
import { budgetIndicator, budgetLine } from "../budget/index.ts";
import { executionOf, executionsOf, type ExecutionSubject } from "./common.ts";
import { performanceTargetSheet } from "./tables.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("demo");
});
afterAll(async () => t?.close());

const zero = { issuedFen: 0n, paidFen: 0n };

describe("executionsOf", () => {
  it("answers for each of many trees what reading that tree alone answers", async () => {
    const db = t.database.db;
    const sheets = await db.select().from(performanceTargetSheet);
    const subjects: ExecutionSubject[] = sheets.map((s) => ({ regionCode: s.regionCode, fiscalYear: s.fiscalYear, kind: s.subjectKind, ref: s.subjectRef }));
    expect(new Set(subjects.map((s) => s.regionCode)).size).toBeGreaterThan(1);
    // The same subjects a year later, and a project of one township asked under another: nothing.
    const elsewhere = subjects.filter((s) => s.kind !== "policy").flatMap((s) => [{ ...s, fiscalYear: s.fiscalYear + 1 }, { ...s, regionCode: s.regionCode === "329901101" ? "329901102" : "329901101" }]);
    const all = [...subjects, ...elsewhere];
    const indicators = await db.select().from(budgetIndicator);
    const projectOfLine = new Map((await db.select().from(budgetLine)).map((l) => [`${l.regionCode}|${l.id}`, l.projectId]));
    const expected = (s: ExecutionSubject) => {
      const of = indicators.filter(
        (i) => i.regionCode === s.regionCode && i.fiscalYear === s.fiscalYear && (s.kind === "unit" ? i.budgetUnitId === s.ref : s.kind === "project" && i.budgetLineId !== null && projectOfLine.get(`${i.regionCode}|${i.budgetLineId}`) === s.ref),
      );
      return { issuedFen: of.reduce((sum, i) => sum + i.issuedFen, 0n), paidFen: of.reduce((sum, i) => sum + i.paidFen, 0n) };
    };
    const many = await executionsOf(db, all);
    let withMoney = 0;
    for (const s of all) {
      expect(many(s), JSON.stringify(s)).toEqual(expected(s));
      if (many(s).issuedFen > 0n) withMoney++;
    }
    expect(withMoney).toBeGreaterThan(1);
    const one = subjects.find((s) => expected(s).issuedFen > 0n)!;
    expect(await executionOf(db, one.regionCode, one.fiscalYear, { kind: one.kind, ref: one.ref })).toEqual(expected(one));
  });

  it("is zero for no subjects, a policy, a reference that is not an id, and a subject it was not asked about", async () => {
    const db = t.database.db;
    const none = await executionsOf(db, []);
    const policy: ExecutionSubject = { regionCode: "329901101", fiscalYear: 2026, kind: "policy", ref: "耕地地力保护补贴" };
    const bogus: ExecutionSubject = { regionCode: "329901101", fiscalYear: 2026, kind: "project", ref: "not-an-id" };
    expect(none(policy)).toEqual(zero);
    const answer = await executionsOf(db, [policy, bogus]);
    expect(answer(policy)).toEqual(zero);
    expect(answer(bogus)).toEqual(zero);
    const [sheet] = await db.select().from(performanceTargetSheet);
    expect(answer({ regionCode: sheet!.regionCode, fiscalYear: sheet!.fiscalYear, kind: sheet!.subjectKind, ref: sheet!.subjectRef })).toEqual(zero);
  });
});
