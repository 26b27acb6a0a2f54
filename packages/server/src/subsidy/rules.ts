// The pure rules of subsidies on one card: reading a roster's columns by header name, the checks
// on every row with their stable finding codes, the public-notice period, periods, bank-file
// lines and bank results. No database, no HTTP: everything here is tested with plain values.
import { checkBankCard, checkResidentId, formatYuan, looksLikeFormula, maskBankCard, multiplyFen, tryParseYuan, MoneyError } from "@xiangcai/shared";

// ---------------------------------------------------------------- findings

export const findingSeverity = {
  NAME_MISSING: "error",
  ID_INVALID: "error",
  CARD_INVALID: "error",
  AMOUNT_INVALID: "error",
  AMOUNT_MISMATCH: "error",
  DUPLICATE_IN_FILE: "error",
  DUPLICATE_IN_PERIOD: "error",
  NAME_ID_MISMATCH: "error",
  CARD_OWNER_MISMATCH: "error",
  CARD_NOT_HEAD: "error",
  DECEASED: "error",
  VILLAGE_UNKNOWN: "error",
  OFFICIAL: "warning",
  OVER_STANDARD: "warning",
  CARD_PASSBOOK: "warning",
  /** A name a spreadsheet would run as a formula (= + - @, tab, CR first): issue 15 finding 3. */
  NAME_FORMULA: "warning",
  /** Another text column (bank, village, remark) a spreadsheet would run as a formula. */
  TEXT_FORMULA: "warning",
} as const;

export type FindingCode = keyof typeof findingSeverity;
export type Severity = "error" | "warning";
export const findingCodes = Object.keys(findingSeverity) as FindingCode[];

/** A finding on a spreadsheet row; `row` is the spreadsheet's own row number (header = row 1). */
export interface Finding {
  row: number;
  code: FindingCode;
  severity: Severity;
  message: string;
}

/** A finding as kept on a roster line (the line knows its row). */
export type StoredFinding = Omit<Finding, "row">;

export function finding(row: number, code: FindingCode, message: string): Finding {
  // A fresh copy: a message built from cell text would otherwise keep the sheet's XML chunks alive.
  return { row, code, severity: findingSeverity[code], message: Buffer.from(message, "utf8").toString("utf8") };
}

// ---------------------------------------------------------------- columns

/** Roster columns and the header that names each, as clerks write them. */
export const rosterHeaders = {
  seq: "序号",
  name: "姓名",
  residentId: "身份证号",
  card: "银行卡号",
  bank: "开户银行",
  village: "村（居）",
  quantity: "数量",
  standard: "补贴标准",
  amount: "补贴金额",
  remark: "备注",
} as const;

export type RosterField = keyof typeof rosterHeaders;
export const requiredRosterFields: readonly RosterField[] = ["name", "residentId", "card", "amount"];

/** Headers compared without spaces and with half-width brackets read as full-width: "村(居)" = "村（居）". */
export function normalizeHeader(text: string): string {
  return text.replace(/\s+/gu, "").replaceAll("(", "（").replaceAll(")", "）");
}

const headerToField = new Map<string, RosterField>(Object.entries(rosterHeaders).map(([field, header]) => [normalizeHeader(header), field as RosterField]));

export type ColumnMap = Partial<Record<RosterField, number>>;

/** Column positions by header name, in any order; unknown headers are ignored. */
export function mapColumns(headerCells: readonly string[]): { columns: ColumnMap; missing: RosterField[] } {
  const columns: ColumnMap = {};
  headerCells.forEach((cell, index) => {
    const field = headerToField.get(normalizeHeader(cell));
    if (field && columns[field] === undefined) columns[field] = index;
  });
  const missing = requiredRosterFields.filter((f) => columns[f] === undefined);
  return { columns, missing };
}

/** A header row names at least 姓名 and 身份证号; title rows above it are skipped. */
export function looksLikeHeader(cells: readonly string[]): boolean {
  const { columns } = mapColumns(cells);
  return columns.name !== undefined && columns.residentId !== undefined;
}

/** How many rows above the header may hold a title (“XX村耕地地力保护补贴发放清册”). */
export const HEADER_SEARCH_ROWS = 10;

