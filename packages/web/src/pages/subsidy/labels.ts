// Chinese names and colours for the subsidy codes the API sends.
import type { LineStatus, RosterStatus } from "./subsidyApi.ts";

export const ROSTER_STATUS: Record<RosterStatus, { label: string; color: string }> = {
  draft: { label: "村级录入", color: "default" },
  villageReview: { label: "村级审核", color: "processing" },
  townshipReview: { label: "乡镇审核", color: "processing" },
  notice: { label: "公示中", color: "gold" },
  districtReview: { label: "区财政审核", color: "purple" },
  payment: { label: "发放中", color: "blue" },
  closed: { label: "已办结", color: "green" },
  rejected: { label: "不予发放", color: "red" },
};

export const LINE_STATUS: Record<LineStatus, { label: string; color: string }> = {
  unpaid: { label: "待发放", color: "default" },
  inBank: { label: "银行处理中", color: "processing" },
  paid: { label: "已发放", color: "green" },
  failed: { label: "发放失败", color: "red" },
};

export const FINDING_NAMES: Record<string, string> = {
  NAME_MISSING: "姓名为空",
  ID_INVALID: "身份证号无效",
  CARD_INVALID: "银行卡号无效",
  AMOUNT_INVALID: "金额无效",
  AMOUNT_MISMATCH: "金额与标准不符",
  DUPLICATE_IN_FILE: "表内重复",
  DUPLICATE_IN_PERIOD: "同期重复申报",
  NAME_ID_MISMATCH: "姓名与身份证不符",
  CARD_OWNER_MISMATCH: "卡号属于他人",
  CARD_NOT_HEAD: "非户主银行卡",
  DECEASED: "已死亡",
  VILLAGE_UNKNOWN: "村（居）不符",
  OFFICIAL: "公职人员/村干部",
  OVER_STANDARD: "超过标准",
  CARD_PASSBOOK: "存折账号待核",
  NAME_FORMULA: "姓名像公式",
  TEXT_FORMULA: "内容像公式",
};

export const BANKS = [
  { value: "RCB", label: "农村商业银行（Excel）" },
  { value: "PSBC", label: "邮政储蓄银行（CSV）" },
];

/** The agency bank's name for a code a batch records (RCB → 农村商业银行); an unknown code as it is. */
export function bankName(code: string): string {
  return BANKS.find((b) => b.value === code)?.label.replace(/（.*）$/, "") ?? code;
}
