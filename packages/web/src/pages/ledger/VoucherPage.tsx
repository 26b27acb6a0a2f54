// 记账凭证 (printable): the voucher as it is bound into the archive — number, date, attachments,
// lines of both bases, totals with the amount in capitals, and the preparer, reviewer and poster.
import { PrinterOutlined } from "@ant-design/icons";
import { amountInCapitals, formatYuan, parseYuan } from "@xiangcai/shared";
import { App, Button, Card, Space, Tag } from "antd";
import { Fragment, useCallback, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useAuth } from "../../auth/AuthContext.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { ledgerApi, type Voucher, type VoucherLine } from "./ledgerApi.ts";

const AUX_NAMES: Record<string, string> = { functional: "功能", economic: "经济", project: "项目", payee: "往来", department: "部门", revenue: "收入" };
const STATUS: Record<string, string> = { entered: "待审核", reviewed: "待记账", posted: "已记账" };

function sum(lines: VoucherLine[], side: "debit" | "credit"): bigint {
  return lines.reduce((s, l) => s + (l[side] ? parseYuan(l[side], { allowNegative: true }) : 0n), 0n);
}
/** The one money format (thousands, two decimals) from fen. */
const yuan = (fen: bigint) => formatYuan(fen, { thousands: true });

export default function VoucherPage() {
  const { id = "" } = useParams();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const report = useApiError();
  const navigate = useNavigate();
  const [voucher, setVoucher] = useState<Voucher | null>(null);
  const load = useCallback(() => {
    ledgerApi.voucher(id).then(setVoucher, report);
  }, [id, report]);
  useEffect(load, [load]);
  if (!voucher) return <Card loading />;

  const act = async (what: string, run: () => Promise<unknown>) => {
    try {
      await run();
      void message.success(what);
      load();
    } catch (error) {
      report(error);
    }
  };
  const sections: [string, VoucherLine[]][] = [
    ["财务会计", voucher.lines.filter((l) => l.basis === "financial")],
    ["预算会计", voucher.lines.filter((l) => l.basis === "budget")],
  ];
  const red = voucher.kind === "reversal";
  return (
    <>
      <style>{`@media print { .ant-layout-sider, .ant-layout-header, .xc-no-print { display: none !important; } .ant-layout-content { margin: 0 !important; padding: 0 !important; } .xc-voucher { box-shadow: none !important; border: none !important; } }
.xc-voucher table { width: 100%; border-collapse: collapse; font-size: 14px; }
.xc-voucher th, .xc-voucher td { border: 1px solid #333; padding: 6px 8px; }
.xc-voucher td.money { text-align: right; font-family: ui-monospace, monospace; white-space: nowrap; }
.xc-voucher .red td.money { color: #c00; }`}</style>
      <Space className="xc-no-print" style={{ marginBottom: 12 }}>
        <Link to="/ledger/vouchers">← 返回凭证列表</Link>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印凭证
        </Button>
        {voucher.status === "entered" && can("ledger.enter") && voucher.kind !== "reversal" && voucher.kind !== "closing" && voucher.enteredByName === me?.displayName && (
          <Button onClick={() => navigate(`/ledger/vouchers/new?id=${voucher.id}`)}>修改</Button>
        )}
        {voucher.status === "entered" && can("ledger.review") && (
          <Button type="primary" disabled={voucher.enteredByName === me?.displayName} onClick={() => void act("已审核", () => ledgerApi.review(voucher.id))}>
            审核
          </Button>
        )}
        {voucher.status === "reviewed" && can("ledger.post") && (
          <Button type="primary" onClick={() => void act("已记账", () => ledgerApi.post(voucher.id))}>
            记账
          </Button>
        )}
        <Tag color={voucher.status === "posted" ? "green" : "gold"}>{STATUS[voucher.status]}</Tag>
      </Space>
      <Card className="xc-voucher">
        <h2 style={{ textAlign: "center", letterSpacing: 8, margin: 0, color: red ? "#c00" : undefined }}>记 账 凭 证{red ? "（红字）" : ""}</h2>
        <div style={{ display: "flex", justifyContent: "space-between", margin: "12px 0" }}>
          <span>核算单位：{voucher.setName}（账套 {voucher.setCode}）</span>
          <span>日期：{voucher.date}</span>
          <span>
            凭证号：<b>{voucher.label}</b>
          </span>
          <span>附单据 {voucher.attachments} 张</span>
        </div>
        <table className={red ? "red" : ""}>
          <thead>
            <tr>
              <th style={{ width: "26%" }}>摘要</th>
              <th>会计科目</th>
              <th style={{ width: "22%" }}>辅助核算</th>
              <th style={{ width: 130 }}>借方金额</th>
              <th style={{ width: 130 }}>贷方金额</th>
            </tr>
          </thead>
          <tbody>
            {sections.map(([title, lines]) =>
              lines.length === 0 ? null : (
                <Fragment key={title}>
                  <tr>
                    <td colSpan={5} style={{ background: "#f5f5f5", fontWeight: 600 }}>
                      {title}
                    </td>
                  </tr>
                  {lines.map((l) => (
                    <tr key={l.lineNo}>
                      <td>{l.summary ?? voucher.summary}</td>
                      <td>
                        {l.account} {l.accountName}
                      </td>
                      <td>{Object.entries(l.aux).map(([k, v]) => `${AUX_NAMES[k] ?? k}:${v}`).join(" ")}</td>
                      <td className="money">{l.debit ? yuan(parseYuan(l.debit, { allowNegative: true })) : ""}</td>
                      <td className="money">{l.credit ? yuan(parseYuan(l.credit, { allowNegative: true })) : ""}</td>
                    </tr>
                  ))}
                  <tr>
                    <td colSpan={3}>
                      {title}合计：{amountInCapitals(sum(lines, "debit"))}
                    </td>
                    <td className="money">{yuan(sum(lines, "debit"))}</td>
                    <td className="money">{yuan(sum(lines, "credit"))}</td>
                  </tr>
                </Fragment>
              ),
            )}
          </tbody>
        </table>
        <div style={{ display: "flex", justifyContent: "space-between", marginTop: 16 }}>
          <span>制单：{voucher.enteredByName}</span>
          <span>审核：{voucher.reviewedByName ?? "　　　"}</span>
          <span>记账：{voucher.postedByName ?? "　　　"}</span>
        </div>
      </Card>
    </>
  );
}
