// 预算编制: the township's budget round of a year. Units enter request lines (or import the Excel
// template); the finance office accepts, cuts or returns each line; the draft adds up by unit and by
// class; the revenue side (收入预算) is entered beside it until the draft balances; the congress approval
// is recorded; the approved budget is issued as indicators.
import { CheckOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Radio, Select, Space, Table, Tabs, Tag, Timeline, type TableColumnsType } from "antd";
import { useEffect, useState } from "react";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { useAction } from "../../lib/useSubmit.ts";
import { LineAdviceTags, useLineAdvice } from "../performance/LineAdvice.tsx";
import { RevenueSideCard } from "../fiscal/RevenueSideCard.tsx";
import { budgetApi, currentFiscalYear, download, fileAsBase64, fundNatureNames, methodNames, reviewStatus, yuan, type BudgetLine, type BudgetLineEvent, type BudgetRound, type TotalRow } from "./budgetApi.ts";
import { cutPreview, type CutMode } from "./cutPreview.ts";
import { useCodeNames } from "../../lib/codeNames.ts";
import { ApiError } from "../../api.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

export default function RoundsPage() {
  const me = useMe();
  const { can } = useAuth();
  const [year, setYear] = useState(currentFiscalYear());
  const [round, setRound] = useState<BudgetRound | null | undefined>(undefined);
  const [lines, setLines] = useState<BudgetLine[]>([]);
  const [linesTotal, setLinesTotal] = useState(0);
  const [lineFilter, setLineFilter] = useState<{ q?: string; reviewStatus?: string; budgetUnitId?: string; page: number; pageSize: number }>({ page: 1, pageSize: 20 });
  const [units, setUnits] = useState<{ value: string; label: string }[]>([]);
  const [editing, setEditing] = useState<BudgetLine | null>(null);
  const [historyOf, setHistoryOf] = useState<BudgetLine | null>(null);
  const [totalsBy, setTotalsBy] = useState("unit");
  const [totals, setTotals] = useState<TotalRow[]>([]);
  const [counter, setCounter] = useState(0);
  const [adding, setAdding] = useState(false);
  const [approving, setApproving] = useState(false);
  const [reviewing, setReviewing] = useState<{ line: BudgetLine; decision: "cut" | "return" } | null>(null);
  const { message, modal } = App.useApp();
  const report = useApiError();
  const reload = () => setCounter((c) => c + 1);

  // The page opens on the round in progress (编制中, usually next year's), not on this year's approved one.
  const [yearChosen, setYearChosen] = useState(false);
  useEffect(() => {
    if (yearChosen) return;
    const controller = new AbortController();
    budgetApi
      .rounds({ regionCode: me.regionCode.length === 9 ? me.regionCode : undefined, pageSize: 100 }, controller.signal)
      .then((page) => {
        const preparing = page.items.filter((r) => r.status === "preparing").sort((a, b) => b.fiscalYear - a.fiscalYear)[0];
        if (preparing) setYear(preparing.fiscalYear);
        setYearChosen(true);
      })
      .catch(() => setYearChosen(true));
    return () => controller.abort();
  }, [yearChosen, me.regionCode]);

  useEffect(() => {
    if (!yearChosen) return;
    budgetApi.rounds({ fiscalYear: year, regionCode: me.regionCode.length === 9 ? me.regionCode : undefined }).then(async (page) => {
      const found = page.items[0] ?? null;
      setRound(found);
      if (found) {
        const page = await budgetApi.lines(found.id, lineFilter);
        setLines(page.items);
        setLinesTotal(page.total);
        setTotals(await budgetApi.totals(found.id, totalsBy));
      }
    }).catch(report);
  }, [yearChosen, year, counter, totalsBy, lineFilter, me.regionCode, report]);
  useEffect(() => void budgetApi.units().then((units) => setUnits(units.map((u) => ({ value: u.id, label: u.name })))).catch(report), [report]);

  // Page commands (the one that issues indicators moves money and carries the page's key).
  const command = useAction((key, fn: (key: string) => Promise<unknown>, done: string) => fn(key).then(() => done), { success: (done) => done, onDone: reload });
  const act = (fn: (key: string) => Promise<unknown>, done: string) => command.run(fn, done);

  // Performance beside each project line: targets accepted or not, last year's grade and its rule.
  const advice = useLineAdvice(can("performance.read") ? round?.id : null, counter);
  // Classification codes with their names (2010301 行政运行), looked up once per page of lines.
  const functionalName = useCodeNames(round?.fiscalYear, "functional", lines.map((l) => l.functionalCode));
  const economicName = useCodeNames(round?.fiscalYear, "economic", lines.map((l) => l.economicCode));
  const columns: TableColumnsType<BudgetLine> = [
    // The unit stays in view on the left and the review buttons on the right while the middle scrolls (1440 px and below).
    { title: "预算单位", dataIndex: "budgetUnitName", width: 170, ellipsis: true, fixed: "left" },
    { title: "支出类型", key: "kind", width: 160, ellipsis: true, render: (_, l) => (l.expenditureKind === "basic" ? "基本支出" : `项目：${l.projectName}`) },
    { title: "功能分类", dataIndex: "functionalCode", width: 190, ellipsis: true, render: (c: string) => functionalName(c) },
    { title: "经济分类", dataIndex: "economicCode", width: 170, ellipsis: true, render: (c: string) => economicName(c) },
    { title: "资金性质", dataIndex: "fundNature", width: 120, render: (n: BudgetLine["fundNature"]) => fundNatureNames[n] },
    { title: "申报数", dataIndex: "requested", width: 130, align: "right", render: yuan },
    { title: "审核数", dataIndex: "approved", width: 130, align: "right", render: yuan },
    { title: "审核", dataIndex: "reviewStatus", width: 110, render: (s: BudgetLine["reviewStatus"], l) => <Space size={2}><Tag color={reviewStatus[s].color} title={l.reviewNote ?? undefined}>{reviewStatus[s].label}</Tag>{l.submission > 1 && <Tag title="退回后修改重新提交的次数">第{l.submission}次</Tag>}</Space> },
    { title: "意见", dataIndex: "reviewNote", width: 200, ellipsis: true },
    { title: "绩效", key: "performance", width: 200, render: (_, l) => (l.expenditureKind === "project" ? <LineAdviceTags advice={advice.get(l.id)} /> : null) },
    {
      title: "操作",
      key: "ops",
      width: 230,
      fixed: "right",
      render: (_, l) => (
        <Space size={0}>
          {round?.status === "preparing" && can("budget.review") && l.reviewStatus === "pending" && (
            <>
              <Button size="small" type="link" onClick={() => void act(() => budgetApi.review(l.id, { decision: "accept" }), "已同意")}>同意</Button>
              <Button size="small" type="link" onClick={() => setReviewing({ line: l, decision: "cut" })}>核减</Button>
              <Button size="small" type="link" danger onClick={() => setReviewing({ line: l, decision: "return" })}>退回</Button>
            </>
          )}
          {round?.status === "preparing" && can("budget.request") && l.reviewStatus === "returned" && <Button size="small" type="link" onClick={() => setEditing(l)}>修改后重新提交</Button>}
          <Button size="small" type="link" onClick={() => setHistoryOf(l)}>审核记录</Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="预算编制"
        description="预算单位申报基本支出和项目支出，财政所逐条审核（同意、核减、退回），草案经乡镇人民代表大会批准后方可下达指标。"
        extra={<Select value={year} onChange={setYear} style={{ width: 120 }} options={[-1, 0, 1].map((d) => ({ value: currentFiscalYear() + d, label: `${currentFiscalYear() + d}年度` }))} />}
      />
      {round === null && (
        <Card>
          <Empty description={`${year} 年度预算编制尚未开始`}>
            {can("budget.review") && me.regionCode.length === 9 && <Button type="primary" onClick={() => void act(() => budgetApi.openRound({ regionCode: me.regionCode, fiscalYear: year }), "已开始编制")}>开始 {year} 年度预算编制</Button>}
          </Empty>
        </Card>
      )}
      {round && (
        <Space orientation="vertical" style={{ width: "100%" }} size={16}>
          <Card>
            <Descriptions size="small" column={4} items={[
              { key: "r", label: "乡镇", children: round.regionName },
              { key: "s", label: "状态", children: round.status === "approved" ? <Tag color="green">已经人大批准</Tag> : <Tag color="processing">编制中</Tag> },
              { key: "q", label: "申报合计", children: `${yuan(round.requestedTotal)} 元` },
              { key: "a", label: "审核合计", children: <strong>{yuan(round.approvedTotal)} 元</strong> },
              { key: "l", label: "申报条数", children: `${round.lineCount}（待审 ${round.pendingCount}）` },
              { key: "res", label: "人大决议", children: round.resolution ? `${round.resolution.session} ${round.resolution.resolutionNo}（${round.resolution.resolvedOn}），批准 ${yuan(round.resolution.approvedTotal)} 元` : "—" },
              { key: "i", label: "指标下达", children: round.indicatorsIssuedAt ? "已下达" : "未下达" },
            ]} />
            <Space wrap style={{ marginTop: 12 }}>
              {round.status === "preparing" && can("budget.request") && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>申报一条</Button>}
              <DownloadButton download={() => download("/budget/template", {}, "预算申报模板.xlsx")}>下载申报模板</DownloadButton>
              {round.status === "preparing" && can("budget.request") && (
                <label className="ant-btn ant-btn-default" style={{ cursor: "pointer", padding: "4px 15px", border: "1px solid #d9d9d9", borderRadius: 6 }}>
                  <UploadOutlined /> 导入申报表
                  <input type="file" accept=".xlsx" hidden onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (!file) return;
                    void fileAsBase64(file).then((content) => budgetApi.importLines(round.id, content)).then((r) => {
                      if (r.errors.length) modal.error({ title: "导入失败，未写入任何数据", content: r.errors.map((x) => `第${x.line}行：${x.message}`).join("\n"), width: 640 });
                      else { void message.success(`已导入 ${r.imported} 条`); reload(); }
                    }).catch(report);
                  }} />
                </label>
              )}
              <DownloadButton download={() => download(`/budget/rounds/${round.id}/export`, {}, "预算草案.xlsx")}>导出预算草案</DownloadButton>
              {round.status === "preparing" && can("budget.approve") && <Button type="primary" icon={<CheckOutlined />} onClick={() => setApproving(true)}>登记人大批准</Button>}
              {round.status === "approved" && !round.indicatorsIssuedAt && can("indicator.manage") && <Button type="primary" onClick={() => void act((key) => budgetApi.issueFromRound(round.id, key), "指标已下达")}>按批准预算下达指标</Button>}
            </Space>
          </Card>
          <Card title="申报明细">
            <Space wrap style={{ marginBottom: 12 }}>
              <Input.Search allowClear placeholder="项目名称、单位或功能分类编码" style={{ width: 260 }} onSearch={(q) => setLineFilter((f) => ({ ...f, q: q.trim() || undefined, page: 1 }))} />
              <Select allowClear placeholder="审核状态" style={{ width: 130 }} value={lineFilter.reviewStatus} onChange={(v?: string) => setLineFilter((f) => ({ ...f, reviewStatus: v, page: 1 }))} options={Object.entries(reviewStatus).map(([value, s]) => ({ value, label: s.label }))} />
              <Select allowClear showSearch={{ optionFilterProp: "label" }} placeholder="预算单位" style={{ width: 220 }} value={lineFilter.budgetUnitId} onChange={(v?: string) => setLineFilter((f) => ({ ...f, budgetUnitId: v, page: 1 }))} options={units} />
            </Space>
            <Table<BudgetLine> rowKey="id" size="small" columns={columns} dataSource={lines} scroll={{ x: 1810 }}
              pagination={{ current: lineFilter.page, pageSize: lineFilter.pageSize, total: linesTotal, showTotal: (n) => `共 ${n} 条`, onChange: (page, pageSize) => setLineFilter((f) => ({ ...f, page, pageSize })) }} />
          </Card>
          <RevenueSideCard roundId={round.id} fiscalYear={round.fiscalYear} editable={round.status === "preparing" && can("budget.review")} reloadKey={counter} onChanged={reload} />
          <Card title="草案汇总" extra={<Tabs activeKey={totalsBy} onChange={setTotalsBy} items={[["unit", "按单位"], ["functional1", "功能分类·类"], ["functional2", "功能分类·款"], ["functional3", "功能分类·项"], ["economic1", "经济分类·类"], ["economic2", "经济分类·款"], ["government1", "政府经济分类·类"]].map(([key, label]) => ({ key: key!, label }))} />}>
            <Table<TotalRow> rowKey="key" size="small" pagination={false} dataSource={totals} columns={[
              // By unit the row is the unit (its name); by class, the class's code and name.
              ...(totalsBy === "unit"
                ? [{ title: "预算单位", dataIndex: "name" }]
                : [
                    { title: "编码", dataIndex: "key", width: 120, render: (k: string) => <span className="xc-mono">{k}</span> },
                    { title: "名称", dataIndex: "name" },
                  ]),
              ...(totalsBy.startsWith("economic") ? [{ title: "对应政府预算经济分类", key: "gov", render: (_: unknown, r: TotalRow) => (r.governmentClasses ?? []).map((c) => <Tag key={c.code}>{c.code} {c.name}</Tag>) }] : []),
              { title: "条数", dataIndex: "lineCount", width: 80, align: "right" },
              { title: "申报数", dataIndex: "requested", width: 160, align: "right", render: yuan },
              { title: "审核数", dataIndex: "approved", width: 160, align: "right", render: yuan },
            ]} />
          </Card>
        </Space>
      )}
      {adding && round && <AddLineModal roundId={round.id} onClose={() => setAdding(false)} onDone={() => { setAdding(false); reload(); }} />}
      {editing && round && <AddLineModal roundId={round.id} editing={editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); void message.success("已重新提交，等待财政所审核"); reload(); }} />}
      {historyOf && <HistoryModal line={historyOf} onClose={() => setHistoryOf(null)} />}
      {approving && round && <ApproveModal round={round} onClose={() => setApproving(false)} onDone={() => { setApproving(false); reload(); }} />}
      {reviewing && (
        <ReviewModal line={reviewing.line} decision={reviewing.decision} onClose={() => setReviewing(null)} onDone={() => { setReviewing(null); reload(); }} />
      )}
    </>
  );
}