export interface RosterRow {
  row: number;
  name: string;
  residentId: string;
  card: string;
  bank: string;
  village: string;
  quantity: string;
  standard: string;
  amount: string;
  remark: string;
}

export function rowFromCells(row: number, cells: readonly string[], columns: ColumnMap): RosterRow {
  const at = (field: RosterField) => {
    const index = columns[field];
    return index === undefined ? "" : (cells[index] ?? "").trim();
  };
  return {
    row,
    name: at("name"),
    residentId: at("residentId"),
    card: at("card"),
    bank: at("bank"),
    village: at("village"),
    quantity: at("quantity"),
    standard: at("standard"),
    amount: at("amount"),
    remark: at("remark"),
  };
}

/** True for a row with nothing in any roster column (blank lines and a trailing 合计 row are skipped). */
export function isBlankRow(row: RosterRow): boolean {
  if (row.name === "" && row.residentId === "" && row.card === "") {
    return true;
  }
  return /^(合计|总计|小计)$/u.test(row.name) && row.residentId === "";
}

// ---------------------------------------------------------------- checks on the file alone

export interface CheckedRow extends RosterRow {
  /** The ID with x written X, when valid. */
  residentIdNormalized: string | null;
  cardNormalized: string | null;
  accountType: "card" | "passbook";
  amountFen: bigint | null;
  standardFen: bigint | null;
}

export interface FileCheckContext {
  /** The item's standard per unit, when the item is known. */
  itemStandardFen: bigint | null;
  today?: Date;
}

/** First row seen for each (valid, normalized) ID number in the file, for DUPLICATE_IN_FILE. */
export interface SeenIds {
  get(normalizedId: string): number | undefined;
  set(normalizedId: string, row: number): unknown;
}

/**
 * SeenIds for a file of any size, in flat memory: a valid ID is its first 17 digits (the check
 * character follows from them), kept as two 32-bit numbers in an open-addressing table with the
 * row — 12 bytes a slot, and no reference to the sheet's text (a substring of a cell would keep
 * the whole parsed XML chunk it was cut from alive). Exact: no two IDs share a key.
 */
export class IdRowTable implements SeenIds {
  private high: Uint32Array;
  private low: Uint32Array;
  private rows: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.high = new Uint32Array(size);
    this.low = new Uint32Array(size);
    this.rows = new Int32Array(size);
  }

  get size(): number {
    return this.count;
  }

  private static split(id: string): [number, number] {
    if (!/^[0-9]{17}/.test(id)) throw new RangeError("IdRowTable holds valid resident IDs only");
    return [Number(id.slice(0, 9)), Number(id.slice(9, 17))];
  }

  /** The slot holding the key, or the empty slot where it would go. */
  private slot(high: number, low: number): number {
    const mask = this.rows.length - 1;
    let i = (Math.imul(high ^ (high >>> 15), 0x2c1b3c6d) ^ Math.imul(low ^ (low >>> 13), 0x297a2d39)) & mask;
    while (this.rows[i] !== 0 && (this.high[i] !== high || this.low[i] !== low)) i = (i + 1) & mask;
    return i;
  }

  get(id: string): number | undefined {
    const [high, low] = IdRowTable.split(id);
    const row = this.rows[this.slot(high, low)]!;
    return row === 0 ? undefined : row;
  }

  set(id: string, row: number): this {
    if (!Number.isInteger(row) || row < 1) throw new RangeError("rows are numbered from 1");
    const [high, low] = IdRowTable.split(id);
    const i = this.slot(high, low);
    if (this.rows[i] === 0) {
      if ((this.count + 1) * 2 > this.rows.length) {
        this.grow();
        return this.set(id, row);
      }
      this.count++;
    }
    this.high[i] = high;
    this.low[i] = low;
    this.rows[i] = row;
    return this;
  }

  private grow(): void {
    const { high, low, rows } = this;
    this.high = new Uint32Array(rows.length * 2);
    this.low = new Uint32Array(rows.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] === 0) continue;
      const j = this.slot(high[i]!, low[i]!);
      this.high[j] = high[i]!;
      this.low[j] = low[i]!;
      this.rows[j] = rows[i]!;
    }
  }
}

