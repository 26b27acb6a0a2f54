// Request schemas and answer types of the park credit programme (财园信贷通), run by the district:
// cooperating banks, the risk compensation fund deposited with each, loans to park enterprises within
// the fund's multiple, overdue and default, compensation from the fund and recoveries back into it.
import { z } from "zod";
import { calendarDate, pageQuery, searchText, uuidSchema } from "./common.ts";

const dateSchema = calendarDate;
const yuanText = z.string().trim().min(1, "请填写金额").max(30);
const documentNo = z.string().trim().min(1, "请填写文号或凭证号").max(100);
const note = z.string().trim().max(500).default("");

export const parkLoanStatuses = ["performing", "overdue", "defaulted", "compensated", "repaid"] as const;
export type ParkLoanStatusCode = (typeof parkLoanStatuses)[number];
export const parkLoanStatusNames: Record<ParkLoanStatusCode, string> = { performing: "正常", overdue: "逾期", defaulted: "违约", compensated: "已代偿", repaid: "已结清" };
export const fundMovementNames = { deposit: "存入风险补偿金", withdrawal: "退出风险补偿金", compensation: "代偿支出", recovery: "追偿收回" } as const;

export const parkBankBody = z.strictObject({
  name: z.string().trim().min(2, "请填写银行名称").max(100),
  agreementNo: z.string().trim().min(1, "请填写合作协议编号").max(100),
  fundSharePercent: z.string().trim().max(10),
  contact: z.string().trim().max(100).default(""),
});
export const parkFundBody = z.strictObject({ kind: z.enum(["deposit", "withdrawal"]), amount: yuanText, date: dateSchema, documentNo, note });
export const parkLoanBody = z.strictObject({
  bankId: uuidSchema,
  loanNo: z.string().trim().min(1, "请填写借款合同编号").max(100),
  enterpriseName: z.string().max(200),
  creditCode: z.string().max(30),
  parkName: z.string().trim().max(100).default(""),
  amount: yuanText,
  startDate: z.string().max(20),
  termMonths: z.coerce.number().int(),
  annualRate: z.string().max(20),
});
export const parkRepayBody = z.strictObject({ amount: yuanText, date: dateSchema, note });
export const parkLoanMarkBody = z.strictObject({ date: dateSchema, note: z.string().trim().min(2, "请说明情况").max(500) });
export const parkCompensateBody = z.strictObject({ date: dateSchema, documentNo, note });
export const parkRecoverBody = z.strictObject({ recovered: yuanText, date: dateSchema, documentNo, note });
export const parkLoanListQuery = z.strictObject({
  ...pageQuery,
  q: searchText.optional(),
  bankId: uuidSchema.optional(),
  status: z.enum(parkLoanStatuses).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  pastDue: z.enum(["true", "false"]).optional(),
});
export const parkIdParams = z.strictObject({ id: uuidSchema });

export interface ParkBankView {
  id: string;
  name: string;
  agreementNo: string;
  /** The fund's share of a loss, in percent (the bank bears the rest). */
  fundSharePercent: string;
  contact: string;
  status: "active" | "ended";
  deposited: string;
  compensated: string;
  recovered: string;
  withdrawn: string;
  /** Deposits − compensation + recoveries − withdrawals. */
  fundBalance: string;
  multiple: string;
  /** multiple × fund balance. */
  capacity: string;
  /** Principal unpaid on loans not yet compensated. */
  outstanding: string;
  available: string;
  loans: number;
  overdueLoans: number;
}

export interface ParkLoanView {
  id: string;
  loanNo: string;
  bankId: string;
  bankName: string;
  enterpriseName: string;
  creditCode: string;
  parkName: string;
  amount: string;
  startDate: string;
  termMonths: number;
  dueDate: string;
  annualRate: string;
  status: ParkLoanStatusCode;
  statusName: string;
  repaid: string;
  unpaid: string;
  compensated: string;
  returnedToFund: string;
  /** Past its due date with principal unpaid (shown red even before the bank reports it overdue). */
  pastDue: boolean;
}

export interface ParkLoanDetailView extends ParkLoanView {
  fundSharePercent: string;
  /** What the fund would pay if the loan were compensated now. */
  compensationIfDefaulted: string;
  events: { seq: number; kind: string; kindName: string; amount: string; date: string; note: string; actorName: string; at: string }[];
  fundMovements: ParkFundMovementView[];
}

export interface ParkFundMovementView {
  id: string;
  bankId: string;
  bankName: string;
  kind: keyof typeof fundMovementNames;
  kindName: string;
  amount: string;
  date: string;
  loanNo: string | null;
  documentNo: string;
  note: string;
}

export interface ParkFiguresView {
  multiple: string;
  total: { fundBalance: string; capacity: string; outstanding: string; granted: string; loans: number; compensated: string; recovered: string };
  byBank: { bankId: string; bankName: string; fundBalance: string; capacity: string; outstanding: string; granted: string; loans: number; overdue: string; compensated: string; recovered: string; usePercent: string }[];
  byYear: { year: number; loans: number; granted: string; repaid: string; compensated: string; recovered: string; deposited: string }[];
}
