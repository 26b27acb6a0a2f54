// The rules over budget indicators and treasury payments: split payments, large payments to a
// person's account, large payments without attachments, a year-end surge, idle funds. Each is one
// query over the scope (region-first indexes), then the decision on plain values (rules.ts).
import { formatYuan } from "@xiangcai/shared";
import { sql } from "drizzle-orm";
import { rows } from "../platform/db.ts";
import { paymentRequest } from "../treasury/index.ts";
import { budgetIndicator, indicatorEvent } from "../budget/index.ts";
import { budgetUnit } from "../org/index.ts";
import { addDays, daysBetween, dayNumber, isYearEndSurge, monthsBefore, shareText, splitPaymentClusters, yuan, type AlertObject, type EvidenceItem, type Finding } from "./rules.ts";
import { chinaDay, finding, inScope, LIVE_PAYMENT_STATUSES, paramsOf, paymentStatusNames, type RuleContext } from "./findCommon.ts";
import { groupBy } from "../platform/groupBy.ts";

interface PaymentRow {
  region_code: string;
  id: string;
  payment_no: string;
  payee_kind: "organisation" | "person";
  payee_name: string;
  payee_credit_code: string | null;
  payee_id_index: string | null;
  payee_id_masked: string | null;
  amount_fen: bigint;
  purpose: string;
  status: string;
  entered_on: string;
  unit_name: string | null;
}

const paymentColumns = sql`p.region_code, p.id, p.payment_no, p.payee_kind, p.payee_name, p.payee_credit_code, p.payee_id_index, p.payee_id_masked,
  p.amount_fen, p.purpose, p.status, ${chinaDay(sql`p.created_at`)} as entered_on, u.name as unit_name`;

const paymentObject = (p: PaymentRow): AlertObject => ({ type: "payment", id: p.id, regionCode: p.region_code, label: `${p.payment_no} ${p.payee_name} ${yuan(p.amount_fen)} 元` });

const paymentItem = (p: PaymentRow, note = ""): EvidenceItem => ({
  objectType: "payment",
  objectId: p.id,
  regionCode: p.region_code,
  label: `${p.payment_no} ${p.unit_name ?? ""} → ${p.payee_name}`,
  date: p.entered_on,
  amount: formatYuan(p.amount_fen),
  note: note || `${p.purpose}（${paymentStatusNames[p.status] ?? p.status}）`,
});

const payeeText = (p: PaymentRow) => (p.payee_kind === "person" ? `${p.payee_name}（个人，${p.payee_id_masked ?? ""}）` : `${p.payee_name}（${p.payee_credit_code ?? ""}）`);

/** SPLIT_PAYMENT: payments to one payee, each below the approval threshold, together at or above it within the window. */
export async function findSplitPayments(context: RuleContext): Promise<Finding[]> {
  const findings: Finding[] = [];
  // The frame of a window function takes a constant: one query per distinct window length (usually one).
  const byWindow = groupBy([...context.thresholds.entries()], ([, t]) => String(t.splitWindowDays));
  for (const [windowText, townships] of byWindow) {
    const window = Number(windowText);
    const params = paramsOf({ ...context, thresholds: new Map(townships) }, (t) => t.splitThresholdFen);
    if (!params) continue;
    const candidates = await rows<PaymentRow & { threshold_fen: bigint; payee_key: string }>(
      context.db,
      sql`with c as (
            select ${paymentColumns}, coalesce(p.payee_credit_code, p.payee_id_index) as payee_key, params.value as threshold_fen,
                   ((p.created_at at time zone 'Asia/Shanghai')::date - date '2000-01-01') as day
            from ${paymentRequest} p
            join ${params} on params.region_code = p.region_code
            left join ${budgetUnit} u on u.region_code = p.region_code and u.id = p.budget_unit_id
            where ${inScope(sql.raw("p.region_code"), context.scopePrefix)} and p.status in ${LIVE_PAYMENT_STATUSES}
              and p.amount_fen < params.value and coalesce(p.payee_credit_code, p.payee_id_index) is not null
          ),
          w as (
            select region_code, payee_key, threshold_fen, count(*) over win as n, sum(amount_fen) over win as total
            from c window win as (partition by region_code, payee_key order by day range between current row and ${sql.raw(String(window))} following)
          ),
          k as (select distinct region_code, payee_key from w where n >= 2 and total >= threshold_fen)
          select c.* from c join k on k.region_code = c.region_code and k.payee_key = c.payee_key
          order by c.region_code, c.payee_key, c.day, c.id`,
    );
    const groups = groupBy(candidates, (p) => `${p.region_code}|${p.payee_key}`);
    for (const payments of groups.values()) {
      const first = payments[0]!;
      const threshold = first.threshold_fen;
      const byId = new Map(payments.map((p) => [p.id, p]));
      const clusters = splitPaymentClusters(payments.map((p) => ({ id: p.id, day: dayNumber(p.entered_on), amountFen: p.amount_fen })), window, threshold);
      for (const ids of clusters) {
        const list = ids.map((id) => byId.get(id)!);
        const total = list.reduce((s, p) => s + p.amount_fen, 0n);
        const from = list[0]!.entered_on;
        const to = list[list.length - 1]!.entered_on;
        findings.push(
          finding("SPLIT_PAYMENT", {
            regionCode: first.region_code,
            objects: list.map(paymentObject),
            amountFen: total,
            message: `${payeeText(first)}在 ${from} 至 ${to} 的 ${daysBetween(from, to)} 天内收到 ${list.length} 笔支付，单笔均低于审批额度 ${yuan(threshold)} 元，合计 ${yuan(total)} 元。`,
            evidence: {
              facts: [
                { label: "收款人", value: payeeText(first) },
                { label: "审批额度", value: `${yuan(threshold)} 元` },
                { label: "统计天数", value: `${window} 天` },
                { label: "笔数", value: String(list.length) },
                { label: "合计", value: `${yuan(total)} 元` },
              ],
              items: list.map((p) => paymentItem(p)),
            },
          }),
        );
      }
    }
  }
  return findings;
}

