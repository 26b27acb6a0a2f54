// 补齐标准明细: completes an account set's chart with the standard 明细 of its kind (the built-in
// chart it was copied from at creation) that it lacks — sets created before the built-in chart gained
// its 明细 (6001 by appropriation kind and 基本/项目支出, 7101/7201, 8101/8102/8201/8202, 1201) keep
// first-level accounts otherwise, and the automatic postings stay there.
import { and, eq, inArray } from "drizzle-orm";
import type { ChartCompletionResult } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { recordAudit } from "../audit/index.ts";
import type { ChartAccount } from "./rules.ts";
import { ledgerAccount } from "./tables.ts";
import { accountHasLines, auditActor, auditRegion, builtInChart, loadChart, loadSet, type AccountSetRow, type LedgerActor } from "./service.ts";

/** The reason a standard 明细 is left out when its parent already holds entries. */
const IN_USE_REASON = "已有记账数据，不能增设明细；可在新年度账套中补齐";

interface StandardChartPlan {
  result: ChartCompletionResult;
  /** The accounts to insert, in code order, each a leaf unless a later one of the pass is under it. */
  accounts: ChartAccount[];
  /** Leaves of the set that become parents. */
  split: string[];
}

/**
 * What completing a set's chart from the built-in chart of its kind would do: every standard account
 * the set lacks, in code order, is added when its parent is in the set under the standard's name,
 * category and side (or is added in the same pass); never grafted under an account the set names
 * otherwise, nor under a leaf that already holds entries (it is not split). A first-level account the
 * set lacks is left alone: that is a chart of its own, imported, not a missing 明细.
 */
async function planStandardChart(db: Db, set: AccountSetRow): Promise<StandardChartPlan> {
  const chart = await loadChart(db, set);
  const standard = builtInChart(set.kind);
  const standardByCode = new Map(standard.map((a) => [a.code, a]));
  const result: ChartCompletionResult = { added: [], skipped: [] };
  const accounts = new Map<string, ChartAccount>();
  const split: string[] = [];
  /** Why the accounts under a code are left out (a refused parent refuses its whole subtree). */
  const refused = new Map<string, string>();
  const inUse = new Map<string, boolean>();
  for (const account of [...standard].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    if (chart.has(account.code) || !account.parentCode) continue;
    const parentCode = account.parentCode;
    const inherited = refused.get(parentCode);
    if (inherited) {
      refused.set(account.code, inherited);
      result.skipped.push({ code: account.code, name: account.name, reason: inherited });
      continue;
    }
    const added = accounts.get(parentCode);
    const parent = added ?? chart.get(parentCode);
    if (!parent) continue; // under a first-level account the set lacks
    let reason: string | undefined;
    if (!added) {
      const std = standardByCode.get(parentCode)!;
      if (parent.name.trim() !== std.name || parent.category !== std.category || parent.normalSide !== std.normalSide) {
        reason = `上级科目 ${parent.code} 在本账套中为「${parent.name}」，与标准科目「${std.name}」不同，不在其下增设标准明细`;
      } else if (parent.isLeaf && !split.includes(parentCode)) {
        if (!inUse.has(parentCode)) inUse.set(parentCode, await accountHasLines(db, set, parentCode));
        if (inUse.get(parentCode)) reason = `科目 ${parent.code} ${parent.name} ${IN_USE_REASON}`;
        else split.push(parentCode);
      }
    }
    if (reason) {
      refused.set(account.code, reason);
      result.skipped.push({ code: account.code, name: account.name, reason });
      continue;
    }
    if (added) added.isLeaf = false;
    accounts.set(account.code, { ...account, isLeaf: true, requiredAux: [...account.requiredAux] });
    result.added.push({ code: account.code, name: account.name });
  }
  return { result, accounts: [...accounts.values()], split };
}

/** What completeStandardChart would do, without writing. */
export async function previewStandardChart(db: Db, actor: LedgerActor, setId: string): Promise<ChartCompletionResult> {
  return (await planStandardChart(db, await loadSet(db, actor, setId))).result;
}

/**
 * Completes a set's chart with the standard 明细 of its kind it lacks (see planStandardChart), all
 * or nothing; run again it adds nothing.
 */
export async function completeStandardChart(tx: Db, actor: LedgerActor, setId: string, at: Date): Promise<ChartCompletionResult> {
  const set = await loadSet(tx, actor, setId);
  const plan = await planStandardChart(tx, set);
  if (plan.accounts.length) await tx.insert(ledgerAccount).values(plan.accounts.map((a) => ({ regionCode: set.regionCode, setId: set.id, ...a })));
  if (plan.split.length) await tx.update(ledgerAccount).set({ isLeaf: false }).where(and(eq(ledgerAccount.regionCode, set.regionCode), eq(ledgerAccount.setId, set.id), inArray(ledgerAccount.code, plan.split)));
  await recordAudit(tx, { regionCode: auditRegion(set.regionCode), actor: auditActor(actor), action: "ledger.chartCompleted", entityType: "ledgerAccountSet", entityId: set.id, after: { added: plan.result.added.length, skipped: plan.result.skipped.length } }, at);
  return plan.result;
}
