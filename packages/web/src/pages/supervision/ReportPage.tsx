// 监管报告: the supervision report of a period for the township government or the district — alerts
// by rule, stage (事前/事中/事后), township and status, amounts involved, rectification rate and the
// overdue ones — with the district's dashboard of alerts by township and month (ECharts), the Excel
// export, a printable page for signing, and the monthly reports issued automatically.
import { PrinterOutlined } from "@ant-design/icons";
import { Button, Card, Col, DatePicker, Form, List, Row, Space, Statistic, Table, Tabs, Tag, type TableColumnsType } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { SupervisionAlertListItem, SupervisionDashboardView, SupervisionReportRow } from "@xiangcai/shared";
import { useMe } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { useRemoteList } from "../../lib/useList.ts";
import { EChart } from "../budget/EChart.tsx";
import { chinaToday, supervisionApi, yuan, type Report } from "./supervisionApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

export const rowColumns = (first: string): TableColumnsType<SupervisionReportRow> => [
  { title: first, dataIndex: "name" },
  { title: "预警数", dataIndex: "alerts", width: 80, align: "right" },
  { title: "未办结", dataIndex: "open", width: 80, align: "right" },
  { title: "已整改销号", dataIndex: "rectified", width: 100, align: "right" },
  { title: "误报", dataIndex: "falseAlarms", width: 70, align: "right" },
  { title: "超期", dataIndex: "overdue", width: 70, align: "right", render: (n: number) => (n > 0 ? <span style={{ color: "#cf1322", fontWeight: 600 }}>{n}</span> : n) },
  { title: "涉及金额（元）", dataIndex: "amount", width: 150, align: "right", render: yuan },
  { title: "整改率", dataIndex: "rectificationRate", width: 90, align: "right", render: (r: string | null) => (r === null ? "—" : `${r}%`) },
];

export function monthRange(month: string): { from: string; to: string } {
  const start = dayjs(`${month}-01`);
  return { from: start.format("YYYY-MM-DD"), to: start.endOf("month").format("YYYY-MM-DD") };
}

