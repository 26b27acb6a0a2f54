// One roster: its state and totals, the lines with their findings (the township reviewer notes
// the warnings), the public notice and objections, and payment (indicator, batches, bank files,
// bank results, card corrections, recoveries). Moves along the flow through the flow drawer.
import { DownloadOutlined, PlusOutlined, PrinterOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Table, Tabs, Tag, Upload, type TableColumnsType } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { useAuth } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { useAction } from "../../lib/useSubmit.ts";
import { FormModal } from "../../components/FormModal.tsx";
import { BANKS, bankName, FINDING_NAMES, LINE_STATUS, ROSTER_STATUS } from "./labels.ts";
import { FindingsModal } from "./RostersPage.tsx";
import { subsidyApi, type Batch, type Line, type LineAnswer, type LineInput, type Objection, type Page, type Roster, type RosterTask, type RowFinding } from "./subsidyApi.ts";
import { formatYuanText, moneyColumn } from "../../lib/money.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

export default function RosterDetailPage() {
  const { id = "" } = useParams();
  const { can } = useAuth();
  const report = useApiError();
  const [roster, setRoster] = useState<Roster | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    subsidyApi.roster(id).then(setRoster, report);
  }, [id, version, report]);
  if (!roster) return null;
  const status = ROSTER_STATUS[roster.status];
  return (
    <>
      <PageHeader
        title={`${roster.villageName ?? "全镇"} · ${roster.itemName} · ${roster.period}`}
        description={<Space><Tag color={status.color}>{status.label}</Tag>{roster.sourceName}</Space>}
        extra={
          <Space>
            <Link to={`/subsidy/rosters/${roster.id}/notice`}><Button icon={<PrinterOutlined />}>公示表</Button></Link>
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={4}>
          <Descriptions.Item label="人数">{roster.lineCount}</Descriptions.Item>
          <Descriptions.Item label="金额"><span className="xc-money">{formatYuanText(roster.total)}</span> 元</Descriptions.Item>
          <Descriptions.Item label="错误">{roster.errorCount}</Descriptions.Item>
          <Descriptions.Item label="提示">{roster.warningCount}</Descriptions.Item>
          <Descriptions.Item label="公示期">{roster.noticeStartsOn ? `${roster.noticeStartsOn} 至 ${roster.noticeEndsOn}` : "—"}</Descriptions.Item>
          <Descriptions.Item label="支出指标">{roster.indicatorId ?? "未指定"}</Descriptions.Item>
          <Descriptions.Item label="指标占用">{roster.reservationId ? "已占用" : "—"}</Descriptions.Item>
          <Descriptions.Item label="导入时间">{formatDateTime(roster.createdAt)}</Descriptions.Item>
        </Descriptions>
        {roster.status === "draft" && roster.errorCount > 0 && <Alert style={{ marginTop: 12 }} type="error" showIcon message={`清册有 ${roster.errorCount} 项错误，请逐行修改（或改正 Excel 后重新导入），再提交审核。`} />}
        {roster.status === "draft" && can("subsidy.enter") && <ReplaceFile roster={roster} onDone={reload} />}
      </Card>
      <FlowPanel roster={roster} version={version} onChanged={reload} />
      <Tabs
        items={[
          { key: "lines", label: "清册明细", children: <LinesTab roster={roster} version={version} onChanged={reload} /> },
          { key: "objections", label: "公示异议", children: <ObjectionsTab roster={roster} onChanged={reload} /> },
          { key: "payment", label: "发放", children: <PaymentTab roster={roster} version={version} onChanged={reload} /> },
        ]}
      />
    </>
  );
}