/** PERSONAL_ACCOUNT_LARGE: a payment to a person's account above the threshold (not 303 aid to persons and households). */
export async function findPersonalAccountLarge(context: RuleContext): Promise<Finding[]> {
  const params = paramsOf(context, (t) => t.personalThresholdFen);
  if (!params) return [];
  const found = await rows<PaymentRow & { threshold_fen: bigint; economic_code: string }>(
    context.db,
    sql`select ${paymentColumns}, params.value as threshold_fen, i.economic_code
        from ${paymentRequest} p
        join ${params} on params.region_code = p.region_code
        join ${budgetIndicator} i on i.region_code = p.region_code and i.id = p.indicator_id
        left join ${budgetUnit} u on u.region_code = p.region_code and u.id = p.budget_unit_id
        where ${inScope(sql.raw("p.region_code"), context.scopePrefix)} and p.status in ${LIVE_PAYMENT_STATUSES}
          and p.payee_kind = 'person' and p.amount_fen > params.value and i.economic_code not like '303%'
        order by p.region_code, p.created_at, p.id`,
  );
  return found.map((p) =>
    finding("PERSONAL_ACCOUNT_LARGE", {
      regionCode: p.region_code,
      objects: [paymentObject(p)],
      amountFen: p.amount_fen,
      message: `支付申请 ${p.payment_no} 向个人账户（${p.payee_name}，${p.payee_id_masked ?? ""}）支付 ${yuan(p.amount_fen)} 元，高于 ${yuan(p.threshold_fen)} 元，用途：${p.purpose}。`,
      evidence: {
        facts: [
          { label: "收款人", value: payeeText(p) },
          { label: "阈值", value: `${yuan(p.threshold_fen)} 元` },
          { label: "经济分类", value: p.economic_code },
        ],
        items: [paymentItem(p)],
      },
    }),
  );
}

/** LARGE_WITHOUT_ATTACHMENT: a payment above the threshold with no attachment at all (file or listed paper document). */
export async function findLargeWithoutAttachment(context: RuleContext): Promise<Finding[]> {
  const params = paramsOf(context, (t) => t.largeWithoutAttachmentFen);
  if (!params) return [];
  const found = await rows<PaymentRow & { threshold_fen: bigint }>(
    context.db,
    sql`select ${paymentColumns}, params.value as threshold_fen
        from ${paymentRequest} p
        join ${params} on params.region_code = p.region_code
        left join ${budgetUnit} u on u.region_code = p.region_code and u.id = p.budget_unit_id
        where ${inScope(sql.raw("p.region_code"), context.scopePrefix)} and p.status in ${LIVE_PAYMENT_STATUSES}
          and p.amount_fen > params.value and jsonb_array_length(p.attachments) = 0
        order by p.region_code, p.created_at, p.id`,
  );
  return found.map((p) =>
    finding("LARGE_WITHOUT_ATTACHMENT", {
      regionCode: p.region_code,
      objects: [paymentObject(p)],
      amountFen: p.amount_fen,
      message: `支付申请 ${p.payment_no}（${p.payee_name}，${yuan(p.amount_fen)} 元）高于 ${yuan(p.threshold_fen)} 元，没有合同、发票等任何附件。`,
      evidence: { facts: [{ label: "阈值", value: `${yuan(p.threshold_fen)} 元` }, { label: "附件", value: "无" }], items: [paymentItem(p)] },
    }),
  );
}

