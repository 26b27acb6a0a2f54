// 决算打印: a township's final accounts of a year laid out for A4 — a cover line, every table (one per
// page, black rules, indented rows, amounts in the one money format), the units' 部门决算, the 决算说明
// and the signature line.
import { PrinterOutlined } from "@ant-design/icons";
import { Button, Card, Space } from "antd";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { cellText } from "./FinalTables.tsx";
import { finalApi, thisYear, type FinalAccountView, type FinalTableView } from "./finalApi.ts";
import "./finalAccounts.css";

function PrintTable({ table, title, heading }: { table: FinalTableView; title: string; heading: string }) {
  return (
    <section>
      <h3>{title}</h3>
      <div style={{ display: "flex", justifyContent: "space-between", fontSize: 12, marginBottom: 4 }}>
        <span>{heading}</span>
        <span>单位：元</span>
      </div>
      <table>
        <thead>
          <tr>
            <th>项目</th>
            {table.columns.map((c) => <th key={c}>{c}</th>)}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.key} style={r.total || r.level === 0 ? { fontWeight: 600 } : undefined}>
              <td style={{ paddingLeft: 6 + Math.max(0, r.level - 1) * 14 }}>{r.label}</td>
              {r.values.map((v, i) => <td key={i} className="num">{cellText(v)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ fontSize: 11 }}>数据来源：{table.source}</div>
    </section>
  );
}

export default function PrintPage() {
  const [params] = useSearchParams();
  const regionCode = params.get("region") ?? "";
  const year = Number(params.get("year")) || thisYear();
  const report = useApiError();
  const [view, setView] = useState<FinalAccountView | null>(null);
  useEffect(() => {
    if (!regionCode) return;
    const controller = new AbortController();
    finalApi.view(regionCode, year, controller.signal).then(setView).catch((e: unknown) => { if (!controller.signal.aborted) report(e); });
    return () => controller.abort();
  }, [regionCode, year, report]);
  if (!view) return <Card loading />;
  const heading = `编报单位：${view.regionName}\u3000${view.year}年度`;
  return (
    <div>
      <Space className="xc-no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>打印</Button>
        <Link to={`/final-accounts?region=${regionCode}&year=${year}`}><Button>返回</Button></Link>
      </Space>
      <div className="xc-final-print">
        <h2>{view.regionName}{view.year}年度财政总决算</h2>
        <p style={{ textAlign: "center" }}>
          {view.report ? `${view.report.statusName} · 第 ${view.report.version} 版` : "未上报"} · 编制于 {formatDateTime(view.builtAt)} · 审核公式{view.passed ? "全部通过" : "未全部通过"}
        </p>
        {view.tables.map((t) => <PrintTable key={t.code} table={t} title={t.title} heading={heading} />)}
        {view.units.map((u) => u.tables.map((t) => <PrintTable key={`${u.budgetUnitId}/${t.code}`} table={t} title={`${u.unitName}${t.title}`} heading={`编报单位：${u.unitName}\u3000${view.year}年度`} />))}
        <section>
          <h3>决算说明</h3>
          <div style={{ whiteSpace: "pre-wrap", lineHeight: 1.8, minHeight: 120 }}>{view.note.text || "（未填写）"}</div>
          <p style={{ marginTop: 40, display: "flex", justifyContent: "space-between" }}>
            <span>总预算会计：</span>
            <span>财政所所长：</span>
            <span>乡镇（街道）负责人：</span>
            <span>日期：</span>
          </p>
        </section>
      </div>
    </div>
  );
}