/** Enters a new line, or (with `editing`) edits a returned line and submits it again. */
function AddLineModal({ roundId, editing, onClose, onDone }: { roundId: string; editing?: BudgetLine; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Record<string, string>>();
  const [units, setUnits] = useState<{ value: string; label: string }[]>([]);
  const kind = Form.useWatch("expenditureKind", form) as string | undefined;
  const unitId = Form.useWatch("budgetUnitId", form) as string | undefined;
  const [projects, setProjects] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => void budgetApi.units().then((units) => setUnits(units.map((u) => ({ value: u.id, label: u.name })))), []);
  // Project expenditure draws on the unit's library projects whose ex-ante assessment passed.
  useEffect(() => {
    if (kind !== "project" || !unitId) return setProjects([]);
    const controller = new AbortController();
    budgetApi.projects({ budgetUnitId: unitId, status: "passed", pageSize: 100 }, controller.signal).then((p) => setProjects(p.items.map((x) => ({ value: x.id, label: `${x.projectNo} ${x.name}（${x.latestScore ?? "—"}分）` })))).catch(() => undefined);
    return () => controller.abort();
  }, [kind, unitId]);
  const save = (v: Record<string, string>) => {
    const projectId = v.expenditureKind === "project" ? v.projectId : undefined;
    const { budgetUnitId, ...rest } = v;
    return editing ? budgetApi.resubmit(editing.id, { ...rest, projectId }) : budgetApi.addLine(roundId, { ...rest, budgetUnitId, projectId });
  };
  return (
    <FormModal<Record<string, string>>
      form={form}
      title={editing ? "修改退回的申报并重新提交" : "申报预算"}
      okText={editing ? "重新提交" : "提交申报"}
      width={640}
      initialValues={editing ? { ...editing, amount: editing.requested, projectId: editing.projectId ?? undefined } : { expenditureKind: "basic", fundNature: "generalBudget", paymentMethod: "direct" }}
      send={save}
      onDone={onDone}
      onClose={onClose}
    >
      {editing && <Alert type="warning" showIcon title={`财政所退回理由：${editing.reviewNote ?? "—"}`} style={{ marginBottom: 12 }} />}
      <Form.Item name="budgetUnitId" label="预算单位" rules={[{ required: true }]}><Select options={units} showSearch={{ optionFilterProp: "label" }} disabled={!!editing} /></Form.Item>
      <Space wrap>
        <Form.Item name="expenditureKind" label="支出类型"><Select style={{ width: 140 }} options={[{ value: "basic", label: "基本支出" }, { value: "project", label: "项目支出" }]} /></Form.Item>
        {kind === "project" && (
          <Form.Item name="projectId" label="项目库项目" rules={[{ required: true, message: "请选择项目库中评估通过的项目" }]} extra={unitId && projects.length === 0 ? "该单位没有评估通过的项目，请先在项目库入库并完成事前绩效评估" : undefined}>
            <Select style={{ width: 340 }} options={projects} showSearch={{ optionFilterProp: "label" }} placeholder="选择评估通过的项目" />
          </Form.Item>
        )}
      </Space>
      <Space wrap>
        <Form.Item name="functionalCode" label="功能分类（项，7位）" rules={[{ required: true, len: 7 }]}><Input className="xc-mono" style={{ width: 150 }} maxLength={7} /></Form.Item>
        <Form.Item name="economicCode" label="经济分类（款，5位）" rules={[{ required: true, len: 5 }]}><Input className="xc-mono" style={{ width: 150 }} maxLength={5} /></Form.Item>
        <Form.Item name="fundNature" label="资金性质"><Select style={{ width: 160 }} options={Object.entries(fundNatureNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
        <Form.Item name="paymentMethod" label="支付方式"><Select style={{ width: 120 }} options={Object.entries(methodNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
      </Space>
      <Form.Item name="amount" label="申报金额（元）" rules={[{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" }]}><Input style={{ width: 200 }} /></Form.Item>
      {editing && <Form.Item name="note" label="修改说明" rules={[{ required: true, message: "请说明修改内容" }]}><Input.TextArea rows={2} maxLength={500} placeholder="如：已补充农机购置清单，压减申报金额" /></Form.Item>}
    </FormModal>
  );
}

/** The 核减 fields: the amount typed either way, and the change it makes (from, to, difference) shown before saving. */
function CutFields({ line }: { line: BudgetLine }) {
  const mode = (Form.useWatch("mode") as CutMode | undefined) ?? "to";
  const typed = Form.useWatch("amount") as string | undefined;
  const preview = cutPreview(line.requested, typed, mode);
  return (
    <>
      <Form.Item name="mode" label="填写方式">
        <Radio.Group
          optionType="button"
          options={[
            { value: "to", label: "填核减后金额（审核数）" },
            { value: "by", label: "填核减掉的金额" },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="amount"
        label={mode === "to" ? "核减后金额（元）：核减之后同意安排的金额" : "核减金额（元）：从申报数中减去的金额"}
        rules={[{ required: true, message: mode === "to" ? "请填写核减后金额" : "请填写核减金额" }]}
        validateStatus={typed && !preview.ok ? "error" : undefined}
        help={typed && !preview.ok ? preview.message : undefined}
      >
        <Input className="xc-mono" placeholder="如 1,910,000.00" data-testid="cut-amount" />
      </Form.Item>
      <div className="xc-cut-preview" data-testid="cut-preview">
        <div>申报数<strong className="xc-money">{yuan(line.requested)}</strong>元</div>
        <div>→ 审核数<strong className="xc-money">{preview.ok ? yuan(preview.approved) : "—"}</strong>元</div>
        <div>核减<strong className="xc-money" style={{ color: "#cf1322" }}>{preview.ok ? yuan(preview.difference) : "—"}</strong>元{preview.ok && `（${preview.sharePercent}%）`}</div>
      </div>
      {preview.ok && preview.large && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={`核减超过申报数的一半（${preview.sharePercent}%），保存前将再次确认。`} />}
    </>
  );
}

function ReviewModal({ line, decision, onClose, onDone }: { line: BudgetLine; decision: "cut" | "return"; onClose: () => void; onDone: () => void }) {
  const { modal } = App.useApp();
  const send = async (v: { mode?: CutMode; amount?: string; note: string }) => {
    if (decision === "return") return budgetApi.review(line.id, { decision, note: v.note });
    const preview = cutPreview(line.requested, v.amount, v.mode ?? "to");
    if (!preview.ok) throw new ApiError(400, "VALIDATION_FAILED", preview.message, [{ path: "amount", message: preview.message }]);
    if (preview.large) {
      const confirmed = await modal.confirm({
        title: "确认大幅核减？",
        content: `申报 ${yuan(preview.requested)} 元，核减 ${yuan(preview.difference)} 元（${preview.sharePercent}%），审核数为 ${yuan(preview.approved)} 元。`,
        okText: "确认核减",
        cancelText: "返回修改",
      });
      // Back to the form, nothing sent: an abort is not reported as an error.
      if (!confirmed) throw new DOMException("核减未确认", "AbortError");
    }
    return budgetApi.review(line.id, { decision, approvedAmount: preview.approved, note: v.note });
  };
  return (
    <FormModal<{ mode?: CutMode; amount?: string; note: string }>
      title={decision === "cut" ? `核减：${line.budgetUnitName}（申报 ${yuan(line.requested)} 元）` : `退回：${line.budgetUnitName}`}
      okText={decision === "cut" ? "确定核减" : "确定退回"}
      initialValues={{ mode: "to" }}
      width={560}
      send={send}
      onDone={onDone}
      onClose={onClose}
    >
      {decision === "cut" && <CutFields line={line} />}
      <Form.Item name="note" label={decision === "cut" ? "核减理由" : "退回理由"} rules={[{ required: true, message: "请说明理由" }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
    </FormModal>
  );
}

function ApproveModal({ round, onClose, onDone }: { round: BudgetRound; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal<Record<string, string>>
      title="登记乡镇人民代表大会批准"
      okText="登记"
      width={600}
      initialValues={{ approvedTotal: round.approvedTotal, resolvedOn: `${round.fiscalYear}-01-15` }}
      send={(v) => budgetApi.approve(round.id, v)}
      onDone={onDone}
      onClose={onClose}
    >
      {round.pendingCount > 0 && <Alert type="warning" showIcon title={`还有 ${round.pendingCount} 条申报未审核，须全部审核后才能登记批准。`} style={{ marginBottom: 12 }} />}
      <Form.Item name="session" label="会议" rules={[{ required: true }]}><Input placeholder="如 青禾镇第十八届人民代表大会第四次会议" /></Form.Item>
      <Space wrap>
        <Form.Item name="resolutionNo" label="决议文号" rules={[{ required: true }]}><Input style={{ width: 220 }} /></Form.Item>
        <Form.Item name="resolvedOn" label="决议日期" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}><Input style={{ width: 140 }} /></Form.Item>
        <Form.Item name="approvedTotal" label="批准支出总额（元）" rules={[{ required: true }]} extra="须与草案审核合计一致"><Input style={{ width: 200 }} /></Form.Item>
      </Space>
    </FormModal>
  );
}

const lineEventNames: Record<BudgetLineEvent["kind"], { label: string; color: string }> = {
  requested: { label: "申报", color: "blue" },
  accepted: { label: "同意", color: "green" },
  cut: { label: "核减", color: "orange" },
  returned: { label: "退回", color: "red" },
  resubmitted: { label: "修改后重新提交", color: "blue" },
};
const changedFieldNames: Record<string, string> = { expenditureKind: "支出类型", projectName: "项目名称", functionalCode: "功能分类", economicCode: "经济分类", fundNature: "资金性质", paymentMethod: "支付方式", requested: "申报金额", projectId: "项目库项目" };

/** The review history of a line: every submission and review, oldest first, never overwritten. */
function HistoryModal({ line, onClose }: { line: BudgetLine; onClose: () => void }) {
  const [events, setEvents] = useState<BudgetLineEvent[] | null>(null);
  const report = useApiError();
  useEffect(() => {
    const controller = new AbortController();
    budgetApi.lineHistory(line.id, controller.signal).then(setEvents).catch(report);
    return () => controller.abort();
  }, [line.id, report]);
  return (
    <Modal open title={`审核记录：${line.budgetUnitName} ${line.projectName ?? "基本支出"}`} footer={null} onCancel={onClose} width={620}>
      <Timeline
        style={{ marginTop: 16 }}
        items={(events ?? []).map((e) => ({
          color: lineEventNames[e.kind].color,
          content: (
            <div>
              <strong>{lineEventNames[e.kind].label}</strong>（第{e.submission}次提交）· {e.actorName} · {new Date(e.at).toLocaleString("zh-CN")}
              <div>申报 {yuan(e.requested)} 元{e.approved !== null && `，审核 ${yuan(e.approved)} 元`}</div>
              {e.note && <div>意见：{e.note}</div>}
              {e.changes && Object.keys(e.changes).length > 0 && <div>修改：{Object.entries(e.changes).map(([k, c]) => `${changedFieldNames[k] ?? k} ${String(c.before ?? "—")} → ${String(c.after ?? "—")}`).join("；")}</div>}
            </div>
          ),
        }))}
      />
    </Modal>
  );
}
