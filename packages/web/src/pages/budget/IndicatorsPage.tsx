// 预算指标: the indicators of the user's scope with issued, reserved (in payments under way), paid
// and available amounts; the full history of each; issuing (from upper-level transfer documents)
// and transfers between indicators (调剂, approved by the director).
import { PlusOutlined, SearchOutlined, SwapOutlined } from "@ant-design/icons";
import { App, Button, Card, Checkbox, Drawer, Descriptions, Form, Input, InputNumber, Progress, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import { useEffect, useState } from "react";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { budgetApi, currentFiscalYear, eventNames, fundNatureNames, indicatorStatus, methodNames, sourceNames, yuan, type Indicator, type IndicatorDetail } from "./budgetApi.ts";
import { IndicatorPicker } from "./IndicatorPicker.tsx";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["q", "fiscalYear", "status"] as const;

/** The execution rate as a whole percentage for the progress bar ("37.52%" → 37). */
const ratePercent = (rate: string) => (/^\d+/.exec(rate) ? Math.min(100, Number(/^\d+/.exec(rate)![0])) : 0);

export default function IndicatorsPage() {
  const { can } = useAuth();
  const query = useListQuery(FILTER_KEYS);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [closing, setClosing] = useState(false);
  const [recording, setRecording] = useState(false);
  const filters = { q: query.filters.q, fiscalYear: query.filters.fiscalYear ?? currentFiscalYear(), status: query.filters.status };
  const list = useRemoteList((signal) => budgetApi.indicators({ ...filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const columns: TableColumnsType<Indicator> = [
    { title: "摘要", dataIndex: "summary", ellipsis: true, render: (s: string, i) => <Button type="link" size="small" onClick={() => setDetailId(i.id)}>{s}</Button> },
    { title: "预算单位", dataIndex: "budgetUnitName", width: 180, ellipsis: true },
    { title: "功能/经济分类", key: "codes", width: 130, render: (_, i) => <span className="xc-mono">{i.functionalCode}/{i.economicCode}</span> },
    { title: "来源", dataIndex: "source", width: 110, render: (s: Indicator["source"], r: Indicator) => (s === "carryOver" && r.originSource !== "approvedBudget" ? `${sourceNames[s]}（${sourceNames[r.originSource]}）` : sourceNames[s]) },
    { title: "支付方式", dataIndex: "paymentMethod", width: 90, render: (m: Indicator["paymentMethod"]) => methodNames[m] },
    { title: "指标数", dataIndex: "issued", width: 130, align: "right", render: yuan },
    { title: "在途", dataIndex: "reserved", width: 120, align: "right", render: yuan },
    { title: "已支付", dataIndex: "paid", width: 130, align: "right", render: yuan },
    { title: "可用", dataIndex: "available", width: 130, align: "right", render: (v: string) => <strong style={{ color: "#389e0d" }}>{yuan(v)}</strong> },
    { title: "执行率", dataIndex: "executionRate", width: 140, render: (r: string) => <Progress percent={ratePercent(r)} size="small" format={() => r} /> },
    { title: "状态", dataIndex: "status", width: 90, render: (s: Indicator["status"]) => <Tag color={indicatorStatus[s].color}>{indicatorStatus[s].label}</Tag> },
  ];
  return (
    <>
      <PageHeader
        title="预算指标"
        description="指标数 = 在途（已占用）+ 已支付 + 可用；每一次下达、调整、调剂、支付和结转都记为指标的一条变动记录。"
        extra={
          <Space>
            <DownloadButton download={() => budgetApi.exportIndicators(filters)}>导出 Excel</DownloadButton>
            {can("budget.approve") && <Button onClick={() => setRecording(true)}>登记调整决议</Button>}
            {can("indicator.manage") && <Button onClick={() => setClosing(true)}>年终结转</Button>}
            {can("indicator.manage") && <Button icon={<SwapOutlined />} onClick={() => setTransferring(true)}>指标调剂</Button>}
            {can("indicator.manage") && <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)}>下达指标</Button>}
          </Space>
        }
      />
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={{ fiscalYear: String(currentFiscalYear()), ...query.filters }} onFinish={(v: Record<string, string | undefined>) => query.setFilters(v)}>
          <Form.Item name="q"><Input allowClear placeholder="摘要、文号或预算单位" prefix={<SearchOutlined />} style={{ width: 240 }} /></Form.Item>
          <Form.Item name="fiscalYear"><Select style={{ width: 110 }} options={[-2, -1, 0, 1].map((d) => ({ value: String(currentFiscalYear() + d), label: `${currentFiscalYear() + d}年度` }))} /></Form.Item>
          <Form.Item name="status"><Select allowClear placeholder="全部状态" style={{ width: 120 }} options={Object.entries(indicatorStatus).map(([value, s]) => ({ value, label: s.label }))} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
        </Form>
        <Table<Indicator> rowKey="id" size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} scroll={{ x: 1500 }} locale={{ emptyText: "暂无指标" }} />
      </Card>
      <IndicatorDrawer id={detailId} onClose={() => setDetailId(null)} onChanged={list.reload} />
      {closing && <YearEndModal onClose={() => setClosing(false)} onDone={() => { setClosing(false); list.reload(); }} />}
      {recording && <ResolutionModal onClose={() => setRecording(false)} />}
      {issuing && <IssueModal onClose={() => setIssuing(false)} onDone={() => { setIssuing(false); list.reload(); }} />}
      {transferring && <TransferModal onClose={() => setTransferring(false)} onDone={() => { setTransferring(false); list.reload(); }} />}
    </>
  );
}

function IndicatorDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { can } = useAuth();
  const [detail, setDetail] = useState<IndicatorDetail | null>(null);
  const [adjusting, setAdjusting] = useState(false);
  const [counter, setCounter] = useState(0);
  const report = useApiError();
  useEffect(() => {
    if (id === null) return setDetail(null);
    const controller = new AbortController();
    budgetApi.indicator(id, controller.signal).then(setDetail).catch(report);
    return () => controller.abort();
  }, [id, report, counter]);
  return (
    <Drawer open={id !== null} onClose={onClose} size={960} title={detail ? `指标：${detail.summary}` : "指标"} destroyOnHidden
      extra={detail && detail.status === "active" && can("indicator.manage") && <Button onClick={() => setAdjusting(true)}>预算调整</Button>}>
      {adjusting && detail && <AdjustModal indicator={detail} onClose={() => setAdjusting(false)} onDone={() => { setAdjusting(false); setCounter((c) => c + 1); onChanged(); }} />}
      {detail && (
        <>
          <Descriptions bordered size="small" column={3} items={[
            { key: "u", label: "预算单位", children: detail.budgetUnitName },
            { key: "d", label: "指标文号", children: detail.documentNo },
            { key: "y", label: "年度", children: `${detail.fiscalYear}（资金年度 ${detail.originYear}）` },
            { key: "f", label: "功能分类", children: detail.functionalCode },
            { key: "e", label: "经济分类", children: detail.economicCode },
            { key: "n", label: "资金性质", children: fundNatureNames[detail.fundNature] },
            { key: "i", label: "指标数", children: yuan(detail.issued) },
            { key: "p", label: "已支付", children: yuan(detail.paid) },
            { key: "a", label: "可用", children: <strong>{yuan(detail.available)}</strong> },
          ]} />
          <h3 style={{ marginTop: 16 }}>变动记录（只增不改）</h3>
          <Table size="small" rowKey="seq" pagination={false} dataSource={detail.history} scroll={{ x: 1300, y: 420 }} columns={[
            { title: "#", dataIndex: "seq", width: 50 },
            { title: "时间", dataIndex: "at", width: 140, render: (at: string) => formatDateTime(at) },
            { title: "事项", dataIndex: "kind", width: 90, render: (k: string) => eventNames[k] ?? k },
            { title: "金额", dataIndex: "amount", width: 120, align: "right", render: yuan },
            { title: "指标数", dataIndex: "issuedAfter", width: 120, align: "right", render: yuan },
            { title: "在途", dataIndex: "reservedAfter", width: 110, align: "right", render: yuan },
            { title: "已支付", dataIndex: "paidAfter", width: 120, align: "right", render: yuan },
            { title: "可用", dataIndex: "availableAfter", width: 120, align: "right", render: yuan },
            { title: "依据/说明", key: "doc", width: 240, render: (_, e) => [e.document, e.note].filter(Boolean).join("；") || "—" },
            { title: "经办人", dataIndex: "actorName", width: 80 },
          ]} />
        </>
      )}
    </Drawer>
  );
}

function IssueModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const me = useMe();
  const [units, setUnits] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    void budgetApi.units().then((units) => setUnits(units.map((u) => ({ value: u.id, label: u.name })))).catch(() => undefined);
  }, []);
  return (
    <FormModal<Record<string, string | number>>
      title="下达指标（上级转移支付）"
      okText="下达"
      width={640}
      initialValues={{ fiscalYear: currentFiscalYear(), source: "upperTransfer", fundNature: "upperTransfer", paymentMethod: "direct" }}
      send={(v, key) => budgetApi.issue({ ...v, regionCode: me.regionCode, fiscalYear: Number(v.fiscalYear), amount: String(v.amount) }, key)}
      success="指标已下达"
      onDone={onDone}
      onClose={onClose}
    >
      <Space wrap>
        <Form.Item name="fiscalYear" label="年度" rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
        <Form.Item name="source" label="来源"><Select style={{ width: 160 }} options={[{ value: "upperTransfer", label: "上级转移支付" }, { value: "approvedBudget", label: "年初预算" }]} /></Form.Item>
        <Form.Item name="documentNo" label="文号" rules={[{ required: true, message: "请输入指标文号" }]}><Input style={{ width: 220 }} placeholder="如 苏财农〔2026〕18号" /></Form.Item>
      </Space>
      <Form.Item name="budgetUnitId" label="预算单位" rules={[{ required: true, message: "请选择预算单位" }]}><Select options={units} showSearch={{ optionFilterProp: "label" }} /></Form.Item>
      <Space wrap>
        <Form.Item name="functionalCode" label="功能分类编码" rules={[{ required: true }]}><Input className="xc-mono" style={{ width: 140 }} maxLength={7} /></Form.Item>
        <Form.Item name="economicCode" label="经济分类编码" rules={[{ required: true }]}><Input className="xc-mono" style={{ width: 140 }} maxLength={5} /></Form.Item>
        <Form.Item name="fundNature" label="资金性质"><Select style={{ width: 160 }} options={Object.entries(fundNatureNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
        <Form.Item name="paymentMethod" label="支付方式"><Select style={{ width: 120 }} options={Object.entries(methodNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
      </Space>
      <Form.Item name="summary" label="摘要" rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
      <Form.Item name="amount" label="金额（元）" rules={[{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" }]}><Input style={{ width: 200 }} /></Form.Item>
    </FormModal>
  );
}

function TransferModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  return (
    <FormModal<{ fromIndicatorId: string; toIndicatorId: string; amount: string; reason: string }>
      title="指标调剂"
      okText="提交所长审批"
      width={640}
      send={(v, key) => budgetApi.transfer(v, key)}
      success="调剂申请已提交所长审批；审批前调出金额处于占用状态"
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="fromIndicatorId" label="调出指标" rules={[{ required: true }]}><IndicatorPicker /></Form.Item>
      <Form.Item name="toIndicatorId" label="调入指标" rules={[{ required: true }]}><IndicatorPicker /></Form.Item>
      <Form.Item name="amount" label="调剂金额（元）" rules={[{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" }]}><Input style={{ width: 200 }} /></Form.Item>
      <Form.Item name="reason" label="调剂原因" rules={[{ required: true }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
    </FormModal>
  );
}

const amountRule = { required: true, pattern: /^-?(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" };

function AdjustModal({ indicator, onClose, onDone }: { indicator: Indicator; onClose: () => void; onDone: () => void }) {
  const [resolutions, setResolutions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    void budgetApi.resolutions({ fiscalYear: indicator.fiscalYear, pageSize: 100 }).then((p) => setResolutions(p.items.filter((r) => r.kind === "budgetAdjustment").map((r) => ({ value: r.id, label: `${r.resolutionNo}（${r.session}，${r.resolvedOn}）` }))));
  }, [indicator.fiscalYear]);
  return (
    <FormModal<{ delta: string; resolutionId: string; note: string; emergency?: boolean }>
      title={`预算调整：${indicator.summary}（可用 ${yuan(indicator.available)} 元）`}
      okText="调整"
      send={(v, key) => budgetApi.adjust(indicator.id, { ...v, emergency: v.emergency === true }, key)}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="resolutionId" label="人大批准调整方案的决议" rules={[{ required: true, message: "预算调整须有人大决议" }]} extra={resolutions.length ? undefined : "尚无该年度的预算调整决议，请人大审查员先登记。"}><Select options={resolutions} /></Form.Item>
      <Form.Item name="delta" label="调整金额（元，调减写负数）" rules={[amountRule]}><Input style={{ width: 200 }} /></Form.Item>
      <Form.Item name="note" label="调整说明" rules={[{ required: true }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      <Form.Item name="emergency" valuePropName="checked" extra="应急支出须先动用预备费（功能分类 227）：预备费尚有可用额度时，请先从预备费指标调剂，不能以预算调整追加。">
        <Checkbox>用于应急（抢险救灾等突发事件）</Checkbox>
      </Form.Item>
    </FormModal>
  );
}

function ResolutionModal({ onClose }: { onClose: () => void }) {
  const me = useMe();
  return (
    <FormModal<Record<string, string | number>>
      title="登记人大预算调整决议"
      okText="登记"
      width={600}
      initialValues={{ fiscalYear: currentFiscalYear(), adjustmentKind: "totalChange" }}
      send={(v) => budgetApi.recordResolution({ ...v, regionCode: me.regionCode, kind: "budgetAdjustment", fiscalYear: Number(v.fiscalYear) })}
      success="预算调整决议已登记"
      onDone={onClose}
      onClose={onClose}
    >
      <Space wrap>
        <Form.Item name="fiscalYear" label="年度" rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
        <Form.Item name="adjustmentKind" label="调整类型"><Select style={{ width: 200 }} options={[{ value: "totalChange", label: "调整预算总支出" }, { value: "stabilisationFund", label: "动用预算稳定调节基金" }, { value: "priorityCut", label: "调减重点支出" }, { value: "borrowing", label: "增加举借债务" }]} /></Form.Item>
      </Space>
      <Form.Item name="session" label="会议" rules={[{ required: true }]}><Input /></Form.Item>
      <Space wrap>
        <Form.Item name="resolutionNo" label="决议文号" rules={[{ required: true }]}><Input style={{ width: 220 }} /></Form.Item>
        <Form.Item name="resolvedOn" label="决议日期" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: "格式 YYYY-MM-DD" }]}><Input style={{ width: 140 }} /></Form.Item>
      </Space>
    </FormModal>
  );
}

function YearEndModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const me = useMe();
  const { modal } = App.useApp();
  return (
    <FormModal<{ fiscalYear: number }, { carriedOver: { count: number; amount: string }; becameBalance: { count: number; amount: string } }>
      title="年终结转与结账"
      okText="结账"
      danger
      initialValues={{ fiscalYear: currentFiscalYear() - 1 }}
      send={(v, key) =>
        budgetApi.closeYear({ regionCode: me.regionCode, fiscalYear: v.fiscalYear }, key).then((result) => {
          modal.success({ title: `${v.fiscalYear} 年度已结账`, content: `结转下年 ${result.carriedOver.count} 个指标 ${yuan(result.carriedOver.amount)} 元；转为结余 ${result.becameBalance.count} 个指标 ${yuan(result.becameBalance.amount)} 元。` });
          return result;
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <p>结账后该年度的指标不能再支付；未用完的指标结转下一年度，一般公共预算资金结转已满两年的转为结余。在途支付须先办结。</p>
      <Form.Item name="fiscalYear" noStyle>
        <Select style={{ width: 140 }} options={[-2, -1, 0].map((d) => ({ value: currentFiscalYear() + d, label: `${currentFiscalYear() + d}年度` }))} />
      </Form.Item>
    </FormModal>
  );
}
