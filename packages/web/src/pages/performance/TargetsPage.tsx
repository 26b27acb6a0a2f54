// 绩效目标: the target trees of projects, units as a whole and major policies, with search, filters and
// paging (the district sees every township's). A unit starts a tree here and fills it in on its own
// page; the finance office reviews it there. From a project line of the budget request that has no
// targets yet, 预算编制 links here with ?create=<project>&year=<year>: the new tree's form opens filled in.
import { PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { AutoComplete, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { currentFiscalYear, yuan } from "../budget/budgetApi.ts";
import { kindNames, performanceApi, sheetStatus, type Sheet, type SheetDetail, type Subjects } from "./performanceApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["q", "fiscalYear", "subjectKind", "status"] as const;

export default function TargetsPage() {
  const { can } = useAuth();
  const me = useMe();
  const query = useListQuery(FILTER_KEYS);
  const [search, setSearch] = useSearchParams();
  const fromLine = search.get("create") ? { subjectRef: search.get("create")!, fiscalYear: Number(search.get("year")) || currentFiscalYear() + 1 } : null;
  const [creating, setCreating] = useState(fromLine !== null && can("performance.enter"));
  const closeCreating = () => {
    setCreating(false);
    if (fromLine) setSearch((s) => { s.delete("create"); s.delete("year"); return s; }, { replace: true });
  };
  const list = useRemoteList((signal) => performanceApi.sheets({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const district = me.regionCode.endsWith("000");
  const columns: TableColumnsType<Sheet> = [
    ...(district ? [{ title: "乡镇", dataIndex: "regionName", width: 100 }] : []),
    { title: "年度", dataIndex: "fiscalYear", width: 70 },
    { title: "类型", dataIndex: "subjectKind", width: 90, render: (k: Sheet["subjectKind"]) => kindNames[k] },
    { title: "名称", dataIndex: "subjectName", ellipsis: true, render: (n: string, s) => <Link to={`/performance/targets/${s.id}`}>{n}</Link> },
    { title: "实施单位", dataIndex: "budgetUnitName", width: 170, ellipsis: true, render: (n: string | null) => n ?? "财政所" },
    { title: "指标数", dataIndex: "indicatorCount", width: 70, align: "right" },
    { title: "预算（元）", dataIndex: "issued", width: 130, align: "right", render: yuan },
    { title: "执行率", dataIndex: "executionRate", width: 80, align: "right", render: (r: string) => `${r}%` },
    { title: "状态", dataIndex: "status", width: 120, fixed: "right", render: (s: Sheet["status"], row) => <Tag color={sheetStatus[s].color} title={row.reviewNote ?? undefined}>{sheetStatus[s].label}</Tag> },
  ];
  return (
    <>
      <PageHeader
        title="绩效目标"
        description="预算编制有目标：项目、部门整体和重大政策的绩效目标表（产出、效益、满意度三级指标），由单位随预算申报填报，经财政所审核通过后才能安排预算（无目标不安排预算），并随预算报送人大。"
        extra={can("performance.enter") && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建绩效目标</Button>}
      />
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Record<string, string | number | undefined>) => query.setFilters(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === undefined ? undefined : String(x)])))}>
          <Form.Item name="q"><Input allowClear placeholder="名称或总体目标" prefix={<SearchOutlined />} style={{ width: 220 }} /></Form.Item>
          <Form.Item name="fiscalYear"><InputNumber placeholder="年度" min={2000} max={2100} style={{ width: 100 }} /></Form.Item>
          <Form.Item name="subjectKind"><Select allowClear placeholder="类型" style={{ width: 120 }} options={Object.entries(kindNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="status"><Select allowClear placeholder="状态" style={{ width: 140 }} options={Object.entries(sheetStatus).map(([value, s]) => ({ value, label: s.label }))} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button><DownloadButton download={() => performanceApi.exportSheets(query.filters)}>导出 Excel</DownloadButton></Space></Form.Item>
        </Form>
        <Table<Sheet> rowKey="id" size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} scroll={{ x: district ? 1060 : 960 }} locale={{ emptyText: "暂无绩效目标表" }} />
      </Card>
      {creating && <CreateSheetModal project={fromLine} onClose={closeCreating} />}
    </>
  );
}

/** The new tree's form; `project` fills it in for a project line of the budget request. */
function CreateSheetModal({ project, onClose }: { project: { subjectRef: string; fiscalYear: number } | null; onClose: () => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const [subjects, setSubjects] = useState<Subjects | null>(null);
  const [kind, setKind] = useState<"project" | "unit" | "policy">("project");
  useEffect(() => void performanceApi.subjects().then(setSubjects).catch(() => undefined), []);
  const options =
    kind === "project"
      ? (subjects?.projects ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.startYear === p.endYear ? p.startYear : `${p.startYear}-${p.endYear}`}）` }))
      : kind === "unit"
        ? (subjects?.units ?? []).map((u) => ({ value: u.id, label: u.name }))
        : (subjects?.policies ?? []).map((p) => ({ value: p.code, label: `${p.name}（补贴项目 ${p.code}）` }));
  return (
    <FormModal<{ fiscalYear: number; subjectKind: "project" | "unit" | "policy"; subjectRef: string; subjectName?: string; overallGoal: string }, SheetDetail>
      title="新建绩效目标表"
      okText="创建并填写指标"
      width={640}
      initialValues={{ fiscalYear: project?.fiscalYear ?? currentFiscalYear() + 1, subjectKind: "project", ...(project ? { subjectRef: project.subjectRef } : {}) }}
      formProps={{ onValuesChange: (changed: { subjectKind?: "project" | "unit" | "policy" }) => changed.subjectKind && setKind(changed.subjectKind) }}
      send={(v) => {
        const policyName = kind === "policy" ? (subjects?.policies.find((p) => p.code === v.subjectRef)?.name ?? v.subjectRef) : undefined;
        return performanceApi.createSheet({ ...v, regionCode: me.regionCode, subjectName: v.subjectName || policyName, indicators: [] });
      }}
      success="已创建，请填写三级指标"
      onDone={(sheet) => navigate(`/performance/targets/${sheet.id}`)}
      onClose={onClose}
    >
      <Space wrap>
        <Form.Item name="fiscalYear" label="年度" rules={[{ required: true }]}><InputNumber min={2000} max={2100} style={{ width: 110 }} /></Form.Item>
        <Form.Item name="subjectKind" label="类型" rules={[{ required: true }]}><Select style={{ width: 160 }} options={Object.entries(kindNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
      </Space>
      {kind === "policy" ? (
        <Space wrap>
          <Form.Item name="subjectRef" label="补贴项目代码或政策名称" rules={[{ required: true, message: "请选择或填写" }]}><AutoComplete style={{ width: 300 }} options={options} placeholder="选择补贴项目，或填写政策名称" /></Form.Item>
          <Form.Item name="subjectName" label="政策名称（非补贴项目时填写）"><Input style={{ width: 240 }} maxLength={200} /></Form.Item>
        </Space>
      ) : (
        <Form.Item name="subjectRef" label={kind === "project" ? "项目库项目" : "预算单位"} rules={[{ required: true, message: "请选择" }]}><Select showSearch={{ optionFilterProp: "label" }} options={options} /></Form.Item>
      )}
      <Form.Item name="overallGoal" label="年度总体目标" rules={[{ required: true, message: "请填写年度总体目标" }]}><Input.TextArea rows={3} maxLength={2000} placeholder="如：建成高标准农田 3000 亩，亩均增产粮食 50 公斤" /></Form.Item>
    </FormModal>
  );
}
