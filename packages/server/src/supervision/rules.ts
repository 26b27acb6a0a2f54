// The pure core of fund supervision: the catalogue of rules (code, Chinese name, stage, why it
// matters), the alert states, and the decisions the runner makes with plain values — clustering
// payments split below the approval threshold, the December share of a year, a period paid after a
// death, months and days between dates, and whether a finding is new, more evidence for an open
// alert, already dealt with, or suppressed. No database, no HTTP.
import { formatYuan, supervisionAlertStatuses, supervisionAlertStatusLabels, supervisionRuleCodes, supervisionRuleNames, supervisionStageLabels, type SupervisionAlertStatus, type SupervisionRuleCode, type SupervisionRunTrigger, type SupervisionStage } from "@xiangcai/shared";

export const ruleCodes = supervisionRuleCodes;
export type RuleCode = SupervisionRuleCode;

export function isRuleCode(value: string): value is RuleCode {
  return (ruleCodes as readonly string[]).includes(value);
}

/** 事前 (before money moves), 事中 (while it moves), 事后 (after it moved). */
export type Stage = SupervisionStage;
export const stageNames = supervisionStageLabels;

export interface RuleDefinition {
  code: RuleCode;
  name: string;
  stage: Stage;
  /** Why the rule matters, in plain Chinese for the supervisor and the township. */
  explanation: string;
  /** What the rule looks at, for the rules page. */
  looksAt: string;
  /** The settings (thresholds) it reads, by key. */
  settings: readonly string[];
}

export const rules: Record<RuleCode, RuleDefinition> = {
  SPLIT_PAYMENT: {
    code: "SPLIT_PAYMENT",
    name: supervisionRuleNames.SPLIT_PAYMENT,
    stage: "during",
    explanation: "同一收款人在短期内收到多笔支付，每笔都低于需要集体研究或上级审批的额度，合计却达到或超过该额度，可能是把一笔大额支出拆成小额以规避审批。",
    looksAt: "国库支付申请（录入后、未作废、未退票），按收款人（单位按统一社会信用代码，个人按身份证号）和录入日期。",
    settings: ["supervision.splitPayment.windowDays", "supervision.splitPayment.approvalThreshold"],
  },
  PERSONAL_ACCOUNT_LARGE: {
    code: "PERSONAL_ACCOUNT_LARGE",
    name: supervisionRuleNames.PERSONAL_ACCOUNT_LARGE,
    stage: "during",
    explanation: "财政资金原则上支付给单位账户；向个人账户支付大额资金（对个人和家庭的补助除外）容易发生套取、挪用，须核实业务真实性。",
    looksAt: "收款人为个人的国库支付申请（经济分类 303 对个人和家庭的补助除外），金额高于阈值。",
    settings: ["supervision.personalAccount.threshold"],
  },
  PAYEE_IS_STAFF: {
    code: "PAYEE_IS_STAFF",
    name: supervisionRuleNames.PAYEE_IS_STAFF,
    stage: "during",
    explanation: "收款人或补贴对象的身份证号与平台用户（财政所工作人员等）或公职人员名单相同，可能存在利益输送、虚报冒领或优亲厚友，须核实。",
    looksAt: "个人收款人的国库支付、补贴发放清册（未退回、未撤销的行），与用户登记的身份证号和公职人员名单比对。",
    settings: [],
  },
  CARD_SHARED: {
    code: "CARD_SHARED",
    name: supervisionRuleNames.CARD_SHARED,
    stage: "after",
    explanation: "“一卡通”要求一人一卡、按户发放到户主卡；同一张银行卡在同一期间领取了多个家庭的补贴，可能是冒领或代领截留。",
    looksAt: "已发放的补贴清册行，按银行卡和发放期间，统计不同户数（同户多人共用户主卡不算）。",
    settings: [],
  },
  DECEASED_PAID: {
    code: "DECEASED_PAID",
    name: supervisionRuleNames.DECEASED_PAID,
    stage: "after",
    explanation: "补贴在死亡日期之后的期间仍发放给死亡人员，属于应停未停，资金须追回，并查明责任。",
    looksAt: "已发放的补贴清册行，与死亡人员名单比对；发放期间开始于死亡日期之后（名单未登记死亡日期的，一律提示）。",
    settings: [],
  },
  DUPLICATE_ACROSS_REGIONS: {
    code: "DUPLICATE_ACROSS_REGIONS",
    name: supervisionRuleNames.DUPLICATE_ACROSS_REGIONS,
    stage: "before",
    explanation: "同一人同一补贴项目同一期间出现在两个村或两个乡镇的清册上，可能重复享受。乡镇只能看到本镇各村之间的重复，区财政局能看到跨镇的重复。",
    looksAt: "补贴清册（草稿、退回的除外）未撤销的行，按身份证号、项目代码和期间。",
    settings: [],
  },
  IDLE_FUNDS: {
    code: "IDLE_FUNDS",
    name: supervisionRuleNames.IDLE_FUNDS,
    stage: "during",
    explanation: "指标有可用资金却长期没有支付，或上级直达资金下达后迟迟未使用，资金沉淀闲置，影响政策落实和资金效益。",
    looksAt: "执行中的预算指标：可用额大于零且若干个月没有支付；上级转移支付（直达资金）指标下达若干天后仍未使用。",
    settings: ["supervision.idleFunds.months", "supervision.idleFunds.directTransferDays"],
  },
  YEAR_END_SURGE: {
    code: "YEAR_END_SURGE",
    name: supervisionRuleNames.YEAR_END_SURGE,
    stage: "after",
    explanation: "一个单位 12 月的支付占全年支付的比例过高，往往是年底突击花钱、赶进度支付，预算执行不均衡，须关注支出真实性。",
    looksAt: "已支付的国库支付，按预算单位和年度，比较 12 月支付额与全年支付额（本年和上年）。",
    settings: ["supervision.yearEndSurge.percent"],
  },
  SUBSIDY_LATE: {
    code: "SUBSIDY_LATE",
    name: supervisionRuleNames.SUBSIDY_LATE,
    stage: "during",
    explanation: "清册公示期满后应及时发放；公示结束很久仍未发放到位，群众不能“及时、准确”拿到补贴。",
    looksAt: "公示结束后的清册（公示、区级审核、发放阶段），仍有未发放的行。",
    settings: ["supervision.subsidyLate.days"],
  },
  LARGE_WITHOUT_ATTACHMENT: {
    code: "LARGE_WITHOUT_ATTACHMENT",
    name: supervisionRuleNames.LARGE_WITHOUT_ATTACHMENT,
    stage: "before",
    explanation: "大额支付应有合同、发票等原始凭证作为依据；没有任何附件就进入支付流程，无法审核业务的真实性与合规性。",
    looksAt: "金额高于阈值、未作废的国库支付申请，没有任何附件（上传的文件或登记的纸质单据）。",
    settings: ["supervision.largeWithoutAttachment.threshold"],
  },
};

