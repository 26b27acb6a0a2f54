// One evaluation (绩效评价报告): the money's execution, each indicator's target beside the actual value,
// completion and points of every round (self, finance, external), the score and grade; the finance
// office records its round (and an external evaluator's) and confirms the result, or returns the
// self-evaluation through the flow drawer; problems found become rectification tasks. The report
// prints on A4 without the app's frame.
import { PrinterOutlined } from "@ant-design/icons";
import { Alert, Button, Checkbox, Descriptions, Form, Input, Space, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FlowDrawer } from "../../flow/FlowDrawer.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { formatDate } from "../../lib/format.ts";
import { yuan } from "../budget/budgetApi.ts";
import { RectificationModal } from "./RectificationModal.tsx";
import { directionSymbol, evaluationStatus, gradeColor, kindNames, performanceApi, taskStatus, type EvaluationFull } from "./performanceApi.ts";
import { evaluationRoundNames } from "@xiangcai/shared";
import "../subsidy/notice.css";


export default function EvaluationPage() {
  const { id = "" } = useParams();
  const { can } = useAuth();
  const report = useApiError();
  const [e, setE] = useState<EvaluationFull | null>(null);
  const [scoring, setScoring] = useState<"finance" | "external" | "self" | null>(null);
  const [flowOpen, setFlowOpen] = useState(false);
  const [rectifying, setRectifying] = useState(false);
  const load = useCallback(() => void performanceApi.evaluation(id).then(setE, report), [id, report]);
  useEffect(load, [load]);
  if (!e) return null;
  const round = (r: "self" | "finance" | "external") => e.rounds.find((x) => x.round === r);
  const shown = (["self", "external", "finance"] as const).filter((r) => round(r));
  return (
    <div className="xc-notice">
      <Space className="xc-no-print" wrap style={{ marginBottom: 12 }}>
        <Link to="/performance/evaluations"><Button>返回列表</Button></Link>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>打印评价报告</Button>
        {e.flowInstanceId && <Button onClick={() => setFlowOpen(true)}>评价流程</Button>}
        {e.status === "financeReview" && can("performance.review") && (
          <>
            <Button type="primary" onClick={() => setScoring("finance")}>{round("finance") ? "修改财政评价" : "录入财政评价"}</Button>
            <Button onClick={() => setScoring("external")}>录入第三方评价</Button>
          </>
        )}
        {e.status === "selfEvaluation" && can("performance.enter") && <Button type="primary" onClick={() => setScoring("self")}>修改自评并重新提交</Button>}
        {can("performance.review") && <Button onClick={() => setRectifying(true)}>发起整改</Button>}
      </Space>
      <div className="xc-notice-sheet">
        <h2 style={{ textAlign: "center", marginBottom: 4 }}>{e.regionName}{e.fiscalYear}年度{kindNames[e.subjectKind]}绩效评价报告</h2>
        <p style={{ textAlign: "center", marginTop: 0 }}>
          {e.subjectName} · <Tag color={evaluationStatus[e.status].color}>{evaluationStatus[e.status].label}</Tag>
          {e.grade && <>最终得分 <strong>{e.score}</strong> 分，等级 <Tag color={gradeColor[e.grade]}>{e.grade}</Tag></>}
        </p>
        <Descriptions size="small" bordered column={3} items={[
          { key: "u", label: "实施单位", children: e.budgetUnitName ?? `${e.regionName}财政所` },
          { key: "i", label: e.subjectKind === "policy" ? "计划发放（元）" : "年度预算（元）", children: yuan(e.issued) },
          { key: "p", label: "实际支付（元）", children: yuan(e.paid) },
          { key: "r", label: "预算执行率", children: `${e.executionRate}%（权重 ${e.weights.execution}）` },
          { key: "s", label: "数据来源", children: { budget: "预算执行数据", subsidy: "补贴发放数据", entered: "单位填报（平台启用前年度）" }[e.executionSource] },
          ...(e.policyFigures ? [{ key: "f", label: "补贴发放", children: `${e.policyFigures.itemName}：${e.policyFigures.recipients} 人，${e.policyFigures.lines} 笔，已发放 ${e.policyFigures.paidLines} 笔（按时 ${e.policyFigures.paidOnTimeLines} 笔）` }] : []),
        ]} />
        <table className="xc-notice-table" style={{ marginTop: 16 }}>
          <thead>
            <tr><th rowSpan={2}>指标</th><th rowSpan={2}>目标</th><th rowSpan={2}>权重</th>{shown.map((r) => <th key={r} colSpan={3}>{evaluationRoundNames[r]}</th>)}</tr>
            <tr>{shown.flatMap((r) => [<th key={`${r}a`}>实际</th>, <th key={`${r}c`}>完成%</th>, <th key={`${r}p`}>得分</th>])}</tr>
          </thead>
          <tbody>
            {e.indicators.map((i) => (
              <tr key={i.indicatorNo}>
                <td>{i.name}</td>
                <td>{directionSymbol[i.direction]}{i.target} {i.unit}</td>
                <td style={{ textAlign: "right" }}>{i.weight}</td>
                {shown.flatMap((r) => {
                  const v = round(r)!.values.find((x) => x.indicatorNo === i.indicatorNo);
                  return [<td key={`${r}a`}>{v?.actual}</td>, <td key={`${r}c`} style={{ textAlign: "right" }}>{v?.completion}</td>, <td key={`${r}p`} style={{ textAlign: "right" }}>{v?.points}</td>];
                })}
              </tr>
            ))}
            <tr><td>预算执行率</td><td>≥100%</td><td style={{ textAlign: "right" }}>{e.weights.execution}</td>{shown.flatMap((r) => [<td key={`${r}a`}>{e.executionRate}%</td>, <td key={`${r}c`} />, <td key={`${r}p`} style={{ textAlign: "right" }}>{round(r)!.executionPoints}</td>])}</tr>
            <tr><th colSpan={3}>总分 / 等级</th>{shown.map((r) => <th key={r} colSpan={3}>{round(r)!.score} 分 · {round(r)!.grade}</th>)}</tr>
          </tbody>
        </table>
        {shown.map((r) => (
          <div key={r} style={{ marginTop: 12 }}>
            <strong>{evaluationRoundNames[r]}（{round(r)!.evaluator}，{formatDate(round(r)!.recordedAt)}）</strong>
            <div>结论：{round(r)!.conclusion}</div>
            {round(r)!.problems && <div>存在问题：{round(r)!.problems}</div>}
          </div>
        ))}
        {e.rectifications.length > 0 && (
          <div style={{ marginTop: 12 }}>
            <strong>整改事项</strong>
            <ul>{e.rectifications.map((t) => <li key={t.id}><Link to={`/performance/rectifications?q=${t.taskNo}`}>{t.taskNo}</Link> {t.title} <Tag color={taskStatus[t.status].color}>{taskStatus[t.status].label}</Tag></li>)}</ul>
          </div>
        )}
      </div>
      {scoring && <RoundModal evaluation={e} round={scoring} onClose={() => setScoring(null)} onDone={(next) => { setScoring(null); setE(next); }} />}
      {rectifying && <RectificationModal source={{ kind: "performanceEvaluation", id: e.id }} onDone={() => { setRectifying(false); load(); }} onClose={() => setRectifying(false)} />}
      <FlowDrawer instanceId={flowOpen ? e.flowInstanceId : null} onClose={() => setFlowOpen(false)} onChanged={load} />
    </div>
  );
}

