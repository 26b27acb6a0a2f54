// 预算与决算对比: the general budget's expenditure by functional class (类), the budget the congress
// approved, the adjusted budget and the final figure side by side (ECharts bars), with the share of the
// adjusted budget spent (执行率) as a line. The tooltip shows the exact amounts in the one money format.
import { Table } from "antd";
import { useMemo } from "react";
import { formatYuanText, moneyColumn } from "../../lib/money.ts";
import { EChart } from "../budget/EChart.tsx";
import type { FinalTableView } from "./finalApi.ts";
import { classRows, type ClassRow } from "./finalRules.ts";

export function BudgetFinalChart({ table, height = 360 }: { table: FinalTableView; height?: number }) {
  const rows = useMemo(() => classRows(table), [table]);
  const option = useMemo(() => {
    // Chart heights only: the exact amounts are the tooltip's and the table's.
    const wan = (v: string) => Number(v) / 10_000;
    return {
      tooltip: {
        trigger: "axis",
        formatter: (params: { dataIndex: number }[]) => {
          const r = rows[params[0]?.dataIndex ?? 0];
          if (!r) return "";
          return `${r.label}<br/>预算数：${formatYuanText(r.budget)} 元<br/>调整预算数：${formatYuanText(r.adjusted)} 元<br/>决算数：${formatYuanText(r.final)} 元<br/>执行率：${r.rate === null ? "—" : `${r.rate}%`}`;
        },
      },
      legend: { data: ["预算数", "调整预算数", "决算数", "执行率"] },
      grid: { left: 70, right: 60, bottom: 90, top: 40 },
      xAxis: { type: "category", data: rows.map((r) => r.label.replace(/^[0-9]+\s*/, "")), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: [
        { type: "value", name: "万元" },
        { type: "value", name: "执行率 %", min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10), splitLine: { show: false } },
      ],
      series: [
        { name: "预算数", type: "bar", data: rows.map((r) => wan(r.budget)), itemStyle: { color: "#91a7c8" } },
        { name: "调整预算数", type: "bar", data: rows.map((r) => wan(r.adjusted)), itemStyle: { color: "#3a6ea5" } },
        { name: "决算数", type: "bar", data: rows.map((r) => wan(r.final)), itemStyle: { color: "#d4862a" } },
        { name: "执行率", type: "line", yAxisIndex: 1, data: rows.map((r) => (r.rate === null ? null : Number(r.rate))), itemStyle: { color: "#389e0d" } },
      ],
    };
  }, [rows]);
  if (rows.length === 0) return <div style={{ padding: 24, color: "#888" }}>本年没有一般公共预算支出。</div>;
  return (
    <>
      <EChart option={option} height={height} />
      <Table<ClassRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: "功能分类（类）", dataIndex: "label" },
          { title: "预算数（元）", dataIndex: "budget", ...moneyColumn },
          { title: "调整预算数（元）", dataIndex: "adjusted", ...moneyColumn },
          { title: "决算数（元）", dataIndex: "final", ...moneyColumn },
          { title: "执行率", dataIndex: "rate", align: "right", render: (r: string | null) => (r === null ? "—" : `${r}%`) },
        ]}
      />
    </>
  );
}
