// The pure rules of treasury payment: who the payee is (credit code, or resident ID and bank card),
// the bank export and result file formats, the China-time date of a moment, and what a status means.
import { checkBankCard, checkCreditCode, checkResidentId, formatCsv, formatYuan, paymentStatusLabels, tryParseYuan } from "@xiangcai/shared";
import type { PaymentStatus } from "./tables.ts";

export const PAYMENT_ATTACHMENTS_MAX = 20;
export const BANK_BATCH_PAYMENTS_MAX = 5_000;
export const BANK_RESULT_LINES_MAX = 20_000;

export const paymentStatusNames: Record<PaymentStatus, string> = paymentStatusLabels;

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The date in China (UTC+8, no daylight saving) of a moment, as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The month (1-12) in China of a moment. */
export function chinaMonth(at: Date): number {
  return Number(chinaDate(at).slice(5, 7));
}

/**
 * Whether a fiscal year's authorised-payment quota can no longer be set at a moment: once the year is
 * over in China, its unused quota has been cancelled (年终注销) and what was authorised but not released
 * is carried over by the budget, so the old year's quota is gone.
 */
export function quotaYearOver(fiscalYear: number, at: Date): boolean {
  return Number(chinaDate(at).slice(0, 4)) > fiscalYear;
}

export type PayeeInput =
  | { kind: "organisation"; name: string; creditCode: string; account: string; bank: string }
  | { kind: "person"; name: string; residentId: string; account: string; bank: string };

export type CheckedPayee =
  | { ok: true; kind: "organisation"; name: string; creditCode: string; account: string; bank: string }
  | { ok: true; kind: "person"; name: string; residentId: string; account: string; bank: string }
  | { ok: false; errors: { path: string; message: string }[] };

/** Checks a payee: an organisation by its unified social credit code, a person by resident ID and bank card. */
export function checkPayee(input: PayeeInput, today: Date): CheckedPayee {
  const errors: { path: string; message: string }[] = [];
  const name = input.name.trim();
  if (name.length < 2) errors.push({ path: "payee.name", message: "收款人名称至少2个字" });
  if (input.bank.trim().length < 2) errors.push({ path: "payee.bank", message: "请填写开户银行" });
  if (input.kind === "organisation") {
    const code = checkCreditCode(input.creditCode);
    if (!code.valid) errors.push({ path: "payee.creditCode", message: { LENGTH: "统一社会信用代码应为18位", CHARSET: "统一社会信用代码含有不允许的字符", CHECKSUM: "统一社会信用代码校验位不正确" }[code.reason] });
    const account = input.account.replaceAll(" ", "");
    if (!/^[0-9]{6,32}$/.test(account)) errors.push({ path: "payee.account", message: "单位账号应为6-32位数字" });
    if (errors.length || !code.valid) return { ok: false, errors };
    return { ok: true, kind: "organisation", name, creditCode: code.normalized, account, bank: input.bank.trim() };
  }
  const id = checkResidentId(input.residentId, today);
  if (!id.valid) errors.push({ path: "payee.residentId", message: { LENGTH: "身份证号应为18位", CHARSET: "身份证号含有不允许的字符", BIRTH_DATE: "身份证号中的出生日期不正确", CHECKSUM: "身份证号校验位不正确" }[id.reason] });
  const card = checkBankCard(input.account);
  if (!card.valid) errors.push({ path: "payee.account", message: { LENGTH: "银行卡号应为15-19位", CHARSET: "银行卡号只能是数字", CHECKSUM: "银行卡号校验位不正确" }[card.reason] });
  if (errors.length || !id.valid || !card.valid) return { ok: false, errors };
  return { ok: true, kind: "person", name, residentId: id.normalized, account: card.normalized, bank: input.bank.trim() };
}

export interface BankExportLine {
  orderNo: string;
  payeeName: string;
  account: string;
  bank: string;
  amountFen: bigint;
  purpose: string;
}

export const BANK_EXPORT_HEADER = ["批次号", "支付凭证号", "收款人名称", "收款人账号", "开户银行", "金额", "用途"];

/** The file sent to the agency bank: CSV with a header, amounts in yuan, one line per payment order. */
export function bankExportCsv(batchNo: string, lines: readonly BankExportLine[]): string {
  const rows = [BANK_EXPORT_HEADER, ...lines.map((l) => [batchNo, l.orderNo, l.payeeName, l.account, l.bank, formatYuan(l.amountFen), l.purpose])];
  // The one CSV writer: a payee named "=HYPERLINK(…)" is written with an apostrophe (the bank's clerk opens these files).
  return formatCsv(rows, { bom: true });
}

export interface BankResultLine {
  line: number;
  orderNo: string;
  outcome: "paid" | "returned";
  amountFen: bigint | null;
  reason: string | null;
}

export interface ParsedBankResult {
  lines: BankResultLine[];
  errors: { line: number; message: string }[];
}

const OUTCOMES: Record<string, "paid" | "returned"> = { 成功: "paid", 已支付: "paid", paid: "paid", 退票: "returned", 退回: "returned", 失败: "returned", returned: "returned" };

/**
 * Reads the bank's result file: CSV lines of 支付凭证号, 结果 (成功 / 退票), 金额 (optional), 原因;
 * a header line is skipped. A return must name its reason.
 */
export function parseBankResult(records: readonly (readonly string[])[]): ParsedBankResult {
  const lines: BankResultLine[] = [];
  const errors: ParsedBankResult["errors"] = [];
  const seen = new Set<string>();
  records.forEach((record, index) => {
    const [orderNo = "", outcomeText = "", amountText = "", reasonText = ""] = record.map((f) => f.trim());
    if (!orderNo && !outcomeText) return;
    if (index === 0 && /凭证|order/i.test(orderNo)) return;
    const line = index + 1;
    const outcome = OUTCOMES[outcomeText];
    if (!outcome) {
      errors.push({ line, message: `结果“${outcomeText}”无法识别，应为“成功”或“退票”` });
      return;
    }
    let amountFen: bigint | null = null;
    if (amountText) {
      const parsed = tryParseYuan(amountText);
      if (!parsed.ok) {
        errors.push({ line, message: parsed.message });
        return;
      }
      amountFen = parsed.fen;
    }
    if (outcome === "returned" && !reasonText) {
      errors.push({ line, message: "退票须注明原因" });
      return;
    }
    if (seen.has(orderNo)) {
      errors.push({ line, message: `支付凭证号 ${orderNo} 在文件中重复` });
      return;
    }
    seen.add(orderNo);
    lines.push({ line, orderNo, outcome, amountFen, reason: reasonText || null });
  });
  return { lines, errors };
}