/** YEAR_END_SURGE: a unit's December payments above P % of its year, for this year and last. */
export async function findYearEndSurge(context: RuleContext): Promise<Finding[]> {
  const params = paramsOf(context, (t) => BigInt(t.surgePercent));
  if (!params) return [];
  const year = Number(context.today.slice(0, 4));
  const december = sql`extract(month from p.paid_at at time zone 'Asia/Shanghai') = 12 and extract(year from p.paid_at at time zone 'Asia/Shanghai') = p.fiscal_year`;
  const totals = await rows<{ region_code: string; budget_unit_id: string; unit_name: string | null; fiscal_year: number; percent: bigint; year_fen: bigint; december_fen: bigint; december_count: number; year_count: number }>(
    context.db,
    sql`select p.region_code, p.budget_unit_id, u.name as unit_name, p.fiscal_year, params.value as percent,
               sum(p.amount_fen)::bigint as year_fen, coalesce(sum(p.amount_fen) filter (where ${december}), 0)::bigint as december_fen,
               (count(*) filter (where ${december}))::int as december_count, count(*)::int as year_count
        from ${paymentRequest} p
        join ${params} on params.region_code = p.region_code
        left join ${budgetUnit} u on u.region_code = p.region_code and u.id = p.budget_unit_id
        where ${inScope(sql.raw("p.region_code"), context.scopePrefix)} and p.status = 'paid' and p.fiscal_year between ${year - 1} and ${year}
        group by p.region_code, p.budget_unit_id, u.name, p.fiscal_year, params.value
        having coalesce(sum(p.amount_fen) filter (where ${december}), 0) > 0`,
  );
  const surges = totals.filter((t) => isYearEndSurge(t.december_fen, t.year_fen, Number(t.percent)));
  if (surges.length === 0) return [];
  // The evidence: each surging unit-year's 20 largest December payments, in one query for them all.
  const wanted = sql.join(surges.map((t) => sql`(${t.region_code}::text, ${t.budget_unit_id}::uuid, ${t.fiscal_year}::int)`), sql`, `);
  const largest = await rows<PaymentRow & { budget_unit_id: string; fiscal_year: number }>(
    context.db,
    sql`select * from (
          select ${paymentColumns}, p.budget_unit_id, p.fiscal_year, row_number() over (partition by p.region_code, p.budget_unit_id, p.fiscal_year order by p.amount_fen desc, p.id) as n
          from ${paymentRequest} p left join ${budgetUnit} u on u.region_code = p.region_code and u.id = p.budget_unit_id
          where (p.region_code, p.budget_unit_id, p.fiscal_year) in (${wanted}) and p.status = 'paid' and ${december}
        ) top where n <= 20 order by region_code, budget_unit_id, fiscal_year, n`,
  );
  const topOf = groupBy(largest, (p) => `${p.region_code}|${p.budget_unit_id}|${p.fiscal_year}`);
  const findings: Finding[] = [];
  for (const t of surges) {
    const top = topOf.get(`${t.region_code}|${t.budget_unit_id}|${t.fiscal_year}`) ?? [];
    const unit = t.unit_name ?? "预算单位";
    findings.push(
      finding("YEAR_END_SURGE", {
        regionCode: t.region_code,
        objects: [{ type: "budgetUnitYear", id: `${t.budget_unit_id}:${t.fiscal_year}`, regionCode: t.region_code, label: `${unit} ${t.fiscal_year} 年` }],
        amountFen: t.december_fen,
        message: `${unit} ${t.fiscal_year} 年 12 月支付 ${yuan(t.december_fen)} 元，占全年支付 ${yuan(t.year_fen)} 元的 ${shareText(t.december_fen, t.year_fen)}%，超过 ${t.percent}%。`,
        evidence: {
          facts: [
            { label: "全年支付", value: `${yuan(t.year_fen)} 元（${t.year_count} 笔）` },
            { label: "12 月支付", value: `${yuan(t.december_fen)} 元（${t.december_count} 笔）` },
            { label: "12 月占比", value: `${shareText(t.december_fen, t.year_fen)}%` },
            { label: "阈值", value: `${t.percent}%` },
          ],
          items: top.map((p) => ({ ...paymentItem(p), date: p.entered_on })),
        },
      }),
    );
  }
  return findings;
}

