// 全区台账一览: every township of the district side by side — policy documents in force and those
// expiring within 30 days, tax sources and the tax paid this year against the same months of last
// year (with a chart), and the villages' basic data for the year (population, farmland) — with the
// district total. A township user sees its own row.
import { Card, Space, Table, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import type { RegistersOverviewRow, RegistersOverviewView } from "@xiangcai/shared";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { EChart } from "../budget/EChart.tsx";
import { yuan } from "../debt/debtApi.ts";
import { YearSelect } from "./parts.tsx";
import { registersApi } from "./registersApi.ts";

const changeTag = (c: string | null) => (c === null ? "—" : c.startsWith("-") ? <Tag color="red">{c}%</Tag> : <Tag color="green">+{c}%</Tag>);

export default function OverviewPage() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [data, setData] = useState<RegistersOverviewView | null>(null);
  const report = useApiError();
  useEffect(() => {
    const controller = new AbortController();
    registersApi.overview({ year }, controller.signal).then(setData, (error: unknown) => { if (!controller.signal.aborted) report(error); });
    return () => controller.abort();
  }, [year, report]);
  const chart = useMemo(() => {
    const rows = (data?.rows ?? []).filter((r) => r.taxPaid !== "0.00" || r.taxPreviousYear !== "0.00");
    if (rows.length === 0) return null;
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: [`${year} 年`, `${year - 1} 年同期`] },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: rows.map((r) => r.regionName) },
      yAxis: { type: "value", name: "元" },
      series: [
        { name: `${year} 年`, type: "bar", data: rows.map((r) => Number(r.taxPaid)) },
        { name: `${year - 1} 年同期`, type: "bar", data: rows.map((r) => Number(r.taxPreviousYear)), itemStyle: { color: "#bfbfbf" } },
      ],
    };
  }, [data, year]);
  const period = data?.throughMonth ? `1-${Number(data.throughMonth)} 月` : "全年";
  return (
    <>
      <PageHeader title="全区台账一览" description="各乡镇政策文件、税源和基础数据台账并列比较，附全区合计。纳税额按本年已导入月份与上年同期比较。" />
      <Card style={{ marginBottom: 12 }}>
        <Space><YearSelect value={year} onChange={setYear} around={thisYear} /><Typography.Text type="secondary">税收统计期间：{period}</Typography.Text></Space>
      </Card>
      {chart && <Card title="各乡镇税源纳税额（与上年同期）" style={{ marginBottom: 12 }}><EChart option={chart} height={300} /></Card>}
      <Card>
        <Table<RegistersOverviewRow>
          rowKey="regionCode"
          size="middle"
          loading={!data}
          dataSource={data?.rows ?? []}
          pagination={false}
          scroll={{ x: 1200 }}
          columns={[
            { title: "乡镇", dataIndex: "regionName", width: 90, fixed: "left" },
            { title: "有效政策文件", dataIndex: "policyDocuments", width: 110, align: "right" },
            { title: "30天内失效", dataIndex: "expiringSoon", width: 100, align: "right", render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0) },
            { title: "税源户数", dataIndex: "taxSources", width: 90, align: "right" },
            { title: `${year} 年纳税（元）`, dataIndex: "taxPaid", width: 150, align: "right", render: yuan },
            { title: "上年同期（元）", dataIndex: "taxPreviousYear", width: 150, align: "right", render: yuan },
            { title: "同比", dataIndex: "taxChange", width: 90, render: changeTag },
            { title: "已登记村数", dataIndex: "villagesWithData", width: 100, align: "right" },
            { title: "人口", dataIndex: "population", width: 100, align: "right" },
            { title: "耕地面积（亩）", dataIndex: "farmlandMu", width: 130, align: "right" },
          ]}
          summary={() =>
            data && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}><b>全区合计</b></Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{data.total.policyDocuments}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{data.total.expiringSoon}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{data.total.taxSources}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{yuan(data.total.taxPaid)}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">{yuan(data.total.taxPreviousYear)}</Table.Summary.Cell>
                <Table.Summary.Cell index={6}>{changeTag(data.total.taxChange)}</Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">{data.total.villagesWithData}</Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">{data.total.population}</Table.Summary.Cell>
                <Table.Summary.Cell index={9} align="right">{data.total.farmlandMu}</Table.Summary.Cell>
              </Table.Summary.Row>
            )
          }
        />
      </Card>
    </>
  );
}
