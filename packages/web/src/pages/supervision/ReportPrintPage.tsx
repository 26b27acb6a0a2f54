// The supervision report on paper, for signing and filing: a live report of a period
// (?from=&to=&regionCode=) or a monthly report as issued (?issued=<regionCode>:<YYYY-MM>).
import { PrinterOutlined } from "@ant-design/icons";
import { Button, Card } from "antd";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import type { SupervisionReportRow } from "@xiangcai/shared";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { supervisionApi, yuan, type Report } from "./supervisionApi.ts";
import "./print.css";

function RowsTable({ title, first, rows }: { title: string; first: string; rows: readonly SupervisionReportRow[] }) {
  return (
    <>
      <h3 style={{ margin: "16px 0 6px" }}>{title}</h3>
      <table className="xc-print-table">
        <thead>
          <tr><th>{first}</th><th>预警数</th><th>未办结</th><th>已整改销号</th><th>误报</th><th>超期</th><th>涉及金额（元）</th><th>整改率</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}><td>{r.name}</td><td className="num">{r.alerts}</td><td className="num">{r.open}</td><td className="num">{r.rectified}</td><td className="num">{r.falseAlarms}</td><td className="num">{r.overdue}</td><td className="num">{yuan(r.amount)}</td><td className="num">{r.rectificationRate === null ? "—" : `${r.rectificationRate}%`}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export default function ReportPrintPage() {
  const [params] = useSearchParams();
  const report = useApiError();
  const [data, setData] = useState<{ report: Report; issuedAt: string | null; period: string | null } | null>(null);
  const issued = params.get("issued");
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const regionCode = params.get("regionCode") ?? undefined;

  useEffect(() => {
    const controller = new AbortController();
    const loading = issued
      ? supervisionApi.issuedReport(issued.split(":")[0]!, issued.split(":")[1]!, controller.signal).then((r) => ({ report: r.report, issuedAt: r.issuedAt, period: r.period }))
      : supervisionApi.report({ ...(regionCode ? { regionCode } : {}), from, to }, controller.signal).then((r) => ({ report: r, issuedAt: null, period: null }));
    loading.then(setData).catch((e: unknown) => controller.signal.aborted || report(e));
    return () => controller.abort();
  }, [issued, from, to, regionCode, report]);

  if (!data) return <Card loading />;
  const r = data.report;
  return (
    <div className="xc-print-page">
      <div className="xc-no-print" style={{ marginBottom: 12 }}><Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>打印</Button></div>
      <h1 style={{ textAlign: "center", fontSize: 22 }}>{r.regionName}财政资金监管情况报告</h1>
      <p style={{ textAlign: "center" }}>{data.period ? `${data.period.slice(0, 4)} 年 ${Number(data.period.slice(5))} 月` : `${r.from} 至 ${r.to}`}（按预警发现日期统计）</p>
      <p>
        本期共发现预警 <b>{r.total.alerts}</b> 条，涉及金额 <b>{yuan(r.total.amount)}</b> 元；已整改销号 {r.total.rectified} 条，确认误报 {r.total.falseAlarms} 条，尚未办结 {r.total.open} 条，其中超期未办 <b>{r.total.overdue}</b> 条；整改率 {r.total.rectificationRate === null ? "—" : `${r.total.rectificationRate}%`}。
      </p>
      <RowsTable title="一、按监管规则" first="规则" rows={r.byRule.filter((x) => x.alerts > 0)} />
      <RowsTable title="二、按监管环节（事前、事中、事后）" first="环节" rows={r.byStage} />
      <RowsTable title="三、按乡镇" first="乡镇" rows={r.byTownship} />
      <RowsTable title="四、按办理状态" first="状态" rows={r.byStatus.filter((x) => x.alerts > 0)} />
      <h3 style={{ margin: "16px 0 6px" }}>五、超期未办的预警</h3>
      {r.overdue.length === 0 ? (
        <p>无。</p>
      ) : (
        <table className="xc-print-table">
          <thead><tr><th>预警编号</th><th>乡镇</th><th>规则</th><th>状态</th><th>负责人</th><th>办理时限</th><th>涉及金额（元）</th></tr></thead>
          <tbody>
            {r.overdue.map((a) => (
              <tr key={a.id}><td>{a.alertNo}</td><td>{a.regionName}</td><td>{a.ruleName}</td><td>{a.statusName}</td><td>{a.ownerName ?? ""}</td><td>{formatDateTime(a.deadlineAt)}</td><td className="num">{yuan(a.amount)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <div style={{ display: "flex", justifyContent: "space-between", marginTop: 48 }}>
        <span>监管员（签字）：________________</span>
        <span>负责人（签字）：________________</span>
        <span>日期：______年____月____日</span>
      </div>
      <p style={{ marginTop: 24, color: "#888", fontSize: 12 }}>{data.issuedAt ? `系统于 ${formatDateTime(data.issuedAt)} 生成` : `生成时间 ${formatDateTime(r.generatedAt)}`}</p>
    </div>
  );
}
