// 运行监控 (双监控): the year's colours at a glance (a chart by township for the district, by tree for a
// township, with the money's execution rate beside them), the monitoring reports with search,
// filters and paging (each value's colour, reason and corrective measure), and what red results
// triggered: adjustment proposals and payment holds, which the finance office closes or lifts; the
// finance office turns a report's problems (its red indicators, filled in) into a rectification task.
import { SearchOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, type TableColumnsType } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { monitoringColours } from "@xiangcai/shared";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { formatDateTime } from "../../lib/format.ts";
import { EChart } from "../budget/EChart.tsx";
import { currentFiscalYear, yuan } from "../budget/budgetApi.ts";
import { RectificationModal } from "./RectificationModal.tsx";
import { colourStyle, directionSymbol, performanceApi, type Action, type MonitoringOverview, type Report } from "./performanceApi.ts";

const FILTER_KEYS = ["q", "fiscalYear", "month", "colour"] as const;

/** A report's red indicators as the task's problem, for the finance office to edit. */
function problemsOf(r: Report) {
  const red = r.values.filter((v) => v.colour === "red");
  if (red.length === 0) return { category: "targetNotMet" };
  return {
    category: "targetNotMet",
    title: `${r.subjectName}：${red.map((v) => v.name).join("、")}未达序时进度`,
    description: red.map((v) => `${v.name}：序时目标 ${v.expected}，实际 ${v.actual}（${r.fiscalYear} 年 ${r.month} 月红灯）；原因：${v.reason ?? "未说明"}；措施：${v.measure ?? "未说明"}`).join("\n"),
  };
}