// ---------------------------------------------------------------- alerts

/** Where an alert is in its flow (the flow engine's state, mirrored), or unassigned (no owner found yet). */
export type AlertStatus = SupervisionAlertStatus;
export type RunTrigger = SupervisionRunTrigger;
export const alertStatuses = supervisionAlertStatuses;
export const alertStatusNames = supervisionAlertStatusLabels;
export const FINAL_STATUSES: readonly AlertStatus[] = ["closed", "falseAlarm"];
export const isOpenStatus = (status: AlertStatus) => !FINAL_STATUSES.includes(status);


export type ObjectType = "payment" | "rosterLine" | "roster" | "indicator" | "budgetUnitYear" | "user" | "officialEntry";

/** One thing an alert is about; `id` is stable (uuid, or roster id and line number). */
export interface AlertObject {
  type: ObjectType;
  id: string;
  /** The region the object belongs to (it may be another township's, for cross-township findings). */
  regionCode: string;
  label: string;
}

/** One line of evidence: what triggered the rule, with its date and amount. */
export interface EvidenceItem {
  objectType: ObjectType;
  objectId: string;
  regionCode: string;
  label: string;
  date: string | null;
  amount: string | null;
  note: string;
}

export interface Evidence {
  facts: { label: string; value: string }[];
  items: EvidenceItem[];
}

/** What a rule found: one case in one township. */
export interface Finding {
  rule: RuleCode;
  regionCode: string;
  objects: AlertObject[];
  amountFen: bigint;
  message: string;
  evidence: Evidence;
}

export interface RuleRunFigures {
  found: number;
  raised: number;
  merged: number;
  unchanged: number;
  suppressed: number;
  handled: number;
  milliseconds: number;
}
export type RunSummary = Partial<Record<RuleCode, RuleRunFigures>>;

export const objectKey = (o: Pick<AlertObject, "type" | "id">) => `${o.type}:${o.id}`;

/** An alert as the reconciliation sees it: its rule, township, status and object keys. */
export interface KnownAlert {
  id: string;
  rule: RuleCode;
  regionCode: string;
  status: AlertStatus;
  objectKeys: ReadonlySet<string>;
  firstFoundAt: Date;
}

export type Decision =
  | { kind: "suppressed" }
  | { kind: "new" }
  | { kind: "merge"; alertId: string; newObjects: AlertObject[] }
  | { kind: "handled" };

/**
 * What to do with a finding, given the alerts already raised by the same rule in the same township
 * and the objects under an active suppression:
 * - every object suppressed → nothing (a false alarm set aside until its expiry);
 * - it shares an object with an open alert → the same case: add the new objects to the oldest such alert;
 * - all its objects were in alerts closed after rectification (销号) → dealt with, nothing new;
 * - otherwise (new objects, none known, or a false alarm whose suppression has ended) → a new alert.
 * A false alarm is quiet only while suppressed: once the suppression expires or is revoked, the rule
 * looks again and a case still there is raised anew.
 */
