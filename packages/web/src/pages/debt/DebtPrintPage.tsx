// 还本付息计划表: a debt's schedule laid out on A4 for the director's and the creditor's signatures.
import { PrinterOutlined } from "@ant-design/icons";
import { Button, Card, Space } from "antd";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { amountInCapitals, parseYuan } from "@xiangcai/shared";
import { useApiError } from "../../lib/useApiError.ts";
import { debtApi, kindNames, yuan, type DebtDetail } from "./debtApi.ts";

export default function DebtPrintPage() {
  const { id = "" } = useParams();
  const report = useApiError();
  const [debt, setDebt] = useState<DebtDetail | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    debtApi.get(id, controller.signal).then(setDebt).catch((e: unknown) => { if (!controller.signal.aborted) report(e); });
    return () => controller.abort();
  }, [id, report]);
  if (!debt) return <Card loading />;
  const cell = { border: "1px solid #000", padding: "4px 6px" } as const;
  return (
    <div className="xc-print">
      <style>{"@media print { .xc-no-print, header, aside, nav, .ant-layout-sider, .ant-breadcrumb { display: none !important; } @page { size: A4 portrait; margin: 14mm; } }"}</style>
      <Space className="xc-no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>打印</Button>
        <Link to={`/debt/debts/${debt.id}`}><Button>返回</Button></Link>
      </Space>
      <div style={{ background: "#fff", padding: 24, maxWidth: 900 }}>
        <h2 style={{ textAlign: "center", letterSpacing: 4 }}>还本付息计划表</h2>
        <p>债务人：{debt.regionName}{"\u3000"}债务编号：{debt.debtNo}{"\u3000"}类型：{kindNames[debt.kind]}</p>
        <p>债务名称：{debt.name}{"\u3000"}债权人：{debt.creditorName}{"\u3000"}文件/合同：{debt.documentNo}</p>
        <p>本金：{yuan(debt.principal)} 元（{amountInCapitals(parseYuan(debt.principal))}）{"\u3000"}期限：{debt.startDate} 至 {debt.maturityDate}{"\u3000"}年利率：{debt.annualRate}%</p>
        <table style={{ borderCollapse: "collapse", width: "100%", fontSize: 13 }}>
          <thead>
            <tr>{["期次", "到期日", "本金（元）", "利息（元）", "本息合计（元）", "剩余本金（元）", "状态"].map((h) => <th key={h} style={cell}>{h}</th>)}</tr>
          </thead>
          <tbody>
            {debt.schedule.map((l) => (
              <tr key={l.period} style={l.status === "overdue" ? { color: "#a8071a" } : undefined}>
                <td style={cell}>{l.period}</td>
                <td style={cell}>{l.dueDate}</td>
                <td style={{ ...cell, textAlign: "right" }}>{yuan(l.principal)}</td>
                <td style={{ ...cell, textAlign: "right" }}>{yuan(l.interest)}</td>
                <td style={{ ...cell, textAlign: "right" }}>{yuan(l.payment)}</td>
                <td style={{ ...cell, textAlign: "right" }}>{yuan(l.balance)}</td>
                <td style={cell}>{l.statusName}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p style={{ marginTop: 32, display: "flex", justifyContent: "space-between" }}>
          <span>编制人：</span><span>财政所所长：</span><span>债权人（盖章）：</span><span>日期：</span>
        </p>
      </div>
    </div>
  );
}