export default function ReportPage() {
  const me = useMe();
  const district = me.regionCode.endsWith("000");
  const report = useApiError();
  const [params, setParams] = useSearchParams();
  const today = chinaToday();
  // By default the year so far: a new user sees every alert of the year at once.
  const from = params.get("from") ?? `${today.slice(0, 4)}-01-01`;
  const to = params.get("to") ?? today;
  const regionCode = params.get("regionCode") ?? undefined;
  const year = Number(params.get("year") ?? today.slice(0, 4));
  const [data, setData] = useState<Report | null>(null);
  const [board, setBoard] = useState<SupervisionDashboardView | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setData(null);
    supervisionApi.report({ ...(regionCode ? { regionCode } : {}), from, to }, controller.signal).then(setData).catch((e: unknown) => controller.signal.aborted || report(e));
    return () => controller.abort();
  }, [from, to, regionCode, report]);
  useEffect(() => {
    const controller = new AbortController();
    supervisionApi.dashboard(year, controller.signal).then(setBoard).catch((e: unknown) => controller.signal.aborted || report(e));
    return () => controller.abort();
  }, [year, report]);
  const issued = useRemoteList((signal) => supervisionApi.issuedReports({ pageSize: 20 }, signal), "issued");

  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };
  const query = { ...(regionCode ? { regionCode } : {}), from, to };
  const option = useMemo(
    () =>
      board && {
        tooltip: { trigger: "axis" },
        legend: { type: "scroll", bottom: 0 },
        grid: { left: 40, right: 20, top: 20, bottom: 60 },
        xAxis: { type: "category", data: board.months.map((m) => `${Number(m.slice(5))}月`) },
        yAxis: { type: "value", name: "预警数", minInterval: 1 },
        series: board.townships.map((t) => ({ name: t.name, type: "bar", stack: "total", emphasis: { focus: "series" }, data: t.counts })),
      },
    [board],
  );

  const overdueColumns: TableColumnsType<SupervisionAlertListItem> = [
    { title: "预警编号", dataIndex: "alertNo", width: 170, render: (no: string, a) => <Link to={`/supervision/alerts/${a.id}`}>{no}</Link> },
    { title: "乡镇", dataIndex: "regionName", width: 100 },
    { title: "规则", dataIndex: "ruleName", width: 170 },
    { title: "状态", dataIndex: "statusName", width: 120 },
    { title: "负责人", dataIndex: "ownerName", width: 100 },
    { title: "办理时限", dataIndex: "deadlineAt", width: 150, render: (d: string | null, a) => <span style={{ color: "#cf1322" }}>{formatDateTime(d)}{a.escalated ? "（已督办）" : ""}</span> },
    { title: "涉及金额（元）", dataIndex: "amount", width: 140, align: "right", render: yuan },
  ];

  return (
    <>
      <PageHeader
        title="监管报告"
        description="按期向乡镇党委政府和区财政局报告资金监管情况：预警按规则、环节、乡镇、状态统计，涉及金额、整改率和超期未办的预警。每月初系统自动生成上月报告。"
        extra={
          <Space>
            <DownloadButton download={() => supervisionApi.exportReport(query)}>导出 Excel</DownloadButton>
            <Link to={`/supervision/report/print?${new URLSearchParams(query as Record<string, string>).toString()}`} target="_blank"><Button icon={<PrinterOutlined />}>打印</Button></Link>
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" className="xc-filters" key={`${from}|${to}|${regionCode ?? ""}`} initialValues={{ dates: [dayjs(from), dayjs(to)], regionCode }} onFinish={(v: { dates?: [Dayjs, Dayjs]; regionCode?: string }) => set({ from: v.dates?.[0]?.format("YYYY-MM-DD"), to: v.dates?.[1]?.format("YYYY-MM-DD"), regionCode: v.regionCode })}>
          <Form.Item name="dates" label="发现日期"><DatePicker.RangePicker allowClear={false} /></Form.Item>
          {district && <Form.Item name="regionCode"><RegionSelect levels={["township"]} placeholder="全区" style={{ width: 160 }} /></Form.Item>}
          <Form.Item><Space><Button type="primary" htmlType="submit">统计</Button><Button onClick={() => set({ from: `${today.slice(0, 7)}-01`, to: today, regionCode })}>本月</Button><Button onClick={() => set({ ...monthRange(dayjs(today).subtract(1, "month").format("YYYY-MM")), regionCode })}>上月</Button><Button onClick={() => set({ from: `${today.slice(0, 4)}-01-01`, to: today, regionCode })}>本年</Button></Space></Form.Item>
        </Form>
      </Card>
      {data && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            {[
              ["预警数", data.total.alerts, ""],
              ["未办结", data.total.open, ""],
              ["超期未办", data.total.overdue, data.total.overdue > 0 ? "#cf1322" : ""],
              ["已整改销号", data.total.rectified, ""],
              ["误报", data.total.falseAlarms, ""],
            ].map(([title, value, colour]) => (
              <Col key={title as string} xs={12} md={4}><Card><Statistic title={title as string} value={value as number} styles={{ content: colour ? { color: colour as string } : {} }} /></Card></Col>
            ))}
            <Col xs={12} md={4}><Card><Statistic title="整改率" value={data.total.rectificationRate ?? "—"} suffix={data.total.rectificationRate ? "%" : ""} /></Card></Col>
          </Row>
          <Card style={{ marginBottom: 16 }}>
            <Tabs
              items={[
                { key: "rule", label: "按规则", children: <Table rowKey="key" size="small" pagination={false} dataSource={data.byRule} columns={rowColumns("规则")} /> },
                { key: "stage", label: "按环节", children: <Table rowKey="key" size="small" pagination={false} dataSource={data.byStage} columns={rowColumns("环节")} /> },
                { key: "township", label: "按乡镇", children: <Table rowKey="key" size="small" pagination={false} dataSource={data.byTownship} columns={rowColumns("乡镇")} /> },
                { key: "status", label: "按状态", children: <Table rowKey="key" size="small" pagination={false} dataSource={data.byStatus} columns={rowColumns("状态")} /> },
                { key: "overdue", label: <span>超期未办 {data.overdue.length > 0 && <Tag color="red">{data.overdue.length}</Tag>}</span>, children: <Table rowKey="id" size="small" pagination={false} dataSource={data.overdue} columns={overdueColumns} locale={{ emptyText: "没有超期未办的预警" }} /> },
              ]}
            />
          </Card>
        </>
      )}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title={`${year} 年各乡镇预警（按发现月份）`} extra={<DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && set({ year: String(d.year()) })} />}>
            {option && <EChart option={option} height={360} />}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="已生成的月度报告">
            <List
              size="small"
              loading={issued.loading}
              dataSource={issued.page?.items ?? []}
              locale={{ emptyText: "尚无" }}
              renderItem={(r) => (
                <List.Item actions={[<Link key="view" to={`/supervision/report/print?issued=${r.regionCode}:${r.period}`} target="_blank">查看打印</Link>]}>
                  {r.period} {r.regionName}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
