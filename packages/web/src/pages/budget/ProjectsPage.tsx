// 项目库: the township's projects per budget unit, each with its ex-ante performance assessments
// (事前绩效评估). Units enter projects; the finance office records each assessment (five criteria,
// 0-20 points each); only a project whose latest assessment passed can be budgeted.
import { PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import { useEffect, useState } from "react";
import { exAnteCriterionNames, projectCategoryNames } from "@xiangcai/shared";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { budgetApi, currentFiscalYear, projectStatus, yuan, type Project, type ProjectDetail } from "./budgetApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["q", "status", "category", "budgetUnitId"] as const;
const criteria = Object.entries(exAnteCriterionNames) as [keyof typeof exAnteCriterionNames, string][];
const categoryName = (c: string) => (projectCategoryNames as Record<string, string>)[c] ?? c;

function useUnits() {
  const [units, setUnits] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => void budgetApi.units().then((units) => setUnits(units.map((u) => ({ value: u.id, label: u.name })))).catch(() => undefined), []);
  return units;
}

export default function ProjectsPage() {
  const { can } = useAuth();
  const query = useListQuery(FILTER_KEYS);
  const units = useUnits();
  const [creating, setCreating] = useState(false);
  const [detailId, setDetailId] = useState<string | null>(null);
  const list = useRemoteList((signal) => budgetApi.projects({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const columns: TableColumnsType<Project> = [
    { title: "项目编号", dataIndex: "projectNo", width: 130, render: (n: string) => <span className="xc-mono">{n}</span> },
    { title: "项目名称", dataIndex: "name", ellipsis: true, render: (n: string, p) => <Button type="link" size="small" onClick={() => setDetailId(p.id)}>{n}</Button> },
    { title: "预算单位", dataIndex: "budgetUnitName", width: 180, ellipsis: true },
    { title: "类别", dataIndex: "category", width: 120, render: categoryName },
    { title: "功能分类", dataIndex: "functionalCode", width: 100, render: (c: string) => <span className="xc-mono">{c}</span> },
    { title: "计划总投资（元）", dataIndex: "plannedTotal", width: 150, align: "right", render: yuan },
    { title: "实施年度", key: "years", width: 120, render: (_, p) => (p.startYear === p.endYear ? `${p.startYear}` : `${p.startYear}-${p.endYear}`) },
    { title: "评估得分", dataIndex: "latestScore", width: 90, align: "right", render: (s: number | null) => s ?? "—" },
    { title: "事前绩效评估", dataIndex: "status", width: 120, render: (s: Project["status"]) => <Tag color={projectStatus[s].color}>{projectStatus[s].label}</Tag> },
  ];
  return (
    <>
      <PageHeader
        title="项目库"
        description="项目支出须从项目库中选择项目；项目经事前绩效评估（立项必要性、投入经济性、绩效目标合理性、实施方案可行性、筹资合规性，各 20 分）达到通过分数线后，才能列入预算。"
        extra={
          <Space>
            <DownloadButton download={() => budgetApi.exportProjects(query.filters)}>导出 Excel</DownloadButton>
            {can("budget.request") && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新增项目</Button>}
          </Space>
        }
      />
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Record<string, string | undefined>) => query.setFilters(v)}>
          <Form.Item name="q"><Input allowClear placeholder="项目名称、编号或预算单位" prefix={<SearchOutlined />} style={{ width: 240 }} /></Form.Item>
          <Form.Item name="status"><Select allowClear placeholder="评估状态" style={{ width: 130 }} options={Object.entries(projectStatus).map(([value, s]) => ({ value, label: s.label }))} /></Form.Item>
          <Form.Item name="category"><Select allowClear placeholder="项目类别" style={{ width: 140 }} options={Object.entries(projectCategoryNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="budgetUnitId"><Select allowClear showSearch={{ optionFilterProp: "label" }} placeholder="预算单位" style={{ width: 220 }} options={units} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
        </Form>
        <Table<Project> rowKey="id" size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} scroll={{ x: 1300 }} locale={{ emptyText: "项目库暂无项目" }} />
      </Card>
      {creating && <ProjectModal units={units} onClose={() => setCreating(false)} onDone={() => { setCreating(false); list.reload(); }} />}
      <ProjectDrawer id={detailId} onClose={() => setDetailId(null)} onChanged={list.reload} />
    </>
  );
}

function ProjectModal({ units, onClose, onDone }: { units: { value: string; label: string }[]; onClose: () => void; onDone: () => void }) {
  const me = useMe();
  const year = currentFiscalYear() + 1;
  return (
    <FormModal<Record<string, string | number>>
      title="新增项目（入项目库）"
      width={680}
      initialValues={{ category: "agriculture", startYear: year, endYear: year }}
      send={(v) => budgetApi.createProject({ ...v, regionCode: me.regionCode })}
      success="项目已入库，等待事前绩效评估"
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="budgetUnitId" label="预算单位" rules={[{ required: true, message: "请选择预算单位" }]}><Select options={units} showSearch={{ optionFilterProp: "label" }} /></Form.Item>
      <Space wrap>
        <Form.Item name="name" label="项目名称" rules={[{ required: true, min: 2, message: "项目名称至少2个字" }]}><Input style={{ width: 320 }} maxLength={100} /></Form.Item>
        <Form.Item name="category" label="项目类别"><Select style={{ width: 160 }} options={Object.entries(projectCategoryNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
      </Space>
      <Form.Item name="description" label="项目内容与立项依据" rules={[{ required: true, message: "请填写项目内容和必要性" }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      <Space wrap>
        <Form.Item name="functionalCode" label="功能分类（项，7位）" rules={[{ required: true, len: 7, message: "须为7位" }]}><Input className="xc-mono" style={{ width: 150 }} maxLength={7} /></Form.Item>
        <Form.Item name="plannedTotal" label="计划总投资（元）" rules={[{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" }]}><Input style={{ width: 180 }} /></Form.Item>
        <Form.Item name="startYear" label="开始年度" rules={[{ required: true }]}><InputNumber min={2000} max={2100} style={{ width: 110 }} /></Form.Item>
        <Form.Item name="endYear" label="结束年度" rules={[{ required: true }]}><InputNumber min={2000} max={2100} style={{ width: 110 }} /></Form.Item>
      </Space>
    </FormModal>
  );
}

function ProjectDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { can } = useAuth();
  const [detail, setDetail] = useState<ProjectDetail | null>(null);
  const [assessing, setAssessing] = useState(false);
  const report = useApiError();
  useEffect(() => {
    if (id === null) return setDetail(null);
    const controller = new AbortController();
    budgetApi.project(id, controller.signal).then(setDetail).catch(report);
    return () => controller.abort();
  }, [id, report]);
  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={detail ? `${detail.projectNo} ${detail.name}` : "项目"}
      extra={detail && can("budget.review") && <Button type="primary" onClick={() => setAssessing(true)}>{detail.assessments.length ? "重新评估" : "录入事前绩效评估"}</Button>}>
      {detail && (
        <Space orientation="vertical" style={{ width: "100%" }} size={16}>
          <Descriptions size="small" column={2} bordered items={[
            { key: "u", label: "预算单位", children: detail.budgetUnitName },
            { key: "c", label: "类别", children: categoryName(detail.category) },
            { key: "f", label: "功能分类", children: detail.functionalCode },
            { key: "t", label: "计划总投资", children: `${yuan(detail.plannedTotal)} 元` },
            { key: "y", label: "实施年度", children: detail.startYear === detail.endYear ? `${detail.startYear}` : `${detail.startYear}-${detail.endYear}` },
            { key: "s", label: "评估状态", children: <Tag color={projectStatus[detail.status].color}>{projectStatus[detail.status].label}</Tag> },
            { key: "d", label: "项目内容", span: 2, children: detail.description },
          ]} />
          {detail.status !== "passed" && <Alert type={detail.status === "failed" ? "error" : "info"} showIcon title={detail.status === "failed" ? "最近一次事前绩效评估未通过，项目不能列入预算；完善后可重新评估。" : "项目尚未进行事前绩效评估，评估通过后才能列入预算。"} />}
          <Card size="small" title="事前绩效评估记录">
            <Table rowKey="id" size="small" pagination={false} dataSource={detail.assessments} scroll={{ x: 900 }} columns={[
              { title: "评估日期", dataIndex: "assessedOn", width: 110 },
              ...criteria.map(([key, label]) => ({ title: label, key, width: 90, align: "right" as const, render: (_: unknown, a: ProjectDetail["assessments"][number]) => a.scores[key] })),
              { title: "总分", dataIndex: "totalScore", width: 70, align: "right", render: (s: number) => <strong>{s}</strong> },
              { title: "结果", dataIndex: "passed", width: 110, render: (p: boolean, a) => <Tag color={p ? "green" : "red"}>{p ? "通过" : "未通过"}（线 {a.passMark}）</Tag> },
              { title: "评估结论", dataIndex: "conclusion", width: 240 },
              { title: "评估人", dataIndex: "assessor", width: 160 },
              { title: "登记时间", dataIndex: "recordedAt", width: 150, render: formatDateTime },
            ]} />
          </Card>
        </Space>
      )}
      {assessing && detail && <AssessmentModal project={detail} onClose={() => setAssessing(false)} onDone={(d) => { setAssessing(false); setDetail(d); onChanged(); }} />}
    </Drawer>
  );
}

function AssessmentModal({ project, onClose, onDone }: { project: ProjectDetail; onClose: () => void; onDone: (d: ProjectDetail) => void }) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const values = Form.useWatch([], form) as Record<string, number | undefined> | undefined;
  const total = criteria.reduce((sum, [key]) => sum + (typeof values?.[key] === "number" ? values[key] : 0), 0);
  return (
    <FormModal<Record<string, unknown>, ProjectDetail>
      form={form}
      title={`事前绩效评估：${project.name}`}
      okText="登记评估结果"
      width={640}
      initialValues={{ assessedOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) }}
      send={(v) => budgetApi.assessProject(project.id, v)}
      onDone={onDone}
      onClose={onClose}
    >
      <Space wrap>
        {criteria.map(([key, label]) => (
          <Form.Item key={key} name={key} label={`${label}（0-20）`} rules={[{ required: true, message: "请评分" }]}>
            <InputNumber min={0} max={20} precision={0} style={{ width: 110 }} />
          </Form.Item>
        ))}
      </Space>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`总分 ${total} 分（满分 100），达到通过分数线（默认 60 分，可在系统设置中调整）为通过。`} />
      <Form.Item name="conclusion" label="评估结论" rules={[{ required: true, message: "请填写评估结论" }]}><Input.TextArea rows={3} maxLength={1000} placeholder="如：立项必要性充分，绩效目标明确，予以支持" /></Form.Item>
      <Space wrap>
        <Form.Item name="assessor" label="评估人或评估机构" rules={[{ required: true, message: "请填写评估人" }]}><Input style={{ width: 280 }} maxLength={100} /></Form.Item>
        <Form.Item name="assessedOn" label="评估日期" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: "格式 YYYY-MM-DD" }]}><Input style={{ width: 140 }} /></Form.Item>
      </Space>
    </FormModal>
  );
}