const idReason = { LENGTH: "应为18位", CHARSET: "含有不允许的字符", BIRTH_DATE: "出生日期无效", CHECKSUM: "校验码不正确" } as const;
const cardReason = { LENGTH: "应为15-19位数字", CHARSET: "只能是数字", CHECKSUM: "校验位不正确（Luhn）" } as const;

/** A passbook account is marked by 存折 in the bank or remark column, or known as one in the registry. */
export function isPassbook(row: Pick<RosterRow, "bank" | "remark">, registryAccountType?: "card" | "passbook"): boolean {
  return registryAccountType === "passbook" || row.bank.includes("存折") || row.remark.includes("存折");
}

/** Reads a yuan amount as written in a spreadsheet: "1,234.50" and "1234.5" are fine, "-3" and "abc" are not. */
export function parseSheetYuan(text: string): { ok: true; fen: bigint } | { ok: false; message: string } {
  const parsed = tryParseYuan(text.replaceAll("，", ","), { allowThousandsSeparator: true });
  return parsed.ok ? { ok: true, fen: parsed.fen } : { ok: false, message: parsed.message };
}

const FORMULA_HINT = "以 = + - @ 或制表符、回车开头，电子表格会当作公式执行（导出文件和银行文件中已加撇号防护），请核对";

/** NAME_FORMULA and TEXT_FORMULA: text a spreadsheet would run, named by its column. */
export function formulaFindings(row: Pick<RosterRow, "row" | "name" | "bank" | "village" | "remark">): Finding[] {
  const found: Finding[] = [];
  if (looksLikeFormula(row.name)) found.push(finding(row.row, "NAME_FORMULA", `姓名${FORMULA_HINT}`));
  for (const field of ["bank", "village", "remark"] as const) {
    if (looksLikeFormula(row[field])) found.push(finding(row.row, "TEXT_FORMULA", `${rosterHeaders[field]}${FORMULA_HINT}`));
  }
  return found;
}

/**
 * The checks that need nothing but the row itself and the rows before it: NAME_MISSING, NAME_FORMULA,
 * ID_INVALID, CARD_INVALID / CARD_PASSBOOK, AMOUNT_INVALID, AMOUNT_MISMATCH, OVER_STANDARD and
 * DUPLICATE_IN_FILE. `seen` is updated with this row's ID.
 */
