// 整改台账: every rectification task (of performance, and of any other kind: supervision uses the same
// mechanism) with search, filters and paging, exported to Excel; counted by category in a chart so
// problems that keep coming back stand out; a task's evidence and its flow (submit → verify → close
// or return) in a drawer, where the responsible side submits what it did with its evidence files.
import { SearchOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FlowDrawer } from "../../flow/FlowDrawer.tsx";
import { EvidenceList, EvidenceModal } from "../../rectification/EvidenceModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { formatDateTime } from "../../lib/format.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { EChart } from "../budget/EChart.tsx";
import { download, performanceApi, taskStatus, type CategoryCount, type Task, type TaskDetail } from "./performanceApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["q", "status", "category", "overdue", "flowCode"] as const;

export default function RectificationsPage() {
  const me = useMe();
  const report = useApiError();
  const query = useListQuery(FILTER_KEYS);
  const [counter, setCounter] = useState(0);
  const list = useRemoteList((signal) => performanceApi.tasks({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), `${query.key}-${counter}`);
  const [categories, setCategories] = useState<CategoryCount[]>([]);
  const [kinds, setKinds] = useState<{ code: string; name: string; categories: { code: string; name: string }[] }[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  useEffect(() => void performanceApi.categories({ flowCode: query.filters.flowCode }).then(setCategories, report), [query.filters.flowCode, counter, report]);
  useEffect(() => void performanceApi.kinds().then(setKinds, report), [report]);
  const district = me.regionCode.endsWith("000");
  const option = useMemo(() => ({
    tooltip: { trigger: "axis" },
    legend: { data: ["在办", "已销号", "超期"] },
    grid: { left: 130, right: 30, top: 30, bottom: 30 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: categories.map((c) => c.categoryName).reverse() },
    series: [
      { name: "在办", type: "bar", stack: "n", itemStyle: { color: "#1677ff" }, data: categories.map((c) => c.open - c.overdue).reverse() },
      { name: "超期", type: "bar", stack: "n", itemStyle: { color: "#cf1322" }, data: categories.map((c) => c.overdue).reverse() },
      { name: "已销号", type: "bar", stack: "n", itemStyle: { color: "#8c8c8c" }, data: categories.map((c) => c.total - c.open).reverse() },
    ],
  }), [categories]);
  const columns: TableColumnsType<Task> = [
    { title: "编号", dataIndex: "taskNo", width: 150, render: (n: string, t) => <Button type="link" size="small" onClick={() => setOpenId(t.id)}>{n}</Button> },
    ...(district ? [{ title: "乡镇", dataIndex: "regionName", width: 90 }] : []),
    { title: "问题类别", dataIndex: "categoryName", width: 150 },
    { title: "问题", dataIndex: "title", ellipsis: true },
    { title: "来源", dataIndex: "sourceLabel", width: 230, ellipsis: true },
    { title: "责任单位", dataIndex: "responsibleUnitName", width: 160, ellipsis: true },
    { title: "责任人", dataIndex: "responsiblePerson", width: 80 },
    { title: "整改期限", dataIndex: "deadlineOn", width: 120, render: (d: string, t) => <Space size={2}>{d}{t.overdue && <Tag color="red">超期</Tag>}</Space> },
    { title: "状态", dataIndex: "status", width: 110, render: (s: Task["status"]) => <Tag color={taskStatus[s].color}>{taskStatus[s].label}</Tag> },
  ];
  const categoryOptions = kinds.flatMap((k) => k.categories).filter((c, i, all) => all.findIndex((x) => x.code === c.code) === i).map((c) => ({ value: c.code, label: c.name }));
  return (
    <>
      <PageHeader
        title="整改台账"
        description="绩效监控、绩效评价和资金监管发现的问题下达整改：责任单位落实整改并提交整改情况，财政所核实后销号或退回；按问题类别统计，反复出现的问题一目了然。"
        extra={<DownloadButton download={() => download("/rectification/tasks/export", query.filters, "整改台账.xlsx")}>导出 Excel</DownloadButton>}
      />
      <Card title="问题类别" size="small" style={{ marginBottom: 12 }}>
        {categories.length ? <EChart option={option} height={Math.max(160, categories.length * 36 + 60)} /> : <div>暂无整改事项</div>}
      </Card>
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Record<string, string | undefined>) => query.setFilters(v)}>
          <Form.Item name="q"><Input allowClear placeholder="编号、问题、单位或来源" prefix={<SearchOutlined />} style={{ width: 220 }} /></Form.Item>
          <Form.Item name="flowCode"><Select allowClear placeholder="类型" style={{ width: 150 }} options={kinds.map((k) => ({ value: k.code, label: k.name }))} /></Form.Item>
          <Form.Item name="category"><Select allowClear placeholder="问题类别" style={{ width: 170 }} options={categoryOptions} /></Form.Item>
          <Form.Item name="status"><Select allowClear placeholder="状态" style={{ width: 130 }} options={Object.entries(taskStatus).map(([value, s]) => ({ value, label: s.label }))} /></Form.Item>
          <Form.Item name="overdue"><Select allowClear placeholder="是否超期" style={{ width: 110 }} options={[{ value: "true", label: "已超期" }, { value: "false", label: "未超期" }]} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
        </Form>
        <Table<Task> rowKey="id" size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} scroll={{ x: 1300 }} locale={{ emptyText: "暂无整改事项" }} />
      </Card>
      <TaskDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => setCounter((c) => c + 1)} />
    </>
  );
}

function TaskDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { can } = useAuth();
  const report = useApiError();
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [flowOpen, setFlowOpen] = useState(false);
  const load = useCallback(() => {
    if (id === null) return setTask(null);
    performanceApi.task(id).then(setTask, report);
  }, [id, report]);
  useEffect(load, [load]);
  const changed = () => {
    load();
    onChanged();
  };
  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={task ? `${task.taskNo} ${task.title}` : "整改事项"}
      extra={task && (
        <Space>
          {task.status === "rectifying" && can("rectification.work") && <Button type="primary" onClick={() => setSubmitting(true)}>提交整改情况</Button>}
          {task.flowInstanceId && <Button onClick={() => setFlowOpen(true)}>{task.status === "verifying" ? "核实销号 / 退回" : "流程记录"}</Button>}
        </Space>
      )}>
      {task && (
        <Space orientation="vertical" style={{ width: "100%" }} size={16}>
          <Descriptions size="small" bordered column={2} items={[
            { key: "k", label: "类型", children: task.kindName },
            { key: "c", label: "问题类别", children: task.categoryName },
            { key: "s", label: "问题来源", span: 2, children: task.sourceLabel },
            { key: "d", label: "问题描述", span: 2, children: task.description },
            { key: "u", label: "责任单位", children: task.responsibleUnitName },
            { key: "p", label: "责任人", children: task.responsiblePerson },
            { key: "l", label: "整改期限", children: <Space>{task.deadlineOn}{task.overdue && <Tag color="red">超期</Tag>}</Space> },
            { key: "t", label: "状态", children: <Tag color={taskStatus[task.status].color}>{taskStatus[task.status].label}</Tag> },
            { key: "o", label: "下达", children: `${task.createdByName} ${formatDateTime(task.createdAt)}` },
            ...(task.closedAt ? [{ key: "x", label: "销号", children: `${task.closedByName} ${formatDateTime(task.closedAt)}：${task.closureNote ?? ""}` }] : []),
          ]} />
          <Card size="small" title="整改情况和佐证材料">
            <EvidenceList task={task} />
          </Card>
        </Space>
      )}
      {submitting && task && <EvidenceModal task={task} success="已提交，等待核实销号" onDone={() => { setSubmitting(false); changed(); }} onClose={() => setSubmitting(false)} />}
      <FlowDrawer instanceId={flowOpen && task ? task.flowInstanceId : null} onClose={() => setFlowOpen(false)} onChanged={changed} />
    </Drawer>
  );
}
