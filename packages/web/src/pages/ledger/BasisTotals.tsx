// Pieces shared by the pages that take lines of both bases (voucher entry, opening balances): the
// amount parser of a typed cell and the live debit/credit totals per basis with a balance tag.
import { formatYuan, tryParseYuan } from "@xiangcai/shared";
import { Descriptions, Tag } from "antd";
import type { ReactNode } from "react";
import type { AuxDimension } from "./ledgerApi.ts";

export const AUX_NAMES: Record<AuxDimension, string> = { functional: "功能分类", economic: "经济分类", project: "项目", payee: "往来单位", department: "部门", revenue: "收入分类" };

/** A typed amount: 0n when empty, null when not a positive yuan amount. */
export const fenOf = (text: string): bigint | null => {
  if (text.trim() === "") return 0n;
  const parsed = tryParseYuan(text.trim());
  return parsed.ok && parsed.fen > 0n ? parsed.fen : null;
};

/** A typed line of an amount grid: account, one of debit and credit, auxiliary values. */
export interface AmountRow {
  key: number;
  account?: string | undefined;
  debit: string;
  credit: string;
  aux: Partial<Record<AuxDimension, string>>;
}
let nextKey = 1;
export const blankRow = (account?: string): AmountRow => ({ key: nextKey++, account, debit: "", credit: "", aux: {} });

export interface SideTotals {
  d: bigint;
  c: bigint;
  n?: number;
}

const balanced = (b: SideTotals) => (b.n === 0 ? <Tag>无分录</Tag> : b.d === b.c ? <Tag color="green">借贷平衡</Tag> : <Tag color="red">差额 {formatYuan(b.d - b.c, { thousands: true })}</Tag>);

export function BasisTotals({ financial, budget, children }: { financial: SideTotals; budget: SideTotals; children?: ReactNode }) {
  return (
    <Descriptions bordered size="small" column={2} style={{ marginTop: 16 }}>
      <Descriptions.Item label="财务会计 借方 / 贷方">
        <span className="xc-mono">{formatYuan(financial.d, { thousands: true })} / {formatYuan(financial.c, { thousands: true })}</span> {balanced(financial)}
      </Descriptions.Item>
      <Descriptions.Item label="预算会计 借方 / 贷方">
        <span className="xc-mono">{formatYuan(budget.d, { thousands: true })} / {formatYuan(budget.c, { thousands: true })}</span> {balanced(budget)}
      </Descriptions.Item>
      {children}
    </Descriptions>
  );
}