export function checkRowAlone(row: RosterRow, context: FileCheckContext, seen: SeenIds, registryAccountType?: "card" | "passbook"): { checked: CheckedRow; findings: Finding[] } {
  const findings: Finding[] = [];
  if (row.name === "") findings.push(finding(row.row, "NAME_MISSING", "姓名为空"));
  findings.push(...formulaFindings(row));

  let residentIdNormalized: string | null = null;
  if (row.residentId === "") {
    findings.push(finding(row.row, "ID_INVALID", "身份证号为空"));
  } else {
    const id = checkResidentId(row.residentId, context.today);
    if (id.valid) residentIdNormalized = id.normalized;
    else findings.push(finding(row.row, "ID_INVALID", `身份证号无效：${idReason[id.reason]}${/^[0-9.]+E\+?[0-9]+$/iu.test(row.residentId) ? "（单元格为数字格式，请设为文本后重新录入）" : ""}`));
  }

  const accountType = isPassbook(row, registryAccountType) ? "passbook" : "card";
  let cardNormalized: string | null = null;
  if (row.card === "") {
    findings.push(finding(row.row, "CARD_INVALID", "银行卡号为空"));
  } else {
    const card = checkBankCard(row.card, { accountType });
    if (card.valid) {
      cardNormalized = card.normalized;
      if (card.warning === "CARD_PASSBOOK") findings.push(finding(row.row, "CARD_PASSBOOK", `存折账号 ${maskBankCard(card.normalized)} 未通过校验位检查，请核对`));
    } else {
      findings.push(finding(row.row, "CARD_INVALID", `银行卡号无效：${cardReason[card.reason]}`));
    }
  }

  let amountFen: bigint | null = null;
  const amount = parseSheetYuan(row.amount);
  if (row.amount === "") findings.push(finding(row.row, "AMOUNT_INVALID", "补贴金额为空"));
  else if (!amount.ok) findings.push(finding(row.row, "AMOUNT_INVALID", `补贴金额无效：${amount.message}`));
  else if (amount.fen <= 0n) findings.push(finding(row.row, "AMOUNT_INVALID", "补贴金额须大于零"));
  else amountFen = amount.fen;

  let standardFen: bigint | null = null;
  if (row.standard !== "") {
    const standard = parseSheetYuan(row.standard);
    if (standard.ok) standardFen = standard.fen;
    else findings.push(finding(row.row, "AMOUNT_INVALID", `补贴标准无效：${standard.message}`));
  }
  if (standardFen !== null && row.quantity !== "" && amountFen !== null) {
    try {
      const expected = multiplyFen(standardFen, row.quantity, "halfUp");
      if (expected !== amountFen) {
        findings.push(finding(row.row, "AMOUNT_MISMATCH", `补贴金额 ${formatYuan(amountFen)} 与 数量 ${row.quantity} × 标准 ${formatYuan(standardFen)} = ${formatYuan(expected)} 不符`));
      }
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      findings.push(finding(row.row, "AMOUNT_INVALID", `数量无效：${error.message}`));
    }
  }
  if (standardFen !== null && context.itemStandardFen !== null && standardFen > context.itemStandardFen) {
    findings.push(finding(row.row, "OVER_STANDARD", `补贴标准 ${formatYuan(standardFen)} 高于项目标准 ${formatYuan(context.itemStandardFen)}`));
  }

  if (residentIdNormalized !== null) {
    const first = seen.get(residentIdNormalized);
    if (first !== undefined) findings.push(finding(row.row, "DUPLICATE_IN_FILE", `与第 ${first} 行为同一身份证号`));
    else seen.set(residentIdNormalized, row.row);
  }
  return { checked: { ...row, residentIdNormalized, cardNormalized, accountType, amountFen, standardFen }, findings };
}

// ---------------------------------------------------------------- checks against the registry

/** What the registry and earlier rosters say about one row; null where it could not be looked up. */
export interface RegistryFacts {
  /** The registry's name for this ID number, when registered. */
  registeredName: string | null;
  /** Deceased in the registry or on the imported list of deceased persons. */
  deceased: boolean;
  official: boolean;
  cadre: boolean;
  /** The card is registered to a different person. */
  cardOwnedByOther: boolean;
  /**
   * Per-household items only: the card is not the head of household's (DOMAIN.md §8), as the
   * registry says — the card's holder, or the person when the card is not registered, is not the
   * head. `headName` is the household's registered head, when known. Null: fine, or not known.
   */
  notHeadOfHousehold?: { cardRegistered: boolean; headName: string | null } | null;
  /** Already on another roster of the same item and period (the roster's name, for the message). */
  otherRosterInPeriod: string | null;
  /** null: the village could not be checked (no region given). */
  villageKnown: boolean | null;
}

export function checkRowAgainstRegistry(row: CheckedRow, facts: RegistryFacts): Finding[] {
  const findings: Finding[] = [];
  if (row.residentIdNormalized === null) return findings;
  if (facts.registeredName !== null && row.name !== "" && facts.registeredName !== row.name) {
    findings.push(finding(row.row, "NAME_ID_MISMATCH", `身份证号在补贴对象名册中登记的姓名为“${facts.registeredName}”，与“${row.name}”不符`));
  }
  if (facts.cardOwnedByOther) findings.push(finding(row.row, "CARD_OWNER_MISMATCH", `银行卡号 ${maskBankCard(row.cardNormalized ?? row.card)} 在名册中属于他人`));
  if (facts.notHeadOfHousehold) {
    const { cardRegistered, headName } = facts.notHeadOfHousehold;
    const holder = cardRegistered ? `银行卡号 ${maskBankCard(row.cardNormalized ?? row.card)} 的持卡人` : "该人员";
    findings.push(finding(row.row, "CARD_NOT_HEAD", `按户发放的补贴须发到户主的银行卡：${holder}在名册中不是户主${headName ? `（户主为“${headName}”）` : ""}`));
  }
  if (facts.otherRosterInPeriod !== null) findings.push(finding(row.row, "DUPLICATE_IN_PERIOD", `同一项目同一期间已在${facts.otherRosterInPeriod}中申报`));
  if (facts.deceased) findings.push(finding(row.row, "DECEASED", "该人员已登记死亡"));
  if (facts.villageKnown === false) findings.push(finding(row.row, "VILLAGE_UNKNOWN", `村（居）“${row.village}”不是本乡镇（或本清册）的村（居）`));
  if (facts.official || facts.cadre) findings.push(finding(row.row, "OFFICIAL", `该人员为${facts.official ? "公职人员" : "村干部"}，须审核人填写意见`));
  return findings;
}