function RoundModal({ evaluation: e, round, onClose, onDone }: { evaluation: EvaluationFull; round: "self" | "finance" | "external"; onClose: () => void; onDone: (e: EvaluationFull) => void }) {
  const previous = e.rounds.find((r) => r.round === round) ?? e.rounds.find((r) => r.round === "self");
  const initial: Record<string, unknown> = { evaluator: round === "finance" ? "财政所绩效评价小组" : round === "self" ? previous?.evaluator : "", complete: round === "finance" };
  for (const v of previous?.values ?? []) initial[`actual${v.indicatorNo}`] = v.actual;
  return (
    <FormModal<Record<string, string | boolean>, EvaluationFull>
      title={`${evaluationRoundNames[round]}：${e.subjectName}`}
      okText={round === "finance" ? "保存财政评价" : "保存"}
      width={760}
      initialValues={initial}
      send={(v) => performanceApi.recordRound(e.id, {
        round,
        evaluator: v.evaluator,
        conclusion: v.conclusion,
        problems: (v.problems as string | undefined) || undefined,
        values: e.indicators.filter((i) => !i.source).map((i) => ({ indicatorNo: i.indicatorNo, actual: String(v[`actual${i.indicatorNo}`] ?? "") })),
        ...(round === "finance" ? { complete: Boolean(v.complete) } : {}),
      })}
      success={(next) => (next.status === "completed" ? `评价完成：${next.score} 分，${next.grade}` : "已保存")}
      onDone={onDone}
      onClose={onClose}
    >
      {round === "finance" && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="按复核后的实际完成值计分；勾选“确认评价结果”后得分和等级即为最终结果，用于下年度预算安排。" />}
      {e.indicators.map((i) => (
        <Form.Item key={i.indicatorNo} name={`actual${i.indicatorNo}`} label={`${i.name}（目标 ${directionSymbol[i.direction]}${i.target} ${i.unit}，权重 ${i.weight}）`} rules={i.source ? [] : [{ required: true, pattern: /^-?\d+(\.\d+)?$/, message: "请填写实际完成值" }]}>
          <Input disabled={Boolean(i.source)} style={{ width: 200 }} placeholder={i.source ? "取自补贴发放数据" : undefined} />
        </Form.Item>
      ))}
      <Form.Item name="evaluator" label="评价人或评价机构" rules={[{ required: true, message: "请填写" }]}><Input maxLength={100} /></Form.Item>
      <Form.Item name="conclusion" label="评价结论" rules={[{ required: true, message: "请填写" }]}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
      <Form.Item name="problems" label="存在问题"><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
      {round === "finance" && <Form.Item name="complete" valuePropName="checked"><Checkbox>确认评价结果（完成评价）</Checkbox></Form.Item>}
    </FormModal>
  );
}