export function decide(finding: Pick<Finding, "rule" | "regionCode" | "objects">, known: readonly KnownAlert[], suppressed: ReadonlySet<string>): Decision {
  const keys = finding.objects.map(objectKey);
  if (keys.length > 0 && keys.every((k) => suppressed.has(k))) return { kind: "suppressed" };
  const same = known.filter((a) => a.rule === finding.rule && a.regionCode === finding.regionCode);
  const open = same.filter((a) => isOpenStatus(a.status) && keys.some((k) => a.objectKeys.has(k))).sort((a, b) => a.firstFoundAt.getTime() - b.firstFoundAt.getTime() || a.id.localeCompare(b.id));
  const target = open[0];
  if (target) return { kind: "merge", alertId: target.id, newObjects: finding.objects.filter((o) => !target.objectKeys.has(objectKey(o))) };
  const closedKeys = new Set(same.filter((a) => a.status === "closed").flatMap((a) => [...a.objectKeys]));
  if (keys.length > 0 && keys.every((k) => closedKeys.has(k))) return { kind: "handled" };
  return { kind: "new" };
}

// ---------------------------------------------------------------- dates (YYYY-MM-DD, China time)

const DAY_MS = 86_400_000;

export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** The same day `months` calendar months earlier, the month's last day when it has no such day (31 March − 1 → 28/29 February). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** The first day of a subsidy period: "2026" → 2026-01-01, "2026-03" → 2026-03-01. */
export function periodStart(period: string): string {
  if (/^[0-9]{4}$/.test(period)) return `${period}-01-01`;
  if (/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(period)) return `${period}-01`;
  throw new RangeError(`not a subsidy period: ${period}`);
}

/** DECEASED_PAID: the period began after the date of death (an unknown date always counts). */
export function paidAfterDeath(diedOn: string | null, period: string): boolean {
  if (diedOn === null) return true;
  return periodStart(period) > diedOn;
}

// ---------------------------------------------------------------- rules on plain values

/** YEAR_END_SURGE: December's payments above `percent` % of the year's (exactly the share is not above). */
export function isYearEndSurge(decemberFen: bigint, yearFen: bigint, percent: number): boolean {
  if (yearFen <= 0n || decemberFen <= 0n) return false;
  return decemberFen * 100n > BigInt(percent) * yearFen;
}

/** December's share of the year as a percentage with one decimal, for messages. */
export function shareText(partFen: bigint, wholeFen: bigint): string {
  if (wholeFen <= 0n) return "0.0";
  const tenths = (partFen * 1000n + wholeFen / 2n) / wholeFen;
  return `${tenths / 10n}.${tenths % 10n}`;
}

export interface DatedPayment {
  id: string;
  /** Day number (days since 1970-01-01) of the payment's date. */
  day: number;
  amountFen: bigint;
}

/**
 * SPLIT_PAYMENT on one payee's payments: those below the threshold (`amountFen < thresholdFen`)
 * form a suspicious window when two or more of them, dated at most `windowDays` apart, add up to the
 * threshold or more. Overlapping windows are one case: the answer is the clusters of payment ids
 * (each the union of the qualifying windows that share payments), sorted by date.
 */
export function splitPaymentClusters(payments: readonly DatedPayment[], windowDays: number, thresholdFen: bigint): string[][] {
  const below = payments.filter((p) => p.amountFen < thresholdFen).sort((a, b) => a.day - b.day || a.id.localeCompare(b.id));
  const clusters: { ids: string[]; end: number }[] = [];
  let end = 0;
  let sum = 0n;
  // Two pointers: for each first payment i, the window [i, end) holds every payment within windowDays.
  for (let i = 0; i < below.length; i++) {
    if (end < i + 1) {
      end = i + 1;
      sum = below[i]!.amountFen;
    }
    while (end < below.length && below[end]!.day - below[i]!.day <= windowDays) {
      sum += below[end]!.amountFen;
      end++;
    }
    if (end - i >= 2 && sum >= thresholdFen) {
      const ids = below.slice(i, end).map((p) => p.id);
      const last = clusters[clusters.length - 1];
      // Windows that share a payment are one case.
      if (last && last.end > i) {
        for (const id of ids) if (!last.ids.includes(id)) last.ids.push(id);
        last.end = Math.max(last.end, end);
      } else {
        clusters.push({ ids, end });
      }
    }
    sum -= below[i]!.amountFen;
  }
  return clusters.map((c) => c.ids);
}

// ---------------------------------------------------------------- messages

export const yuan = (fen: bigint) => formatYuan(fen, { thousands: true });
