// 年度决算: a township's final accounts for a year, as its 总预算会计 and director prepare them — the
// status of its report to the district, the audit formulas (审核公式) with each failure naming tables,
// rows and both amounts and linking to the failing cells, every table (tabs), the 决算说明, Excel
// export, the print view, submission to the district (refused, with the reason shown, while a formula
// fails) and the report's history. The district opens the same page read-only for any township.
import { PrinterOutlined, SendOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Descriptions, Input, Modal, Row, Select, Space, Statistic, Switch, Table, Tag, Timeline, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useAuth } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { formatYuanText, moneyColumn } from "../../lib/money.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { reportingApi, statusColours, type ReportDetail } from "../reporting/reportingApi.ts";
import { FinalTables, tabOfTable } from "./FinalTables.tsx";
import { ownTownshipOf, submitBlocker } from "./finalRules.ts";
import { cellDomId, cellKey, describeCell, FINAL_KIND, finalApi, tableIndex, thisYear, yearOptions, type FinalAccountView, type FinalCellRef, type FinalFormulaResultView, type PublicDocumentView } from "./finalApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const LEVEL = { error: { color: "red", label: "错误" }, warning: { color: "gold", label: "提示" } } as const;

export default function WorkspacePage() {
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const report = useApiError();
  const [params, setParams] = useSearchParams();
  const ownTownship = ownTownshipOf(me?.regionCode);
  const regionCode = ownTownship ?? params.get("region") ?? "";
  const year = Number(params.get("year")) || thisYear();
  const [view, setView] = useState<FinalAccountView | null>(null);
  const [loading, setLoading] = useState(false);
  const [counter, setCounter] = useState(0);
  const [tab, setTab] = useState("summary");
  const [focus, setFocus] = useState<string | null>(null);
  const [allFormulas, setAllFormulas] = useState(false);
  const [detail, setDetail] = useState<ReportDetail | null>(null);
  const [note, setNote] = useState("");
  const [saving, setSaving] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitNote, setSubmitNote] = useState("");
  const [submitOpen, setSubmitOpen] = useState(false);
  const [published, setPublished] = useState<PublicDocumentView | null>(null);
  const reload = useCallback(() => setCounter((c) => c + 1), []);
  const setQuery = (next: { region?: string; year?: number }) => {
    const merged = new URLSearchParams(params);
    if (next.region !== undefined) merged.set("region", next.region);
    if (next.year !== undefined) merged.set("year", String(next.year));
    setParams(merged);
  };

  useEffect(() => {
    if (!regionCode) return;
    const controller = new AbortController();
    setLoading(true);
    finalApi
      .view(regionCode, year, controller.signal)
      .then((v) => {
        setView(v);
        setNote(v.note.text);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) {
          setView(null);
          report(e);
        }
      })
      .finally(() => setLoading(false));
    return () => controller.abort();
  }, [regionCode, year, counter, report]);

  const reportId = view?.report?.id ?? null;
  const reportStatus = view?.report?.status ?? null;
  useEffect(() => {
    setDetail(null);
    if (!reportId) return;
    const controller = new AbortController();
    reportingApi.get(reportId, controller.signal).then(setDetail).catch((e: unknown) => { if (!controller.signal.aborted) report(e); });
    return () => controller.abort();
  }, [reportId, counter, report]);

  useEffect(() => {
    setPublished(null);
    if (reportStatus !== "accepted") return;
    const controller = new AbortController();
    finalApi.publications(controller.signal).then((p) => setPublished(p.items.find((d) => d.kind === "finalAccount" && d.regionCode === regionCode && d.year === year) ?? null)).catch(() => setPublished(null));
    return () => controller.abort();
  }, [reportStatus, regionCode, year, counter]);

  // A formula link: open the table's tab, outline the cell and bring it into view.
  useEffect(() => {
    if (!focus) return;
    const [table = "", row = "", column = "0"] = focus.split("|");
    const timer = setTimeout(() => document.getElementById(cellDomId({ table, row, column: Number(column) }))?.scrollIntoView({ block: "center", behavior: "smooth" }), 80);
    return () => clearTimeout(timer);
  }, [focus, tab]);

  const index = useMemo(() => (view ? tableIndex(view) : new Map()), [view]);
  const failedCells = useMemo(() => new Set((view?.results ?? []).filter((r) => !r.passed).flatMap((r) => r.cells.map(cellKey))), [view]);
  const failing = (view?.results ?? []).filter((r) => !r.passed).sort((a, b) => (a.level === b.level ? 0 : a.level === "error" ? -1 : 1));
  const locked = reportStatus === "submitted" || reportStatus === "accepted";
  const mayPrepare = can("report.prepare") && ownTownship !== null;
  const blocker = view ? submitBlocker(view) : null;
  const warnings = view?.problems.filter((p) => p.level === "warning") ?? [];

  const goTo = (cell: FinalCellRef) => {
    setTab(tabOfTable(cell.table));
    setFocus(cellKey(cell));
  };

  const saveNote = async () => {
    setSaving(true);
    try {
      const next = await finalApi.saveNote(regionCode, year, note);
      setView(next);
      setNote(next.note.text);
      void message.success("决算说明已保存");
    } catch (error) {
      report(error);
    } finally {
      setSaving(false);
    }
  };

  // Submission builds the report afresh from the books (a new version) and submits that version.
  const submit = async () => {
    setSubmitting(true);
    try {
      const prepared = await reportingApi.prepare({ kind: FINAL_KIND, regionCode, period: String(year) });
      const errors = prepared.problems.filter((p) => p.level === "error");
      if (errors.length) {
        void message.error(`重新编制后仍有 ${errors.length} 项错误，未上报：${errors[0]!.message}`);
      } else {
        await reportingApi.submit(prepared.id, { version: prepared.version, ...(submitNote.trim() ? { note: submitNote.trim() } : {}) });
        void message.success(`${year}年度决算已上报区财政局`);
        setSubmitOpen(false);
        setSubmitNote("");
      }
      reload();
    } catch (error) {
      report(error);
    } finally {
      setSubmitting(false);
    }
  };

  const publish = async () => {
    try {
      const doc = await finalApi.publish({ kind: "finalAccount", regionCode, year });
      setPublished(doc);
      void message.success(doc.onTime ? "已向社会公开（在批准后 20 日内）" : "已向社会公开（已超过批准后 20 日）");
    } catch (error) {
      report(error);
    }
  };

  const formulaLinks = (r: FinalFormulaResultView) =>
    r.cells.map((c) => (
      <a key={cellKey(c)} className="xc-final-formula-cell" onClick={() => goTo(c)}>
        定位：{describeCell(index, c)}
      </a>
    ));

  return (
    <>
      <PageHeader
        title="年度决算"
        description="乡镇财政总决算：按财政总会计账、人大批准和调整的预算、国库支付自动生成各表。审核公式全部通过、填写决算说明后才能上报区财政局；区财政局审核通过即锁定，退回的按意见修改后重新上报。"
        extra={
          <Space wrap>
            {ownTownship === null && <RegionSelect levels={["township"]} value={regionCode || undefined} onChange={(code) => code && setQuery({ region: code })} placeholder="选择乡镇" allowClear={false} style={{ width: 180 }} />}
            <Select value={year} onChange={(y: number) => setQuery({ year: y })} options={yearOptions()} style={{ width: 120 }} aria-label="决算年度" />
            <DownloadButton disabled={!view} download={() => finalApi.exportExcel(regionCode, year)} onDone={() => void message.success("已导出 Excel")}>导出 Excel</DownloadButton>
            <Link to={`/final-accounts/print?region=${regionCode}&year=${year}`}><Button icon={<PrinterOutlined />} disabled={!view}>打印</Button></Link>
          </Space>
        }
      />
      {!regionCode && <Card><Alert type="info" showIcon message="请选择乡镇查看其决算。" /></Card>}
      {regionCode && !view && <Card loading={loading} />}
      {view && (
        <>
          <Card style={{ marginBottom: 16 }} loading={loading && !view}>
            <Row gutter={24}>
              <Col span={15}>
                <Descriptions size="small" column={2} bordered>
                  <Descriptions.Item label="编报单位">{view.regionName} · {view.year}年度</Descriptions.Item>
                  <Descriptions.Item label="上报状态">
                    {detail ? <Tag color={statusColours[detail.displayStatus]}>{detail.statusName}</Tag> : view.report ? <Tag color={statusColours[view.report.status]}>{view.report.statusName}</Tag> : <Tag>未编制</Tag>}
                    {detail?.overdue && <Tag color="red">已逾期</Tag>}
                    {detail?.late && <Tag color="orange">逾期上报</Tag>}
                  </Descriptions.Item>
                  <Descriptions.Item label="上报截止">{view.report ? formatDateTime(view.report.deadlineAt) : `${year + 1}年2月底`}</Descriptions.Item>
                  <Descriptions.Item label="版本">{view.report ? `第 ${view.report.version} 版` : "—"}</Descriptions.Item>
                  <Descriptions.Item label="数据">{locked ? `上报时的版本（${formatDateTime(view.builtAt)} 编制）` : `按账实时生成（${formatDateTime(view.builtAt)}）`}</Descriptions.Item>
                  <Descriptions.Item label="财政总会计账">{view.hasBooks ? "已在本系统记账" : <Tag color="gold">本年度没有在本系统记账</Tag>}</Descriptions.Item>
                  {view.report?.returnNote && view.report.status === "prepared" && <Descriptions.Item label="退回意见" span={2}><Typography.Text type="warning">{view.report.returnNote}</Typography.Text></Descriptions.Item>}
                </Descriptions>
              </Col>
              <Col span={9}>
                <Space size={32} style={{ marginBottom: 12 }}>
                  <Statistic title="本年收入合计（元）" value={formatYuanText(view.totals.revenue)} valueStyle={{ fontSize: 20 }} />
                  <Statistic title="本年支出合计（元）" value={formatYuanText(view.totals.expenditure)} valueStyle={{ fontSize: 20 }} />
                </Space>
                <Space direction="vertical" style={{ width: "100%" }}>
                  {locked && <Alert type={reportStatus === "accepted" ? "success" : "info"} showIcon message={blocker} />}
                  {mayPrepare && !locked && (
                    <>
                      {blocker && <Alert type="error" showIcon message={blocker} />}
                      <Button type="primary" icon={<SendOutlined />} disabled={blocker !== null} onClick={() => setSubmitOpen(true)}>上报区财政局</Button>
                    </>
                  )}
                  {mayPrepare && reportStatus === "accepted" && (published ? <Tag color={published.onTime ? "green" : "red"}>已于 {formatDateTime(published.publishedAt)} 公开{published.onTime ? "" : "（超过 20 日）"}</Tag> : <Button onClick={() => void publish()}>向社会公开</Button>)}
                </Space>
              </Col>
            </Row>
          </Card>

          <Card
            title={<Space>审核公式{view.passed ? <Tag color="green">全部通过</Tag> : <Tag color="red">未通过</Tag>}</Space>}
            extra={<Space>显示全部公式<Switch size="small" checked={allFormulas} onChange={setAllFormulas} /></Space>}
            style={{ marginBottom: 16 }}
          >
            <div style={{ marginBottom: 8 }}>
              共 {view.results.length} 项，通过 {view.results.filter((r) => r.passed).length} 项，未通过 {failing.length} 项（错误 {failing.filter((r) => r.level === "error").length}，提示 {failing.filter((r) => r.level === "warning").length}）。错误须修正数据后才能上报；提示须在上报时说明。
            </div>
            {failing.length === 0 && !allFormulas && <Alert type="success" showIcon message="全部审核公式通过。" />}
            {!allFormulas &&
              failing.map((r) => (
                <Alert
                  key={r.code}
                  className="xc-final-formula"
                  type={r.level === "error" ? "error" : "warning"}
                  style={{ marginBottom: 8 }}
                  message={<span><Tag color={LEVEL[r.level].color}>{LEVEL[r.level].label}</Tag>{r.message}</span>}
                  description={<Space wrap size={0}>{formulaLinks(r)}<span style={{ color: "#888" }}>左边 {formatYuanText(r.left)}，右边 {formatYuanText(r.right)}</span></Space>}
                />
              ))}
            {!allFormulas && view.problems.filter((p) => !view.results.some((r) => r.code === p.code)).map((p) => (
              <Alert key={p.code} type={p.level === "error" ? "error" : "warning"} style={{ marginBottom: 8 }} showIcon message={p.message} />
            ))}
            {allFormulas && (
              <Table<FinalFormulaResultView>
                rowKey="code"
                size="small"
                dataSource={[...view.results].sort((a, b) => Number(a.passed) - Number(b.passed))}
                pagination={{ pageSize: 15, showSizeChanger: false, showTotal: (n) => `共 ${n} 项` }}
                columns={[
                  { title: "结果", dataIndex: "passed", width: 90, render: (passed: boolean, r) => (passed ? <Tag color="green">通过</Tag> : <Tag color={LEVEL[r.level].color}>{LEVEL[r.level].label}</Tag>) },
                  { title: "公式", dataIndex: "message", render: (m: string, r) => <>{m}<div>{formulaLinks(r)}</div></> },
                  { title: "左边", dataIndex: "left", width: 140, ...moneyColumn },
                  { title: "右边", dataIndex: "right", width: 140, ...moneyColumn },
                ]}
              />
            )}
          </Card>

          <Card title="决算报表" style={{ marginBottom: 16 }}>
            <FinalTables view={view} active={tab} onTab={setTab} failed={failedCells} focus={focus} chart />
          </Card>

          <Card title="决算说明" style={{ marginBottom: 16 }} extra={view.note.updatedByName && <span style={{ color: "#888" }}>{view.note.updatedByName} 于 {formatDateTime(view.note.updatedAt)} 保存</span>}>
            <Input.TextArea rows={6} maxLength={20_000} showCount value={note} onChange={(e) => setNote(e.target.value)} disabled={locked || !mayPrepare} placeholder="说明本年收支执行、结转结余、债务和重要事项（至少 10 个字）" aria-label="决算说明" />
            {mayPrepare && !locked && (
              <Button type="primary" style={{ marginTop: 8 }} loading={saving} disabled={note.trim() === view.note.text.trim()} onClick={() => void saveNote()}>保存说明</Button>
            )}
            {locked && <div style={{ color: "#888", marginTop: 8 }}>{reportStatus === "accepted" ? "决算已审核锁定，说明不能再改。" : "决算已上报待审核，退回后才能修改说明。"}</div>}
          </Card>

          <Card title="上报记录">
            {!detail && <div style={{ color: "#888" }}>{view.report ? "正在加载…" : "尚未编制上报。"}</div>}
            {detail && (
              <>
                <Timeline items={detail.history.map((h, i) => ({ key: i, children: `${formatDateTime(h.at)} · ${h.actorName} · ${h.actionLabel}${h.note ? `：${h.note}` : ""}` }))} />
                <div style={{ color: "#666" }}>版本：{detail.versions.map((v) => `第 ${v.version} 版（${v.builtByName}，${formatDateTime(v.builtAt)}）`).join("；")}</div>
              </>
            )}
          </Card>
        </>
      )}
      <Modal
        open={submitOpen}
        title={`上报 ${view?.regionName ?? ""}${year}年度决算`}
        okText="编制并上报"
        cancelText="取消"
        confirmLoading={submitting}
        okButtonProps={{ disabled: warnings.length > 0 && submitNote.trim() === "" }}
        onOk={() => void submit()}
        onCancel={() => setSubmitOpen(false)}
      >
        <p>将按当前账簿数据重新编制决算（新版本）并上报区财政局，上报后不能修改，区财政局退回后才能重新编制。</p>
        {warnings.length > 0 && (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={`有 ${warnings.length} 项提示，请在上报说明中说明原因：`} description={<ul style={{ paddingLeft: 18, margin: 0 }}>{warnings.map((w) => <li key={w.code}>{w.message}</li>)}</ul>} />
          </>
        )}
        <Input.TextArea rows={3} maxLength={500} value={submitNote} onChange={(e) => setSubmitNote(e.target.value)} placeholder={warnings.length ? "上报说明（有提示事项，必填）" : "上报说明（可不填）"} aria-label="上报说明" />
      </Modal>
    </>
  );
}
