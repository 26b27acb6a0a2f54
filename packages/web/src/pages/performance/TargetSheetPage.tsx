// One target tree (绩效目标表): the unit edits its level-3 indicators (or imports them from the Excel
// template, every bad row named), sees each level 1's weights add up, and submits it; the finance
// office accepts or returns it through the flow drawer. An accepted tree takes the monthly
// monitoring, each value coloured as it is typed by the same rule the server applies. A subsidy
// item's policy tree names which indicators read their actual value from the subsidy rosters
// (coverage, recipients, amount paid, paid on time) for the evaluation after the year.
import { DeleteOutlined, PlusOutlined, PrinterOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Checkbox, Descriptions, Input, InputNumber, Modal, Select, Space, Table, Tag, Upload, type TableColumnsType } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { expectedValue, formatFraction, fractionAdd, FRACTION_ZERO, fractionCompare, monitoringColour, parseFraction, performanceIndicatorSourceNames, targetLevels, targetLevel1Codes, level1Of, type TargetLevel2 } from "@xiangcai/shared";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FlowDrawer } from "../../flow/FlowDrawer.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { useAction } from "../../lib/useSubmit.ts";
import { fileAsBase64, yuan } from "../budget/budgetApi.ts";
import { colourStyle, directionSymbol, download, kindNames, performanceApi, sheetStatus, type ImportResult, type IndicatorInput, type Report, type SheetDetail } from "./performanceApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const sourceOptions = [{ value: "", label: "单位填报" }, ...Object.entries(performanceIndicatorSourceNames).map(([value, label]) => ({ value, label: `补贴发放数据：${label}` }))];
const level2Options = targetLevel1Codes.map((l1) => ({ label: targetLevels[l1].name, options: Object.entries(targetLevels[l1].children).map(([value, label]) => ({ value, label })) }));

/** Each level 1's weights added up exactly, against the tree's configured weights. */
function weightSums(rows: IndicatorInput[], weights: SheetDetail["weights"]) {
  return targetLevel1Codes.map((l1) => {
    let sum = FRACTION_ZERO;
    for (const r of rows) if (level1Of(r.level2) === l1) sum = fractionAdd(sum, parseFraction(r.weight) ?? FRACTION_ZERO);
    const expected = parseFraction(weights[l1]) ?? FRACTION_ZERO;
    return { l1, name: targetLevels[l1].name, sum: formatFraction(sum), expected: formatFraction(expected), ok: fractionCompare(sum, expected) === 0 };
  });
}