interface IndicatorRow {
  region_code: string;
  id: string;
  document_no: string;
  summary: string;
  source: string;
  fiscal_year: number;
  unit_name: string | null;
  issued_fen: bigint;
  available_fen: bigint;
  issued_on: string;
  last_paid_on: string | null;
  used: boolean;
}

/**
 * IDLE_FUNDS: an indicator with money available and no payment for M months (since its last payment,
 * or since it was issued: due once that day is M months back or earlier), or an upper-level transfer
 * (直达资金) not used at all (nothing reserved, paid or transferred out) more than D days after issue.
 */
export async function findIdleFunds(context: RuleContext): Promise<Finding[]> {
  const townships = [...context.thresholds.keys()];
  if (townships.length === 0) return [];
  const found = await rows<IndicatorRow>(
    context.db,
    sql`select i.region_code, i.id, i.document_no, i.summary, i.source, i.fiscal_year, u.name as unit_name, i.issued_fen, i.available_fen,
               ${chinaDay(sql`i.created_at`)} as issued_on,
               (select ${chinaDay(sql`max(e.at)`)} from ${indicatorEvent} e where e.region_code = i.region_code and e.indicator_id = i.id and e.kind = 'settled') as last_paid_on,
               exists (select 1 from ${indicatorEvent} e where e.region_code = i.region_code and e.indicator_id = i.id and e.kind in ('reserved', 'settled', 'transferredOut')) as used
        from ${budgetIndicator} i
        left join ${budgetUnit} u on u.region_code = i.region_code and u.id = i.budget_unit_id
        where ${inScope(sql.raw("i.region_code"), context.scopePrefix)} and i.status = 'active' and i.available_fen > 0
        order by i.region_code, i.created_at, i.id`,
  );
  const findings: Finding[] = [];
  for (const i of found) {
    const t = context.thresholds.get(i.region_code);
    if (!t) continue;
    const unit = i.unit_name ?? "预算单位";
    const object: AlertObject = { type: "indicator", id: i.id, regionCode: i.region_code, label: `${i.document_no} ${unit} ${i.summary}` };
    const item: EvidenceItem = { objectType: "indicator", objectId: i.id, regionCode: i.region_code, label: `${i.document_no} ${i.summary}`, date: i.issued_on, amount: formatYuan(i.available_fen), note: `下达 ${yuan(i.issued_fen)} 元，可用 ${yuan(i.available_fen)} 元` };
    const idleDays = daysBetween(i.issued_on, context.today);
    if (i.source === "upperTransfer" && !i.used && idleDays > t.idleDirectDays) {
      findings.push(
        finding("IDLE_FUNDS", {
          regionCode: i.region_code,
          objects: [object],
          amountFen: i.available_fen,
          message: `上级转移支付（直达资金）${i.document_no}“${i.summary}”于 ${i.issued_on} 下达给${unit}，${idleDays} 天未使用（超过 ${t.idleDirectDays} 天），可用 ${yuan(i.available_fen)} 元。`,
          evidence: { facts: [{ label: "下达日期", value: i.issued_on }, { label: "未使用天数", value: `${idleDays} 天` }, { label: "阈值", value: `${t.idleDirectDays} 天` }], items: [item] },
        }),
      );
      continue;
    }
    const since = i.last_paid_on ?? i.issued_on;
    if (since <= monthsBefore(context.today, t.idleMonths)) {
      findings.push(
        finding("IDLE_FUNDS", {
          regionCode: i.region_code,
          objects: [object],
          amountFen: i.available_fen,
          message: `指标 ${i.document_no}“${i.summary}”（${unit}）可用 ${yuan(i.available_fen)} 元，${i.last_paid_on ? `最后一笔支付在 ${i.last_paid_on}` : `自 ${i.issued_on} 下达以来没有支付`}，已满 ${t.idleMonths} 个月。`,
          evidence: {
            facts: [
              { label: i.last_paid_on ? "最后支付" : "下达日期", value: since },
              { label: "无支付至今", value: `${daysBetween(since, context.today)} 天` },
              { label: "阈值", value: `${t.idleMonths} 个月（${addDays(monthsBefore(context.today, t.idleMonths), 0)} 及以前）` },
            ],
            items: [item],
          },
        }),
      );
    }
  }
  return findings;
}
