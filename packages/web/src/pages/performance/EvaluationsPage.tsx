// 绩效评价: every evaluation with search, filters (year, type, grade, status) and paging, exported to
// Excel; the district sees every township's grades side by side (a chart of the year's grades and
// average score by township above the list). A unit starts the evaluation of an accepted tree of a
// past year with its self-evaluation here.
import { PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { EChart } from "../budget/EChart.tsx";
import { currentFiscalYear, yuan } from "../budget/budgetApi.ts";
import { directionSymbol, download, evaluationStatus, gradeColor, kindNames, performanceApi, type Evaluation, type EvaluationFull, type EvaluationOverview, type PerformanceGrade, type Sheet, type SheetDetail } from "./performanceApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["q", "fiscalYear", "subjectKind", "grade", "status"] as const;

export default function EvaluationsPage() {
  const me = useMe();
  const { can } = useAuth();
  const report = useApiError();
  const query = useListQuery(FILTER_KEYS);
  const [creating, setCreating] = useState(false);
  const list = useRemoteList((signal) => performanceApi.evaluations({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const district = me.regionCode.endsWith("000");
  const year = Number(query.filters.fiscalYear ?? currentFiscalYear() - 1);
  const [overview, setOverview] = useState<EvaluationOverview | null>(null);
  useEffect(() => void performanceApi.evaluationOverview(year).then(setOverview, report), [year, report]);
  const columns: TableColumnsType<Evaluation> = [
    ...(district ? [{ title: "乡镇", dataIndex: "regionName", width: 90 }] : []),
    { title: "年度", dataIndex: "fiscalYear", width: 70 },
    { title: "类型", dataIndex: "subjectKind", width: 90, render: (k: Evaluation["subjectKind"]) => kindNames[k] },
    { title: "评价对象", dataIndex: "subjectName", ellipsis: true, render: (n: string, e) => <Link to={`/performance/evaluations/${e.id}`}>{n}</Link> },
    { title: "预算（元）", dataIndex: "issued", width: 130, align: "right", render: yuan },
    { title: "执行率", dataIndex: "executionRate", width: 80, align: "right", render: (r: string) => `${r}%` },
    { title: "自评", dataIndex: "selfScore", width: 80, align: "right", render: (s: string | null) => s ?? "—" },
    { title: "财政评价", dataIndex: "financeScore", width: 90, align: "right", render: (s: string | null) => s ?? "—" },
    { title: "等级", dataIndex: "grade", width: 70, render: (g: Evaluation["grade"]) => (g ? <Tag color={gradeColor[g]}>{g}</Tag> : "—") },
    { title: "状态", dataIndex: "status", width: 140, render: (s: Evaluation["status"]) => <Tag color={evaluationStatus[s].color}>{evaluationStatus[s].label}</Tag> },
  ];
  return (
    <>
      <PageHeader
        title="绩效评价"
        description="年度结束后，单位对照绩效目标开展自评，财政所复核评价（可委托第三方），按“预算执行率得分 + 各指标得分”计分（权重合计 100），优 ≥ 90、良 ≥ 80、中 ≥ 60、差 < 60；评价结果用于下年度预算安排。"
        extra={
          <Space>
            <DownloadButton download={() => download("/performance/evaluations/export", query.filters, "绩效评价结果.xlsx")}>导出 Excel</DownloadButton>
            {can("performance.enter") && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>开展自评</Button>}
          </Space>
        }
      />
      <GradesCard overview={overview} district={district} />
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Record<string, string | number | undefined>) => query.setFilters(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === undefined ? undefined : String(x)])))}>
          <Form.Item name="q"><Input allowClear placeholder="评价对象或单位" prefix={<SearchOutlined />} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="fiscalYear"><InputNumber placeholder="年度" min={2000} max={2100} style={{ width: 100 }} /></Form.Item>
          <Form.Item name="subjectKind"><Select allowClear placeholder="类型" style={{ width: 120 }} options={Object.entries(kindNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="grade"><Select allowClear placeholder="等级" style={{ width: 90 }} options={["优", "良", "中", "差"].map((g) => ({ value: g, label: g }))} /></Form.Item>
          <Form.Item name="status"><Select allowClear placeholder="状态" style={{ width: 150 }} options={Object.entries(evaluationStatus).map(([value, s]) => ({ value, label: s.label }))} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
        </Form>
        <Table<Evaluation> rowKey="id" size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} scroll={{ x: 1100 }} locale={{ emptyText: "暂无绩效评价" }} />
      </Card>
      {creating && <SelfEvaluationModal onClose={() => setCreating(false)} />}
    </>
  );
}

const grades: PerformanceGrade[] = ["优", "良", "中", "差"];
const gradeHex: Record<PerformanceGrade, string> = { 优: "#389e0d", 良: "#1d39c4", 中: "#d4b106", 差: "#cf1322" };