export default function TargetSheetPage() {
  const { id = "" } = useParams();
  const { can } = useAuth();
  const report = useApiError();
  const { message } = App.useApp();
  const [sheet, setSheet] = useState<SheetDetail | null>(null);
  const [rows, setRows] = useState<IndicatorInput[]>([]);
  const [goal, setGoal] = useState("");
  const [flowOpen, setFlowOpen] = useState(false);
  const [monitoring, setMonitoring] = useState(false);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [reports, setReports] = useState<Report[]>([]);
  const load = useCallback(() => {
    performanceApi.sheet(id).then((s) => {
      setSheet(s);
      setRows(s.indicators.map(({ indicatorNo: _n, level1: _l, ...rest }) => rest));
      setGoal(s.overallGoal);
    }, report);
    performanceApi.reports({ sheetId: id, pageSize: 12 }).then((p) => setReports(p.items), report);
  }, [id, report]);
  useEffect(load, [load]);
  const editable = sheet !== null && (sheet.status === "draft" || sheet.status === "returned") && can("performance.enter");
  const sums = useMemo(() => (sheet ? weightSums(rows, sheet.weights) : []), [rows, sheet]);
  const save = useAction((_key, submit: boolean) => performanceApi.updateSheet(id, { overallGoal: goal, indicators: rows, submit }), { success: (s) => (s.status === "submitted" ? "已提交财政所审核" : "已保存"), onDone: load });
  const set = (i: number, patch: Partial<IndicatorInput>) => setRows((all) => all.map((r, n) => (n === i ? { ...r, ...patch } : r)));

  const columns: TableColumnsType<IndicatorInput> = [
    { title: "一级指标", key: "l1", width: 100, render: (_, r) => targetLevels[level1Of(r.level2) ?? "output"].name },
    { title: "二级指标", dataIndex: "level2", width: 170, render: (v: TargetLevel2, _r, i) => (editable ? <Select<TargetLevel2> value={v} options={level2Options} style={{ width: 160 }} onChange={(level2: TargetLevel2) => set(i, { level2 })} /> : level2Options.flatMap((g) => g.options).find((o) => o.value === v)?.label) },
    { title: "三级指标", dataIndex: "name", render: (v: string, _r, i) => (editable ? <Input value={v} maxLength={100} onChange={(e) => set(i, { name: e.target.value })} /> : v) },
    { title: "方向", dataIndex: "direction", width: 80, render: (v: IndicatorInput["direction"], _r, i) => (editable ? <Select value={v} style={{ width: 70 }} options={Object.entries(directionSymbol).map(([value, label]) => ({ value, label }))} onChange={(direction) => set(i, { direction })} /> : directionSymbol[v]) },
    { title: "目标值", dataIndex: "target", width: 110, render: (v: string, _r, i) => (editable ? <Input value={v} status={parseFraction(v) ? undefined : "error"} onChange={(e) => set(i, { target: e.target.value.trim() })} /> : v) },
    { title: "单位", dataIndex: "unit", width: 100, render: (v: string, _r, i) => (editable ? <Input value={v} maxLength={20} onChange={(e) => set(i, { unit: e.target.value })} /> : v) },
    { title: "权重", dataIndex: "weight", width: 80, render: (v: string, _r, i) => (editable ? <Input value={v} status={parseFraction(v) ? undefined : "error"} onChange={(e) => set(i, { weight: e.target.value.trim() })} /> : v) },
    { title: "按月累计", dataIndex: "accumulates", width: 80, render: (v: boolean, _r, i) => <Checkbox checked={v} disabled={!editable} onChange={(e) => set(i, { accumulates: e.target.checked })} /> },
    // A policy's indicator may read its actual value from the subsidy rosters (the server takes it only for a subsidy item).
    ...(sheet?.subjectKind === "policy"
      ? [{ title: "实际值来源", dataIndex: "source", width: 200, render: (v: IndicatorInput["source"], _r: IndicatorInput, i: number) => (editable ? <Select<string> value={v ?? ""} style={{ width: 190 }} options={sourceOptions} aria-label="实际值来源" onChange={(source) => set(i, { source: source || null })} /> : sourceOptions.find((o) => o.value === (v ?? ""))?.label) }]
      : []),
    ...(editable ? [{ title: "", key: "del", width: 50, render: (_: unknown, _r: IndicatorInput, i: number) => <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除指标" onClick={() => setRows((all) => all.filter((_x, n) => n !== i))} /> }] : []),
  ];
  if (!sheet) return null;
  return (
    <>
      <PageHeader
        title={`${sheet.fiscalYear} 年度绩效目标：${sheet.subjectName}`}
        description={`${kindNames[sheet.subjectKind]} · ${sheet.budgetUnitName ?? `${sheet.regionName}财政所`} · 预算 ${yuan(sheet.issued)} 元，已支付 ${yuan(sheet.paid)} 元（执行率 ${sheet.executionRate}%）`}
        extra={
          <Space wrap>
            <Tag color={sheetStatus[sheet.status].color}>{sheetStatus[sheet.status].label}</Tag>
            {sheet.flowInstanceId && <Button onClick={() => setFlowOpen(true)}>审核流程</Button>}
            <DownloadButton download={() => download(`/performance/sheets/${sheet.id}/export`)}>导出绩效目标表</DownloadButton>
            <Link to={`/performance/targets/${sheet.id}/print`}><Button icon={<PrinterOutlined />}>打印</Button></Link>
            {sheet.status === "accepted" && can("performance.enter") && <Button type="primary" onClick={() => setMonitoring(true)}>填报监控</Button>}
          </Space>
        }
      />
      {sheet.reviewNote && sheet.status === "returned" && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`财政所退回意见：${sheet.reviewNote}`} />}
      <Card title="年度总体目标" size="small" style={{ marginBottom: 12 }}>
        {editable ? <Input.TextArea value={goal} rows={2} maxLength={2000} onChange={(e) => setGoal(e.target.value)} /> : sheet.overallGoal}
      </Card>
      <Card
        title="三级指标"
        size="small"
        extra={
          editable && (
            <Space wrap>
              <DownloadButton download={() => download("/performance/template", {}, "绩效目标导入模板.xlsx")}>下载模板</DownloadButton>
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => {
                void fileAsBase64(file).then((content) => performanceApi.importIndicators(sheet.id, content)).then((r) => {
                  setImported(r);
                  if (r.imported) {
                    void message.success(`已导入 ${r.imported} 个指标`);
                    load();
                  }
                }, report);
                return false;
              }}><Button icon={<UploadOutlined />}>从 Excel 导入</Button></Upload>
              <Button icon={<PlusOutlined />} onClick={() => setRows((all) => [...all, { level2: "quantity", name: "", unit: "", direction: ">=", target: "", weight: "", accumulates: false }])}>添加指标</Button>
            </Space>
          )
        }
      >
        {imported && imported.errors.length > 0 && (
          <Alert type="error" showIcon closable onClose={() => setImported(null)} style={{ marginBottom: 12 }} title={`文件有 ${new Set(imported.errors.map((e) => e.line)).size} 行错误，未导入任何指标`} description={<ul style={{ margin: 0 }}>{imported.errors.map((e, i) => <li key={i}>第 {e.line} 行：{e.message}</li>)}</ul>} />
        )}
        <Table<IndicatorInput> rowKey={(_r, i) => String(i)} size="small" pagination={false} columns={columns} dataSource={rows} scroll={{ x: 1000 }} locale={{ emptyText: "尚无指标：添加指标或从 Excel 导入" }} />
        <Space wrap style={{ marginTop: 12 }}>
          {sums.map((s) => <Tag key={s.l1} color={s.ok ? "green" : "red"}>{s.name}权重 {s.sum} / 应为 {s.expected}</Tag>)}
          <Tag>预算执行率权重 {sheet.weights.execution}</Tag>
        </Space>
        {editable && (
          <Space style={{ marginTop: 12, display: "flex" }}>
            <Button loading={save.running} onClick={() => void save.run(false)}>保存草稿</Button>
            <Button type="primary" loading={save.running} disabled={!sums.every((s) => s.ok)} onClick={() => void save.run(true)}>保存并提交财政所审核</Button>
          </Space>
        )}
      </Card>
      {reports.length > 0 && (
        <Card title="监控记录" size="small" style={{ marginTop: 12 }}>
          <Table<Report> rowKey="id" size="small" pagination={false} dataSource={reports} columns={[
            { title: "月份", dataIndex: "month", width: 70, render: (m: number) => `${m} 月` },
            { title: "指标颜色", key: "colours", render: (_, r) => <Space size={2}>{r.values.map((v) => <Tag key={v.indicatorNo} color={colourStyle[v.colour].color} title={`${v.name}：实际 ${v.actual}，序时 ${v.expected}`}>{v.name}</Tag>)}</Space> },
            { title: "执行率", dataIndex: "executionRate", width: 90, render: (e: string) => `${e}%` },
            { title: "填报人", dataIndex: "enteredByName", width: 90 },
          ]} />
        </Card>
      )}
      <FlowDrawer instanceId={flowOpen ? sheet.flowInstanceId : null} onClose={() => setFlowOpen(false)} onChanged={load} />
      {monitoring && <MonitoringModal sheet={sheet} onClose={() => setMonitoring(false)} onDone={() => { setMonitoring(false); load(); }} />}
    </>
  );
}

function MonitoringModal({ sheet, onClose, onDone }: { sheet: SheetDetail; onClose: () => void; onDone: () => void }) {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const lastMonth = sheet.fiscalYear < now.getUTCFullYear() ? 12 : Math.max(1, now.getUTCMonth());
  const [month, setMonth] = useState(lastMonth);
  const [values, setValues] = useState<Record<number, { actual: string; reason?: string; measure?: string }>>({});
  const save = useAction(() => performanceApi.saveMonitoring(sheet.id, { month, values: sheet.indicators.map((i) => ({ indicatorNo: i.indicatorNo, ...values[i.indicatorNo], actual: values[i.indicatorNo]?.actual ?? "" })) }), { success: (r) => (r.redCount ? `已填报，${r.redCount} 个红灯指标须落实纠偏措施` : "已填报"), onDone });
  const colourOf = (i: SheetDetail["indicators"][number]) => {
    const actual = parseFraction(values[i.indicatorNo]?.actual ?? "");
    const target = parseFraction(i.target);
    if (!actual || !target) return null;
    return monitoringColour(i.direction, expectedValue(target, i.accumulates, month), actual).colour;
  };
  return (
    <Modal open title={`填报 ${sheet.fiscalYear} 年 ${month} 月绩效监控：${sheet.subjectName}`} width={980} okText="提交" confirmLoading={save.running} onOk={() => void save.run()} onCancel={onClose} destroyOnHidden>
      <Space style={{ marginBottom: 12 }}>
        月份 <InputNumber min={1} max={12} value={month} onChange={(m) => setMonth(m ?? lastMonth)} />
        <span>累计指标的序时进度 = 目标值 × 月份 ÷ 12；低于 60% 红灯，60%-80% 黄灯，80%-120% 绿灯，120% 以上蓝灯（≤ 类指标反向计算）。</span>
      </Space>
      <Table rowKey="indicatorNo" size="small" pagination={false} dataSource={sheet.indicators} columns={[
        { title: "指标", dataIndex: "name" },
        { title: "目标", key: "t", width: 110, render: (_, i) => `${directionSymbol[i.direction]}${i.target} ${i.unit}` },
        { title: "序时目标", key: "e", width: 100, render: (_, i) => { const t = parseFraction(i.target); return t ? formatFraction(expectedValue(t, i.accumulates, month)) : ""; } },
        { title: "实际完成值", key: "a", width: 130, render: (_, i) => <Input aria-label={`${i.name}实际完成值`} value={values[i.indicatorNo]?.actual ?? ""} onChange={(e) => setValues((v) => ({ ...v, [i.indicatorNo]: { ...v[i.indicatorNo], actual: e.target.value.trim() } }))} /> },
        { title: "颜色", key: "c", width: 60, render: (_, i) => { const c = colourOf(i); return c ? <Tag color={colourStyle[c].color}>{colourStyle[c].label}</Tag> : null; } },
        { title: "偏差原因 / 纠偏措施（红灯必填）", key: "r", width: 320, render: (_, i) => colourOf(i) === "red" ? (
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Input placeholder="偏差原因" aria-label={`${i.name}偏差原因`} value={values[i.indicatorNo]?.reason ?? ""} onChange={(e) => setValues((v) => ({ ...v, [i.indicatorNo]: { ...v[i.indicatorNo]!, reason: e.target.value } }))} />
            <Input placeholder="纠偏措施" aria-label={`${i.name}纠偏措施`} value={values[i.indicatorNo]?.measure ?? ""} onChange={(e) => setValues((v) => ({ ...v, [i.indicatorNo]: { ...v[i.indicatorNo]!, measure: e.target.value } }))} />
          </Space>
        ) : null },
      ]} />
      <Descriptions size="small" style={{ marginTop: 12 }} items={[{ key: "m", label: "资金执行", children: `预算 ${yuan(sheet.issued)} 元，已支付 ${yuan(sheet.paid)} 元，执行率 ${sheet.executionRate}%（取自预算执行数据）` }]} />
    </Modal>
  );
}