export default function MonitoringPage() {
  const me = useMe();
  const { can } = useAuth();
  const report = useApiError();
  const query = useListQuery(FILTER_KEYS);
  const year = Number(query.filters.fiscalYear ?? currentFiscalYear());
  const [overview, setOverview] = useState<MonitoringOverview | null>(null);
  const [tab, setTab] = useState("reports");
  const [closing, setClosing] = useState<Action | null>(null);
  const [rectifying, setRectifying] = useState<Report | null>(null);
  useEffect(() => void performanceApi.overview(year).then(setOverview, report), [year, report]);
  const reports = useRemoteList((signal) => performanceApi.reports({ ...query.filters, fiscalYear: year, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const actions = useRemoteList((signal) => performanceApi.actions({ pageSize: 100 }, signal), `actions-${String(closing === null)}`);
  const district = me.regionCode.endsWith("000");

  const option = useMemo(() => {
    if (!overview) return null;
    const byTownship = district;
    const labels = byTownship ? overview.townships.map((t) => t.regionName) : overview.sheets.map((s) => s.subjectName);
    const colours = byTownship ? overview.townships.map((t) => t.colours) : overview.sheets.map((s) => s.colours);
    const rates = byTownship ? overview.townships.map((t) => Number(t.executionRate)) : overview.sheets.map((s) => Number(s.executionRate));
    return {
      tooltip: { trigger: "axis" },
      legend: { data: [...monitoringColours.map((c) => `${colourStyle[c].label}灯`), "预算执行率"] },
      grid: { left: 50, right: 60, bottom: 80 },
      xAxis: { type: "category", data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
      yAxis: [{ type: "value", name: "指标数", minInterval: 1 }, { type: "value", name: "执行率 %", max: 100 }],
      series: [
        ...monitoringColours.map((c) => ({ name: `${colourStyle[c].label}灯`, type: "bar", stack: "colours", itemStyle: { color: colourStyle[c].hex }, data: colours.map((x) => x[c]) })),
        { name: "预算执行率", type: "line", yAxisIndex: 1, itemStyle: { color: "#595959" }, data: rates },
      ],
    };
  }, [overview, district]);

  const columns: TableColumnsType<Report> = [
    ...(district ? [{ title: "乡镇", dataIndex: "regionName", width: 90 }] : []),
    { title: "对象", dataIndex: "subjectName", ellipsis: true, render: (n: string, r) => <Link to={`/performance/targets/${r.sheetId}`}>{n}</Link> },
    { title: "月份", dataIndex: "month", width: 70, render: (m: number) => `${m} 月` },
    { title: "指标颜色", key: "colours", width: 220, render: (_, r) => <Space size={2}>{monitoringColours.filter((c) => r.colours[c] > 0).map((c) => <Tag key={c} color={colourStyle[c].color}>{colourStyle[c].label} {r.colours[c]}</Tag>)}</Space> },
    { title: "预算（元）", dataIndex: "issued", width: 130, align: "right", render: yuan },
    { title: "已支付（元）", dataIndex: "paid", width: 130, align: "right", render: yuan },
    { title: "执行率", dataIndex: "executionRate", width: 80, align: "right", render: (e: string) => `${e}%` },
    { title: "填报", key: "by", width: 160, render: (_, r) => `${r.enteredByName} ${formatDateTime(r.enteredAt).slice(0, 10)}` },
    ...(can("performance.review") ? [{ title: "", key: "ops", width: 100, render: (_: unknown, r: Report) => <Button size="small" type="link" onClick={() => setRectifying(r)}>发起整改</Button> }] : []),
  ];
  const expanded = (r: Report) => (
    <Table size="small" rowKey="indicatorNo" pagination={false} dataSource={r.values} columns={[
      { title: "指标", dataIndex: "name" },
      { title: "目标", key: "t", width: 130, render: (_, v) => `${directionSymbol[v.direction]}${v.target} ${v.unit}${v.accumulates ? "（累计）" : ""}` },
      { title: "序时目标", dataIndex: "expected", width: 110 },
      { title: "实际", dataIndex: "actual", width: 100 },
      { title: "完成比", dataIndex: "ratio", width: 90, render: (x: string | null) => (x ? `${x}%` : "—") },
      { title: "颜色", dataIndex: "colour", width: 60, render: (c: Report["values"][number]["colour"]) => <Tag color={colourStyle[c].color}>{colourStyle[c].label}</Tag> },
      { title: "偏差原因", dataIndex: "reason", ellipsis: true },
      { title: "纠偏措施", dataIndex: "measure", ellipsis: true },
    ]} />
  );
  const actionColumns: TableColumnsType<Action> = [
    { title: "类型", dataIndex: "kind", width: 120, render: (k: Action["kind"]) => (k === "paymentHold" ? <Tag color="red">暂停支付</Tag> : <Tag color="orange">调整建议</Tag>) },
    { title: "对象", dataIndex: "subjectName", width: 200, ellipsis: true },
    { title: "原因", dataIndex: "reason", ellipsis: true },
    { title: "状态", dataIndex: "status", width: 90, render: (s: Action["status"]) => (s === "open" ? <Tag color="processing">待处理</Tag> : <Tag>已办结</Tag>) },
    { title: "处理意见", dataIndex: "closeNote", ellipsis: true },
    { title: "", key: "ops", width: 110, render: (_, a) => a.status === "open" && can("performance.review") && <Button size="small" type="link" onClick={() => setClosing(a)}>{a.kind === "paymentHold" ? "解除暂停" : "办结"}</Button> },
  ];
  return (
    <>
      <PageHeader title="绩效运行监控" description="预算单位按月（或按季度）填报三级指标实际完成值，对照序时目标亮灯：红灯须说明原因和纠偏措施；资金执行率取自预算执行数据。监控红灯按本乡镇设置生成预算调整建议或暂停项目后续支付。" />
      <Card title={`${year} 年度监控情况（各指标最近一次填报）`} size="small" style={{ marginBottom: 12 }}>
        {option && (overview?.sheets.length ? <EChart option={option} height={320} /> : <div>本年度尚无审核通过的绩效目标</div>)}
      </Card>
      <Card>
        <Tabs activeKey={tab} onChange={setTab} items={[
          {
            key: "reports",
            label: "监控记录",
            children: (
              <>
                <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Record<string, string | number | undefined>) => query.setFilters(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === undefined ? undefined : String(x)])))}>
                  <Form.Item name="q"><Input allowClear placeholder="项目、单位或政策" prefix={<SearchOutlined />} style={{ width: 200 }} /></Form.Item>
                  <Form.Item name="fiscalYear"><InputNumber placeholder="年度" min={2000} max={2100} style={{ width: 100 }} /></Form.Item>
                  <Form.Item name="month"><InputNumber placeholder="月份" min={1} max={12} style={{ width: 90 }} /></Form.Item>
                  <Form.Item name="colour"><Select allowClear placeholder="含某颜色" style={{ width: 120 }} options={monitoringColours.map((c) => ({ value: c, label: `${colourStyle[c].label}灯` }))} /></Form.Item>
                  <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
                </Form>
                <Table<Report> rowKey="id" size="middle" columns={columns} dataSource={reports.page?.items ?? []} loading={reports.loading} expandable={{ expandedRowRender: expanded }} pagination={tablePagination(query, reports.page)} scroll={{ x: 1000 }} locale={{ emptyText: "暂无监控记录" }} />
              </>
            ),
          },
          { key: "actions", label: `调整建议与暂停支付（${actions.page?.items.filter((a) => a.status === "open").length ?? 0}）`, children: <Table<Action> rowKey="id" size="middle" columns={actionColumns} dataSource={actions.page?.items ?? []} loading={actions.loading} pagination={false} locale={{ emptyText: "没有需要处理的事项" }} /> },
        ]} />
      </Card>
      {rectifying && <RectificationModal source={{ kind: "performanceMonitoring", id: rectifying.id, label: `${rectifying.subjectName}（${rectifying.month} 月监控）` }} initial={problemsOf(rectifying)} onDone={() => setRectifying(null)} onClose={() => setRectifying(null)} />}
      {closing && (
        <FormModal<{ note: string }> title={closing.kind === "paymentHold" ? `解除暂停支付：${closing.subjectName}` : `办结调整建议：${closing.subjectName}`} okText="确定" send={(v) => performanceApi.closeAction(closing.id, v.note)} success="已处理" onDone={() => setClosing(null)} onClose={() => setClosing(null)}>
          <p>{closing.reason}</p>
          <Form.Item name="note" label="处理意见" rules={[{ required: true, message: "请填写处理意见" }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        </FormModal>
      )}
    </>
  );
}