/** Village names match with or without the committee suffix: “东风村”, “东风”, “东风村委会”. */
export function villageKey(name: string): string {
  return name.replace(/\s+/gu, "").replace(/(村民委员会|居民委员会|村委会|居委会|社区|村)$/u, "");
}

export function countBySeverity(findings: readonly Pick<Finding, "severity">[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === "error") errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/** Findings ordered by row, then by the order of the codes in the issue's table. */
export function sortFindings(findings: Finding[]): Finding[] {
  const order = new Map(findingCodes.map((c, i) => [c, i]));
  return findings.sort((a, b) => a.row - b.row || (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
}

// ---------------------------------------------------------------- periods and the public notice

const PERIOD = /^([0-9]{4})(?:-(0[1-9]|1[0-2]))?$/;

/** A period is YYYY for yearly items and YYYY-MM for monthly ones. */
export function checkPeriod(period: string, kind?: "year" | "month"): string | null {
  const match = PERIOD.exec(period);
  if (!match) return "期间应为 YYYY 或 YYYY-MM";
  if (kind === "year" && match[2] !== undefined) return "该项目按年发放，期间应为 YYYY";
  if (kind === "month" && match[2] === undefined) return "该项目按月发放，期间应为 YYYY-MM";
  return null;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar date in China (UTC+8) of an instant, as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export const NOTICE_DAYS_DEFAULT = 7;
export const NOTICE_DAYS_MAX = 90;

/** A notice posted on `startsOn` for `days` days runs up to and including the returned date. */
export function noticeEndsOn(startsOn: string, days: number): string {
  if (!Number.isInteger(days) || days < 1 || days > NOTICE_DAYS_MAX) throw new RangeError(`公示天数须为 1-${NOTICE_DAYS_MAX} 的整数`);
  return addDays(startsOn, days - 1);
}

/** The roster may leave the notice only once its last day has passed. */
export function noticeOver(endsOn: string, today: string): boolean {
  return today > endsOn;
}

// ---------------------------------------------------------------- payment

export type LineStatus = "unpaid" | "inBank" | "paid" | "failed";

/** A line's payment status from its paid record and its latest attempt's bank result. */
export function lineStatus(line: { paid: boolean; latestAttempt: null | { outcome: "paid" | "failed" | null } }): LineStatus {
  if (line.paid) return "paid";
  if (line.latestAttempt === null) return "unpaid";
  if (line.latestAttempt.outcome === null) return "inBank";
  return line.latestAttempt.outcome === "failed" ? "failed" : "paid";
}

/** What a resident sees at the kiosk for a line. */
export function publicStatus(status: LineStatus): "paid" | "pending" | "failed" {
  return status === "paid" ? "paid" : status === "failed" ? "failed" : "pending";
}

/** Reference number of the n-th line (1-based) of a batch: the batch number and six digits. */
export function referenceNo(batchNo: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999_999) throw new RangeError("一个批次最多 999999 行");
  return `${batchNo}${String(n).padStart(6, "0")}`;
}

export const BATCH_LINES_MAX = 999_999;

export type BankField = "referenceNo" | "name" | "card" | "amount" | "bank" | "item" | "period" | "remark";
export const bankFieldNames: Record<BankField, string> = {
  referenceNo: "参考号",
  name: "户名",
  card: "账号",
  amount: "金额",
  bank: "开户银行",
  item: "补贴项目",
  period: "期间",
  remark: "摘要",
};

/** An agency bank's file layout (column mapping configurable per bank). */
export interface BankLayout {
  code: string;
  name: string;
  format: "csv" | "xlsx";
  columns: { header: string; field: BankField }[];
  /** Result file: the headers that hold the reference number, the outcome, the reason and the date. */
  result: { referenceNo: string; outcome: string; reason: string; paidOn: string; paidValues: string[] };
}

export const defaultBankLayouts: BankLayout[] = [
  {
    code: "RCB",
    name: "农村商业银行（代发）",
    format: "xlsx",
    columns: [
      { header: "参考号", field: "referenceNo" },
      { header: "户名", field: "name" },
      { header: "账号", field: "card" },
      { header: "金额", field: "amount" },
      { header: "摘要", field: "remark" },
    ],
    result: { referenceNo: "参考号", outcome: "处理结果", reason: "失败原因", paidOn: "入账日期", paidValues: ["成功", "已入账", "0000"] },
  },
  {
    code: "PSBC",
    name: "邮政储蓄银行（代发）",
    format: "csv",
    columns: [
      { header: "流水号", field: "referenceNo" },
      { header: "账号", field: "card" },
      { header: "姓名", field: "name" },
      { header: "金额(元)", field: "amount" },
      { header: "用途", field: "remark" },
    ],
    result: { referenceNo: "流水号", outcome: "状态", reason: "说明", paidOn: "日期", paidValues: ["成功"] },
  },
];

export interface BankFileLine {
  referenceNo: string;
  name: string;
  card: string;
  amountFen: bigint;
  bank: string;
  item: string;
  period: string;
}

export function bankFileRow(layout: BankLayout, line: BankFileLine): string[] {
  return layout.columns.map(({ field }) => {
    switch (field) {
      case "amount":
        return formatYuan(line.amountFen);
      case "remark":
        return `${line.item}${line.period}`;
      default:
        return line[field];
    }
  });
}

export interface BankResultLine {
  referenceNo: string;
  outcome: "paid" | "failed";
  reason: string;
  paidOn: string | null;
}

/** Reads a bank result table (header row first) with the layout's result headers. */
export function parseBankResult(layout: BankLayout, table: readonly (readonly string[])[]): { lines: BankResultLine[]; problems: string[] } {
  const [header, ...body] = table;
  const problems: string[] = [];
  if (!header) return { lines: [], problems: ["回盘文件为空"] };
  const find = (name: string) => header.findIndex((h) => normalizeHeader(h) === normalizeHeader(name));
  const ref = find(layout.result.referenceNo);
  const outcome = find(layout.result.outcome);
  const reason = find(layout.result.reason);
  const paidOn = find(layout.result.paidOn);
  if (ref < 0 || outcome < 0) return { lines: [], problems: [`回盘文件缺少“${ref < 0 ? layout.result.referenceNo : layout.result.outcome}”列`] };
  const lines: BankResultLine[] = [];
  body.forEach((cells, index) => {
    const referenceNo = (cells[ref] ?? "").trim();
    if (referenceNo === "") return;
    const ok = layout.result.paidValues.includes((cells[outcome] ?? "").trim());
    const date = paidOn >= 0 ? normalizeDate((cells[paidOn] ?? "").trim()) : null;
    if (ok && paidOn >= 0 && date === null && (cells[paidOn] ?? "").trim() !== "") problems.push(`第 ${index + 2} 行入账日期无效`);
    lines.push({ referenceNo, outcome: ok ? "paid" : "failed", reason: reason >= 0 ? (cells[reason] ?? "").trim() : "", paidOn: date });
  });
  return { lines, problems };
}

/** "2026-03-05", "2026/3/5" and "20260305" to YYYY-MM-DD; null when not a real date. */
export function normalizeDate(text: string): string | null {
  const m = /^([0-9]{4})[-/.]?([0-9]{1,2})[-/.]?([0-9]{1,2})$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso ? null : iso;
}