function ReplaceFile({ roster, onDone }: { roster: Roster; onDone: () => void }) {
  const report = useApiError();
  const [result, setResult] = useState<{ roster: Roster; findings: RowFinding[] } | null>(null);
  return (
    <div style={{ marginTop: 12 }}>
      <Upload
        accept=".xlsx"
        showUploadList={false}
        beforeUpload={(file) => {
          subsidyApi.replaceRosterFile(roster.id, file).then((r) => {
            setResult(r);
            onDone();
          }, report);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />}>重新导入改正后的清册</Button>
      </Upload>
      {result && <FindingsModal result={result} onClose={() => setResult(null)} />}
    </div>
  );
}

function LinesTab({ roster, version, onChanged }: { roster: Roster; version: number; onChanged: () => void }) {
  const { can } = useAuth();
  const report = useApiError();
  const [filter, setFilter] = useState<{ findings?: string; status?: string; q?: string }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<Line> | null>(null);
  const [noting, setNoting] = useState<Line | null>(null);
  const [card, setCard] = useState<Line | null>(null);
  const [entering, setEntering] = useState<Line | "new" | null>(null);
  const { message } = App.useApp();
  const entry = roster.status === "draft" && can("subsidy.enter");
  const remove = (l: Line) =>
    subsidyApi.deleteLine(roster.id, l.lineNo).then(() => {
      void message.success(`已删除第 ${l.lineNo} 行`);
      onChanged();
    }, report);
  useEffect(() => {
    subsidyApi.lines(roster.id, { ...filter, ...page }).then(setData, report);
  }, [roster.id, filter, page, version, report]);
  const columns: TableColumnsType<Line> = [
    { title: "行号", dataIndex: "lineNo", width: 60 },
    { title: "姓名", dataIndex: "name", width: 90, render: (n: string, l) => (l.withdrawn ? <s>{n}</s> : n || <Tag color="red">空</Tag>) },
    { title: "身份证号", dataIndex: "residentIdMasked", width: 190, render: (v: string) => <span className="xc-mono">{v}</span> },
    { title: "银行卡号", dataIndex: "cardMasked", width: 100, render: (v: string) => <span className="xc-mono">{v}</span> },
    { title: "村（居）", dataIndex: "villageName", width: 90 },
    { title: "数量", dataIndex: "quantity", width: 70, align: "right" },
    { title: "金额（元）", dataIndex: "amount", width: 100, align: "right", render: (v: string) => <span className="xc-mono">{formatYuanText(v)}</span> },
    {
      title: "检查结果",
      dataIndex: "findings",
      render: (findings: Line["findings"], l) => (
        <Space direction="vertical" size={2}>
          {findings.map((f) => (
            <span key={f.code}>
              <Tag color={f.severity === "error" ? "red" : "orange"}>{FINDING_NAMES[f.code] ?? f.code}</Tag>
              {f.message !== FINDING_NAMES[f.code] && f.message}
            </span>
          ))}
          {l.reviewNote && <span style={{ color: "#389e0d" }}>审核意见：{l.reviewNote}</span>}
          {l.openObjections > 0 && <Tag color="volcano">有异议待处理</Tag>}
        </Space>
      ),
    },
    { title: "发放", dataIndex: "status", width: 110, render: (s: Line["status"], l) => (l.withdrawn ? <Tag>已撤出</Tag> : <Tag color={LINE_STATUS[s].color} title={l.failReason ?? undefined}>{LINE_STATUS[s].label}</Tag>) },
    {
      title: "操作",
      key: "ops",
      width: 160,
      render: (_: unknown, l) => (
        <Space size={0}>
          {l.findings.some((f) => f.severity === "warning") && ["villageReview", "townshipReview"].includes(roster.status) && can("subsidy.townshipReview") && (
            <Button type="link" size="small" onClick={() => setNoting(l)}>审核意见</Button>
          )}
          {(l.status === "failed" || (roster.status === "payment" && l.status === "unpaid")) && can("subsidy.pay") && (
            <Button type="link" size="small" onClick={() => setCard(l)}>改卡</Button>
          )}
          {entry && <Button type="link" size="small" onClick={() => setEntering(l)}>修改</Button>}
          {entry && (
            <Popconfirm title={`删除第 ${l.lineNo} 行 ${l.name}？`} okText="删除" cancelText="取消" onConfirm={() => remove(l)}>
              <Button type="link" size="small" danger>删除</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card>
      <Space style={{ marginBottom: 12 }} wrap>
        <Radio.Group
          value={filter.findings ?? ""}
          onChange={(e) => {
            setFilter({ ...filter, findings: e.target.value || undefined });
            setPage({ ...page, page: 1 });
          }}
          options={[{ value: "", label: "全部" }, { value: "error", label: "有错误" }, { value: "warning", label: "有提示" }]}
          optionType="button"
        />
        <Select allowClear placeholder="发放状态" style={{ width: 130 }} value={filter.status} onChange={(v?: string) => setFilter({ ...filter, status: v })} options={Object.entries(LINE_STATUS).map(([value, s]) => ({ value, label: s.label }))} />
        <Input.Search allowClear placeholder="姓名" style={{ width: 180 }} onSearch={(q) => setFilter({ ...filter, q: q || undefined })} />
        <DownloadButton download={() => subsidyApi.exportLines(roster.id, filter)}>导出 Excel</DownloadButton>
        {entry && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering("new")}>添加人员</Button>}
      </Space>
      <Table<Line>
        rowKey="lineNo"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        rowClassName={(l) => (l.findings.some((f) => f.severity === "error") ? "xc-row-overdue" : "")}
        pagination={{ current: page.page, pageSize: page.pageSize, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 行`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        scroll={{ x: 1200 }}
      />
      {noting && (
        <TextModal
          title={`第 ${noting.lineNo} 行 ${noting.name}：审核意见`}
          label="审核意见（如：经核实，村干部本人承包地，面积无误）"
          onClose={() => setNoting(null)}
          onSubmit={(note) => subsidyApi.noteLine(roster.id, noting.lineNo, note)}
          onDone={() => { setNoting(null); onChanged(); }}
        />
      )}
      {card && <CardModal roster={roster} line={card} onClose={() => setCard(null)} onDone={() => { setCard(null); onChanged(); }} />}
      {entering && <LineModal roster={roster} line={entering === "new" ? null : entering} onClose={() => setEntering(null)} onDone={() => { setEntering(null); onChanged(); }} />}
    </Card>
  );
}

/** Adds or changes one person of a roster being entered; the server runs the import's row checks. */
function LineModal({ roster, line, onClose, onDone }: { roster: Roster; line: Line | null; onClose: () => void; onDone: () => void }) {
  const { modal } = App.useApp();
  const save = (values: LineInput) => {
    const body: Partial<LineInput> = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v.trim() : ""]));
    if (line && !body.residentId) delete body.residentId;
    if (line && !body.card) delete body.card;
    return line ? subsidyApi.updateLine(roster.id, line.lineNo, body as LineInput) : subsidyApi.addLine(roster.id, body as LineInput);
  };
  const saved = (answer: LineAnswer) => {
    if (answer.findings.length === 0) return `第 ${answer.line.lineNo} 行已保存，检查通过`;
    modal.warning({ title: `第 ${answer.line.lineNo} 行已保存，检查发现 ${answer.findings.length} 项问题`, content: <ul style={{ paddingLeft: 18 }}>{answer.findings.map((f) => <li key={f.code}><Tag color={f.severity === "error" ? "red" : "orange"}>{FINDING_NAMES[f.code] ?? f.code}</Tag>{f.message}</li>)}</ul> });
    return undefined;
  };
  const initial = line ? { name: line.name, bank: line.bankName, village: line.villageName, quantity: line.quantity, standard: line.standard ?? "", amount: line.amount, remark: line.remark } : { village: roster.villageName ?? "" };
  return (
    <FormModal<LineInput, LineAnswer> width={640} title={line ? `修改第 ${line.lineNo} 行：${line.name}` : "添加人员"} okText="保存并检查" initialValues={initial} send={save} success={saved} onDone={onDone} onClose={onClose}>
        <Space style={{ display: "flex" }} align="start">
          <Form.Item name="name" label="姓名" style={{ width: 160 }}><Input maxLength={50} /></Form.Item>
          <Form.Item name="residentId" label={line ? `身份证号（现为 ${line.residentIdMasked}，不改请留空）` : "身份证号"} style={{ width: 360 }} rules={line ? [] : [{ required: true, whitespace: true, message: "请输入身份证号" }]}>
            <Input maxLength={18} className="xc-mono" autoComplete="off" />
          </Form.Item>
        </Space>
        <Space style={{ display: "flex" }} align="start">
          <Form.Item name="card" label={line ? `银行卡号（现为 ${line.cardMasked || "无"}，不改请留空）` : "银行卡号"} style={{ width: 300 }} rules={line ? [] : [{ required: true, whitespace: true, message: "请输入银行卡号" }]}>
            <Input maxLength={23} className="xc-mono" autoComplete="off" />
          </Form.Item>
          <Form.Item name="bank" label="开户银行" style={{ width: 220 }}><Input maxLength={50} /></Form.Item>
        </Space>
        <Space style={{ display: "flex" }} align="start">
          <Form.Item name="village" label="村（居）" style={{ width: 140 }}><Input maxLength={50} /></Form.Item>
          <Form.Item name="quantity" label="数量" style={{ width: 100 }}><Input maxLength={20} /></Form.Item>
          <Form.Item name="standard" label="补贴标准（元）" style={{ width: 130 }}><Input maxLength={20} /></Form.Item>
          <Form.Item name="amount" label="补贴金额（元）" style={{ width: 130 }} rules={[{ required: true, whitespace: true, message: "请输入金额" }]}><Input maxLength={20} /></Form.Item>
        </Space>
        <Form.Item name="remark" label="备注"><Input maxLength={200} /></Form.Item>
    </FormModal>
  );
}

function TextModal({ title, label, success, onClose, onSubmit, onDone }: { title: string; label: string; success?: string; onClose: () => void; onSubmit: (text: string) => Promise<unknown>; onDone: () => void }) {
  return (
    <FormModal<{ text: string }> title={title} send={(v) => onSubmit(v.text.trim())} success={success} onDone={onDone} onClose={onClose}>
      <Form.Item name="text" label={label} rules={[{ required: true, whitespace: true, message: "请填写" }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}

function CardModal({ roster, line, onClose, onDone }: { roster: Roster; line: Line; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal<{ card: string; bankName?: string; accountType: "card" | "passbook" }>
      title={`改正银行卡号：${line.name}（原卡 ${line.cardMasked}）`}
      initialValues={{ accountType: "card", bankName: line.bankName }}
      send={(v) => subsidyApi.correctCard(roster.id, line.lineNo, v)}
      success="已改卡，将在下一个重发批次中发放"
      onDone={onDone}
      onClose={onClose}
    >
      {line.failReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`银行回盘：${line.failReason}`} />}
      <Form.Item name="card" label="新的银行卡号" rules={[{ required: true, pattern: /^[0-9 ]{15,23}$/, message: "15-19 位数字" }]}>
        <Input maxLength={23} className="xc-mono" autoComplete="off" />
      </Form.Item>
      <Form.Item name="bankName" label="开户银行"><Input maxLength={50} /></Form.Item>
      <Form.Item name="accountType" label="账户类型"><Radio.Group options={[{ value: "card", label: "银行卡/社保卡" }, { value: "passbook", label: "存折" }]} /></Form.Item>
    </FormModal>
  );
}

function ObjectionsTab({ roster, onChanged }: { roster: Roster; onChanged: () => void }) {
  const { can } = useAuth();
  const report = useApiError();
  const [items, setItems] = useState<Objection[]>([]);
  const [version, setVersion] = useState(0);
  const [recording, setRecording] = useState(false);
  const [resolving, setResolving] = useState<Objection | null>(null);
  useEffect(() => {
    subsidyApi.objections(roster.id).then(setItems, report);
  }, [roster.id, version, report]);
  const done = () => { setVersion((v) => v + 1); onChanged(); };
  return (
    <Card
      title="公示期内登记的异议"
      extra={roster.status === "notice" && can("subsidy.enter") && <Button onClick={() => setRecording(true)}>登记异议</Button>}
    >
      <Table<Objection>
        rowKey="id"
        size="small"
        dataSource={items}
        pagination={false}
        locale={{ emptyText: "没有异议" }}
        columns={[
          { title: "行号", dataIndex: "lineNo", width: 60 },
          { title: "被反映人", dataIndex: "name", width: 90 },
          { title: "反映人", dataIndex: "raisedBy", width: 110 },
          { title: "异议理由", dataIndex: "reason" },
          { title: "登记时间", dataIndex: "raisedAt", width: 150, render: (v: string) => formatDateTime(v) },
          { title: "处理结果", key: "outcome", width: 240, render: (_: unknown, o) => (o.outcome ? <span><Tag color={o.outcome === "upheld" ? "red" : "green"}>{o.outcome === "upheld" ? "异议成立，撤出" : "异议不成立"}</Tag>{o.outcomeNote}</span> : <Tag color="volcano">待处理（暂停发放）</Tag>) },
          { title: "操作", key: "ops", width: 80, render: (_: unknown, o) => !o.outcome && can("subsidy.townshipReview") && <Button type="link" size="small" onClick={() => setResolving(o)}>处理</Button> },
        ]}
      />
      {recording && <RecordObjection roster={roster} onClose={() => setRecording(false)} onDone={() => { setRecording(false); done(); }} />}
      {resolving && <ResolveObjection objection={resolving} onClose={() => setResolving(null)} onDone={() => { setResolving(null); done(); }} />}
    </Card>
  );
}

function RecordObjection({ roster, onClose, onDone }: { roster: Roster; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal<{ lineNo: number; raisedBy: string; reason: string }> title="登记异议" okText="登记" send={(v) => subsidyApi.recordObjection(roster.id, v)} onDone={onDone} onClose={onClose}>
      <Form.Item name="lineNo" label="清册行号" rules={[{ required: true, message: "请填写行号" }]}><InputNumber min={1} style={{ width: 120 }} /></Form.Item>
      <Form.Item name="raisedBy" label="反映人（实名）" rules={[{ required: true, whitespace: true, message: "请填写反映人" }]}><Input maxLength={50} /></Form.Item>
      <Form.Item name="reason" label="异议理由" rules={[{ required: true, whitespace: true, message: "请填写理由" }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
    </FormModal>
  );
}

function ResolveObjection({ objection, onClose, onDone }: { objection: Objection; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal<{ outcome: "upheld" | "dismissed"; note: string }> title={`处理异议：第 ${objection.lineNo} 行 ${objection.name}`} initialValues={{ outcome: "dismissed" }} send={(v) => subsidyApi.resolveObjection(objection.id, v)} onDone={onDone} onClose={onClose}>
      <Form.Item name="outcome" label="核实结果"><Radio.Group options={[{ value: "dismissed", label: "异议不成立，照常发放" }, { value: "upheld", label: "异议成立，撤出本期发放" }]} /></Form.Item>
      <Form.Item name="note" label="核实情况" rules={[{ required: true, whitespace: true, message: "请填写核实情况" }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
    </FormModal>
  );
}

function PaymentTab({ roster, version, onChanged }: { roster: Roster; version: number; onChanged: () => void }) {
  const { can } = useAuth();
  const report = useApiError();
  const { message, modal } = App.useApp();
  const [batches, setBatches] = useState<Batch[]>([]);
  const [bank, setBank] = useState("RCB");
  const [indicator, setIndicator] = useState("");
  useEffect(() => {
    subsidyApi.batches({ rosterId: roster.id, pageSize: 100 }).then((p) => setBatches(p.items), report);
  }, [roster.id, version, report]);
  // One key per kind of batch: a retried click (its answer lost) replays the batch already made.
  const batchMade = { success: (b: Batch) => `已生成批次 ${b.batchNo}：${b.lineCount} 人，${formatYuanText(b.total)} 元`, onDone: onChanged };
  const makeFirst = useAction((key) => subsidyApi.createBatch(roster.id, { bankCode: bank, kind: "first" }, key), batchMade);
  const makeRepayment = useAction((key) => subsidyApi.createBatch(roster.id, { bankCode: bank, kind: "repayment" }, key), batchMade);
  const importResult = useAction((key, batch: Batch, file: File) => subsidyApi.importResult(batch.id, file, key), {
    onDone: (r) => {
      modal.info({ title: "回盘已导入", content: `共 ${r.lines} 行：新成功 ${r.newlyPaid} 人（${formatYuanText(r.paidAmount)} 元），新失败 ${r.newlyFailed} 人，已导入过 ${r.alreadyKnown} 行${r.duplicatePayments ? `，重复支付 ${r.duplicatePayments} 笔已登记追回` : ""}。` });
      onChanged();
    },
  });
  return (
    <Card>
      {can("subsidy.manage") && !roster.reservationId && (
        <Space style={{ marginBottom: 16 }}>
          <span>支出指标编号：</span>
          <Input style={{ width: 340 }} value={indicator} onChange={(e) => setIndicator(e.target.value)} placeholder={roster.indicatorId ?? "预算指标编号（区财政审核通过时占用）"} />
          <Button disabled={!indicator.trim()} onClick={() => subsidyApi.setIndicator(roster.id, indicator.trim()).then(() => { void message.success("已指定支出指标"); onChanged(); }, report)}>指定</Button>
        </Space>
      )}
      {roster.status === "payment" && can("subsidy.pay") && (
        <Space style={{ marginBottom: 16 }} wrap>
          <Select value={bank} onChange={setBank} options={BANKS} style={{ width: 220 }} />
          <Button type="primary" loading={makeFirst.running} onClick={() => void makeFirst.run()}>生成发放批次</Button>
          <Button loading={makeRepayment.running} onClick={() => void makeRepayment.run()}>生成重发批次（失败改卡后）</Button>
        </Space>
      )}
      <Table<Batch>
        rowKey="id"
        size="small"
        dataSource={batches}
        pagination={false}
        locale={{ emptyText: "尚无发放批次" }}
        columns={[
          { title: "批次号", dataIndex: "batchNo", render: (v: string) => <span className="xc-mono">{v}</span> },
          { title: "类别", dataIndex: "kind", width: 80, render: (k: string) => (k === "first" ? "首次发放" : "重发") },
          { title: "代发银行", dataIndex: "bankCode", width: 120, render: (code: string) => bankName(code) },
          { title: "人数", dataIndex: "lineCount", width: 60, align: "right" },
          { title: "金额（元）", dataIndex: "total", width: 110, ...moneyColumn },
          { title: "成功/失败/待回盘", key: "r", width: 150, render: (_: unknown, b) => <Space size={4}><Tag color="green">{b.paidCount}</Tag><Tag color="red">{b.failedCount}</Tag><Tag>{b.pendingCount}</Tag></Space> },
          { title: "生成时间", dataIndex: "createdAt", width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: "操作",
            key: "ops",
            width: 230,
            render: (_: unknown, b) =>
              can("subsidy.pay") && (
                <Space>
                  <Button size="small" icon={<DownloadOutlined />} onClick={() => void subsidyApi.downloadBatchFile(b).catch(report)}>银行文件</Button>
                  <Upload
                    accept=".xlsx,.csv"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void importResult.run(b, file);
                      return false;
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />}>导入回盘</Button>
                  </Upload>
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** Where the roster stands in its flow, the moves the user may make now, and the history. */
function FlowPanel({ roster, version, onChanged }: { roster: Roster; version: number; onChanged: () => void }) {
  const report = useApiError();
  const [task, setTask] = useState<RosterTask | null>(null);
  const [asking, setAsking] = useState<RosterTask["actions"][number] | null>(null);
  useEffect(() => {
    subsidyApi.flow(roster.id).then(setTask, report);
  }, [roster.id, version, report]);
  const move = (state: string, action: string, note?: string) => subsidyApi.move(roster.id, { action, expectedState: state, ...(note ? { note } : {}) });
  const moved = () => {
    setAsking(null);
    onChanged();
  };
  const act = useAction((_key, state: string, action: string) => move(state, action), { success: "已办理", onDone: moved });
  if (!task) return null;
  return (
    <Card size="small" style={{ marginBottom: 16 }} title={<Space>当前环节：<Tag color="blue">{task.stateName}</Tag>{task.deadlineAt && <span style={{ color: task.overdue ? "#cf1322" : "#8c8c8c", fontWeight: 400 }}>办结时限 {formatDateTime(task.deadlineAt)}{task.overdue ? "（已超期）" : ""}</span>}</Space>}>
      <Space wrap style={{ marginBottom: task.history.length ? 12 : 0 }}>
        {task.actions.length === 0 && <span style={{ color: "#8c8c8c" }}>本环节不由您办理。</span>}
        {task.actions.map((a) => (
          <Button key={a.action} type={/return|reject/i.test(a.action) ? "default" : "primary"} danger={/return|reject/i.test(a.action)} onClick={() => (a.noteRequired ? setAsking(a) : void act.run(task.state, a.action))}>
            {a.label}
          </Button>
        ))}
      </Space>
      <div style={{ color: "#595959", fontSize: 13 }}>
        {task.history.map((h, i) => (
          <div key={i}>{`${formatDateTime(h.at)}  ${h.actorName}  ${h.actionLabel}`}{h.note ? `：${h.note}` : ""}</div>
        ))}
      </div>
      {asking && <TextModal title={asking.label} label="意见" success="已办理" onClose={() => setAsking(null)} onSubmit={(note) => move(task.state, asking.action, note)} onDone={moved} />}
    </Card>
  );
}
