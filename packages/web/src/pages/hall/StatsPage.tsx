// 办件统计: the service hall's figures of a year — matters accepted and answered, the share answered
// by the promised deadline (按时办结率), those still open and overdue, and the residents' satisfaction —
// by month and by category, with charts; the district sees every township side by side.
import { Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useEffect, useMemo, useState } from "react";
import { matterCategoryNames, type HallStatsRow, type HallStatsView } from "@xiangcai/shared";
import { useMe } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { EChart } from "../budget/EChart.tsx";
import { hallApi } from "./hallApi.ts";

type RegionRow = HallStatsView["byRegion"][number];

/** 满意率: of the matters whose residents said how satisfied they were, the share satisfied or basically satisfied (the server counts both as satisfied); null before any. */
function satisfactionRate(row: HallStatsRow): string | null {
  const rated = row.satisfied + row.unsatisfied;
  return rated === 0 ? null : ((row.satisfied * 100) / rated).toFixed(1);
}

const percent = (rate: string | null) => (rate === null ? "—" : `${rate}%`);

export default function StatsPage() {
  const me = useMe();
  const district = me.regionCode.endsWith("000");
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const [data, setData] = useState<HallStatsView | null>(null);
  const report = useApiError();
  useEffect(() => {
    const controller = new AbortController();
    setData(null);
    hallApi.stats({ year, ...(regionCode ? { regionCode } : {}) }, controller.signal).then(setData, (error: unknown) => {
      if (!controller.signal.aborted) report(error);
    });
    return () => controller.abort();
  }, [year, regionCode, report]);

  const byMonth = useMemo(() => data && {
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: ["受理", "办结"] },
    grid: { left: 40, right: 16, top: 40, bottom: 30 },
    xAxis: { type: "category", data: data.byMonth.map((m) => `${m.month}月`) },
    yAxis: { type: "value", name: "件", minInterval: 1 },
    series: [
      { name: "受理", type: "bar", data: data.byMonth.map((m) => m.accepted), itemStyle: { color: "#1677ff" } },
      { name: "办结", type: "bar", data: data.byMonth.map((m) => m.answered), itemStyle: { color: "#52c41a" } },
    ],
  }, [data]);
  const byCategory = useMemo(() => data && {
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: ["受理", "办结", "超期在办"] },
    grid: { left: 40, right: 16, top: 40, bottom: 40 },
    xAxis: { type: "category", data: data.byCategory.map((c) => matterCategoryNames[c.category]), axisLabel: { interval: 0, width: 56, overflow: "break" } },
    yAxis: { type: "value", name: "件", minInterval: 1 },
    series: [
      { name: "受理", type: "bar", data: data.byCategory.map((c) => c.accepted), itemStyle: { color: "#1677ff" } },
      { name: "办结", type: "bar", data: data.byCategory.map((c) => c.answered), itemStyle: { color: "#52c41a" } },
      { name: "超期在办", type: "bar", data: data.byCategory.map((c) => c.overdueOpen), itemStyle: { color: "#ff4d4f" } },
    ],
  }, [data]);
  const byRegion = useMemo(() => data && data.byRegion.length > 1 && {
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: ["受理", "办结", "超期在办", "不满意"] },
    grid: { left: 40, right: 16, top: 40, bottom: 30 },
    xAxis: { type: "category", data: data.byRegion.map((r) => r.regionName), axisLabel: { interval: 0 } },
    yAxis: { type: "value", name: "件", minInterval: 1 },
    series: [
      { name: "受理", type: "bar", data: data.byRegion.map((r) => r.accepted), itemStyle: { color: "#1677ff" } },
      { name: "办结", type: "bar", data: data.byRegion.map((r) => r.answered), itemStyle: { color: "#52c41a" } },
      { name: "超期在办", type: "bar", data: data.byRegion.map((r) => r.overdueOpen), itemStyle: { color: "#ff4d4f" } },
      { name: "不满意", type: "bar", data: data.byRegion.map((r) => r.unsatisfied), itemStyle: { color: "#faad14" } },
    ],
  }, [data]);

  const t = data?.totals;
  const regionColumns: TableColumnsType<RegionRow> = [
    { title: "乡镇", dataIndex: "regionName", width: 100, fixed: "left" },
    { title: "受理", dataIndex: "accepted", width: 80, align: "right" },
    { title: "办结", dataIndex: "answered", width: 80, align: "right" },
    { title: "按时办结", dataIndex: "onTime", width: 90, align: "right" },
    { title: "按时办结率", dataIndex: "onTimeRate", width: 100, align: "right", render: percent },
    { title: "在办", dataIndex: "open", width: 80, align: "right" },
    { title: "超期在办", dataIndex: "overdueOpen", width: 90, align: "right", render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0) },
    { title: "满意（含基本满意）", dataIndex: "satisfied", width: 140, align: "right" },
    { title: "不满意", dataIndex: "unsatisfied", width: 80, align: "right", render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : 0) },
    { title: "满意率", key: "satisfactionRate", width: 90, align: "right", render: (_, r) => percent(satisfactionRate(r)) },
  ];
  return (
    <>
      <PageHeader title="办件统计" description="服务大厅受理和办结的事项按月、按类别统计：按时办结率为承诺时限内答复办结的件数占已办结件数的比例，满意率为评价了满意度的事项中满意和基本满意所占的比例。区财政局可并列比较各乡镇。" />
      <Card style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select value={year} onChange={setYear} style={{ width: 110 }} options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y} 年` }))} />
          {district && <RegionSelect levels={["township"]} value={regionCode} onChange={setRegionCode} placeholder="全区各乡镇" style={{ width: 160 }} />}
          <Typography.Text type="secondary">{district && !regionCode ? "全区合计" : (data?.byRegion[0]?.regionName ?? me.regionName)}，按受理日期统计</Typography.Text>
        </Space>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={4}><Card><Statistic title="受理（件）" value={t?.accepted ?? "—"} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card><Statistic title="办结（件）" value={t?.answered ?? "—"} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card><Statistic title="按时办结率" value={t ? percent(t.onTimeRate) : "—"} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card><Statistic title="在办（件）" value={t?.open ?? "—"} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card><Statistic title="超期在办（件）" value={t?.overdueOpen ?? "—"} styles={{ content: { color: t && t.overdueOpen > 0 ? "#cf1322" : undefined } }} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card><Statistic title="满意率" value={t ? percent(satisfactionRate(t)) : "—"} /></Card></Col>
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col xs={24} xl={14}><Card title={`${year} 年各月受理与办结`} loading={!data}>{byMonth && <EChart option={byMonth} height={300} />}</Card></Col>
        <Col xs={24} xl={10}><Card title="按事项类别" loading={!data}>{byCategory && <EChart option={byCategory} height={300} />}</Card></Col>
      </Row>
      {district && (
        <Card title="各乡镇办件情况" style={{ marginTop: 12 }}>
          {byRegion && <div style={{ marginBottom: 12 }}><EChart option={byRegion} height={300} /></div>}
          <Table<RegionRow>
            rowKey="regionCode"
            size="middle"
            loading={!data}
            dataSource={data?.byRegion ?? []}
            pagination={false}
            scroll={{ x: 900 }}
            columns={regionColumns}
            locale={{ emptyText: "本年度没有办件" }}
            summary={() =>
              t && (data?.byRegion.length ?? 0) > 1 && (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}><b>全区合计</b></Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{t.accepted}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{t.answered}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{t.onTime}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{percent(t.onTimeRate)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{t.open}</Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">{t.overdueOpen}</Table.Summary.Cell>
                  <Table.Summary.Cell index={7} align="right">{t.satisfied}</Table.Summary.Cell>
                  <Table.Summary.Cell index={8} align="right">{t.unsatisfied}</Table.Summary.Cell>
                  <Table.Summary.Cell index={9} align="right">{percent(satisfactionRate(t))}</Table.Summary.Cell>
                </Table.Summary.Row>
              )
            }
          />
        </Card>
      )}
      <Card title="按事项类别" style={{ marginTop: 12 }}>
        <Table
          rowKey="category"
          size="small"
          loading={!data}
          dataSource={data?.byCategory ?? []}
          pagination={false}
          columns={[
            { title: "事项类别", dataIndex: "category", render: (c: keyof typeof matterCategoryNames) => matterCategoryNames[c] },
            { title: "受理", dataIndex: "accepted", align: "right" },
            { title: "办结", dataIndex: "answered", align: "right" },
            { title: "按时办结率", dataIndex: "onTimeRate", align: "right", render: percent },
            { title: "在办", dataIndex: "open", align: "right" },
            { title: "超期在办", dataIndex: "overdueOpen", align: "right" },
            { title: "满意（含基本满意）", dataIndex: "satisfied", align: "right" },
            { title: "不满意", dataIndex: "unsatisfied", align: "right" },
          ]}
        />
      </Card>
    </>
  );
}