/** The year's grades by township (the district's chart) or the township's own counts, with the average score. */
function GradesCard({ overview, district }: { overview: EvaluationOverview | null; district: boolean }) {
  const option = useMemo(() => {
    if (!overview || !district) return null;
    const t = overview.townships;
    return {
      tooltip: { trigger: "axis" },
      legend: { data: [...grades, "评价中", "平均分"] },
      grid: { left: 50, right: 60, bottom: 60 },
      xAxis: { type: "category", data: t.map((x) => x.regionName), axisLabel: { interval: 0, rotate: t.length > 6 ? 30 : 0 } },
      yAxis: [{ type: "value", name: "评价数", minInterval: 1 }, { type: "value", name: "平均分", min: 0, max: 100 }],
      series: [
        ...grades.map((g) => ({ name: g, type: "bar", stack: "grades", itemStyle: { color: gradeHex[g] }, data: t.map((x) => x.grades[g]) })),
        { name: "评价中", type: "bar", stack: "grades", itemStyle: { color: "#bfbfbf" }, data: t.map((x) => x.open) },
        { name: "平均分", type: "line", yAxisIndex: 1, itemStyle: { color: "#595959" }, data: t.map((x) => (x.averageScore === null ? null : Number(x.averageScore))) },
      ],
    };
  }, [overview, district]);
  if (!overview) return null;
  const title = `${overview.fiscalYear} 年度评价结果${district ? "（各乡镇）" : ""}`;
  if (overview.townships.length === 0) return <Card size="small" title={title} style={{ marginBottom: 12 }}>该年度尚无绩效评价</Card>;
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }}>
      {district && option ? (
        <EChart option={option} height={300} />
      ) : (
        overview.townships.map((x) => (
          <Space key={x.regionCode} wrap>
            {grades.map((g) => <Tag key={g} color={gradeColor[g]}>{g} {x.grades[g]}</Tag>)}
            <Tag>评价中 {x.open}</Tag>
            {x.averageScore !== null && <span>已完成 {x.completed} 项，平均 {x.averageScore} 分</span>}
          </Space>
        ))
      )}
    </Card>
  );
}

function SelfEvaluationModal({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const report = useApiError();
  const [sheets, setSheets] = useState<Sheet[]>([]);
  const [sheet, setSheet] = useState<SheetDetail | null>(null);
  useEffect(() => {
    performanceApi.sheets({ status: "accepted", fiscalYear: currentFiscalYear() - 1, pageSize: 100 }).then((p) => setSheets(p.items), report);
  }, [report]);
  const needsExecution = sheet !== null && sheet.subjectKind !== "policy" && sheet.issued === "0.00";
  return (
    <FormModal<Record<string, string>, EvaluationFull>
      title="开展绩效自评"
      okText="提交自评"
      width={860}
      formProps={{ onValuesChange: (changed: { sheetId?: string }) => changed.sheetId && void performanceApi.sheet(changed.sheetId).then(setSheet, report) }}
      send={(v) => {
        const values = (sheet?.indicators ?? []).filter((i) => !i.source).map((i) => ({ indicatorNo: i.indicatorNo, actual: v[`actual${i.indicatorNo}`] ?? "" }));
        return performanceApi.createEvaluation({
          sheetId: v.sheetId,
          evaluator: v.evaluator,
          conclusion: v.conclusion,
          problems: v.problems || undefined,
          values,
          ...(v.issued && v.paid ? { execution: { issued: v.issued, paid: v.paid } } : {}),
          ...(v.eligibleCount ? { eligibleCount: Number(v.eligibleCount) } : {}),
          ...(v.dueOn ? { dueOn: v.dueOn } : {}),
        });
      }}
      success={(e) => `已提交自评（${e.selfScore} 分），等待财政所评价`}
      onDone={(e) => navigate(`/performance/evaluations/${e.id}`)}
      onClose={onClose}
    >
      <Form.Item name="sheetId" label="评价对象（上年度审核通过的绩效目标）" rules={[{ required: true, message: "请选择" }]}>
        <Select showSearch={{ optionFilterProp: "label" }} options={sheets.map((s) => ({ value: s.id, label: `${s.subjectName}（${s.fiscalYear}）` }))} />
      </Form.Item>
      {sheet && (
        <>
          {needsExecution ? (
            <Space wrap>
              <Alert type="info" showIcon title="该年度没有平台中的预算指标，请按单位账簿填写预算数和实际支付数。" />
              <Form.Item name="issued" label="年度预算数（元）" rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/, message: "金额最多两位小数" }]}><Input style={{ width: 160 }} /></Form.Item>
              <Form.Item name="paid" label="实际支付数（元）" rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/, message: "金额最多两位小数" }]}><Input style={{ width: 160 }} /></Form.Item>
            </Space>
          ) : sheet.subjectKind !== "policy" && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`资金执行取自预算执行数据：预算 ${yuan(sheet.issued)} 元，已支付 ${yuan(sheet.paid)} 元（${sheet.executionRate}%）。`} />}
          {sheet.subjectKind === "policy" && (
            <Space wrap>
              <Form.Item name="issued" label="资金总额（元，非补贴项目的政策填写）"><Input style={{ width: 160 }} /></Form.Item>
              <Form.Item name="paid" label="实际支出（元）"><Input style={{ width: 140 }} /></Form.Item>
              <Form.Item name="eligibleCount" label="应享受人数（计算覆盖率）"><Input style={{ width: 140 }} /></Form.Item>
              <Form.Item name="dueOn" label="应发放日期（计算按时发放率）"><Input placeholder="YYYY-MM-DD" style={{ width: 140 }} /></Form.Item>
            </Space>
          )}
          {sheet.indicators.map((i) => (
            <Form.Item key={i.indicatorNo} name={`actual${i.indicatorNo}`} label={`${i.name}（目标 ${directionSymbol[i.direction]}${i.target} ${i.unit}）`} rules={i.source ? [] : [{ required: true, pattern: /^-?\d+(\.\d+)?$/, message: "请填写实际完成值" }]}>
              <Input disabled={Boolean(i.source)} placeholder={i.source ? "取自补贴发放数据" : "实际完成值"} style={{ width: 200 }} />
            </Form.Item>
          ))}
          <Form.Item name="evaluator" label="自评单位或人员" rules={[{ required: true, message: "请填写" }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="conclusion" label="自评结论" rules={[{ required: true, message: "请填写" }]}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
          <Form.Item name="problems" label="存在问题"><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
        </>
      )}
    </FormModal>
  );
}
