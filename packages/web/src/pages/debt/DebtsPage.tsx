// 债务台账: every debt of the user's scope — bonds on-lent from above, loans, arrears to enterprises,
// other and hidden debt — searchable and filtered, overdue ones marked red; register a debt (its
// schedule previewed from the rules before saving), import many from Excel (every bad row named,
// nothing saved) and export the register.
import { PlusOutlined, SearchOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { ImportSheetModal } from "../../components/ImportSheetModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { debtApi, frequencyNames, kindColours, kindNames, methodNames, yuan, type Debt, type DebtDetail } from "./debtApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["q", "kind", "hidden", "overdue", "regionCode"] as const;

export default function DebtsPage() {
  const { can, me } = useAuth();
  const query = useListQuery(FILTER_KEYS);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const list = useRemoteList((signal) => debtApi.list({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const district = (me?.regionCode ?? "").endsWith("000");
  const columns: TableColumnsType<Debt> = [
    { title: "债务编号", dataIndex: "debtNo", width: 150, render: (n: string, d) => <Link to={`/debt/debts/${d.id}`} className="xc-mono">{n}</Link> },
    ...(district ? [{ title: "乡镇", dataIndex: "regionName", width: 100 }] : []),
    { title: "债务名称", dataIndex: "name", ellipsis: true, render: (name: string, d: Debt) => <Space size={4}><Link to={`/debt/debts/${d.id}`}>{name}</Link>{d.isHidden && <Tag color="purple">隐性</Tag>}</Space> },
    { title: "类型", dataIndex: "kind", width: 140, render: (k: Debt["kind"]) => <Tag color={kindColours[k]}>{kindNames[k]}</Tag> },
    { title: "债权人", dataIndex: "creditorName", width: 180, ellipsis: true },
    { title: "本金（元）", dataIndex: "principal", width: 130, align: "right", render: yuan },
    { title: "余额（元）", dataIndex: "balance", width: 130, align: "right", render: yuan },
    { title: "下次到期", dataIndex: "nextDueDate", width: 110, render: (d: string | null) => d ?? "—" },
    { title: "逾期", key: "overdue", width: 150, render: (_, d) => (d.overdueLines > 0 ? <Tag color="red">{d.overdueLines} 期 {yuan(d.overdueAmount)} 元</Tag> : <Tag color="green">无</Tag>) },
  ];
  return (
    <>
      <PageHeader
        title="债务台账"
        description="政府债券（转贷）、银行及其他借款、拖欠企业账款和隐性债务，每笔都有还本付息计划；还款通过国库支付办理，银行支付后台账、指标和账务同时变动。逾期未还的计划行标红。每次变动都记录在案，不覆盖。"
        extra={
          <Space>
            <DownloadButton download={() => debtApi.exportRegister(query.filters)}>导出 Excel</DownloadButton>
            {can("debt.manage") && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入 Excel</Button>}
            {can("debt.manage") && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>登记债务</Button>}
          </Space>
        }
      />
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Record<string, string | undefined>) => query.setFilters(v)}>
          <Form.Item name="q"><Input allowClear placeholder="名称、编号、债权人或文号" prefix={<SearchOutlined />} style={{ width: 240 }} /></Form.Item>
          {district && <Form.Item name="regionCode"><RegionSelect levels={["township"]} placeholder="全部乡镇" allowClear style={{ width: 160 }} /></Form.Item>}
          <Form.Item name="kind"><Select allowClear placeholder="全部类型" style={{ width: 160 }} options={Object.entries(kindNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="hidden"><Select allowClear placeholder="隐性债务" style={{ width: 120 }} options={[{ value: "true", label: "隐性债务" }, { value: "false", label: "非隐性" }]} /></Form.Item>
          <Form.Item name="overdue"><Select allowClear placeholder="逾期情况" style={{ width: 120 }} options={[{ value: "true", label: "有逾期" }, { value: "false", label: "无逾期" }]} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
        </Form>
        <Table<Debt> rowKey="id" size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} rowClassName={(d) => (d.overdueLines > 0 ? "xc-row-overdue" : "")} scroll={{ x: 1200 }} locale={{ emptyText: "暂无债务" }} />
      </Card>
      <style>{".xc-row-overdue > td { background: #fff1f0 !important; }"}</style>
      {creating && <RegisterDebtModal defaultRegion={district ? undefined : me?.regionCode} onClose={() => setCreating(false)} onCreated={() => { setCreating(false); list.reload(); }} />}
      {importing && (
        <ImportSheetModal
          title="从 Excel 导入债务"
          columns="债务类型、债务名称、债权人、债权人统一社会信用代码、转贷文件或合同编号、本金（元）、起始日期、应付日期、年利率（%）、期数、还款频率、还款方式、债券类型、债券用途、隐性债务、用途（与“导出 Excel”的列相同）"
          askRegion={district}
          defaultRegion={district ? undefined : me?.regionCode}
          send={debtApi.importRegister}
          summary={(a) => `已导入 ${a.created ?? 0} 笔债务`}
          onClose={() => setImporting(false)}
          onImported={() => { setImporting(false); list.reload(); }}
        />
      )}
    </>
  );
}

type DebtForm = Record<string, unknown> & { kind: Debt["kind"]; startDate?: { format(f: string): string }; dueDate?: { format(f: string): string } };

function bodyOf(v: DebtForm, regionCode: string | undefined) {
  const date = (d: { format(f: string): string } | undefined) => d?.format("YYYY-MM-DD");
  const common = { regionCode: (v.regionCode as string | undefined) ?? regionCode, kind: v.kind, name: v.name, creditorName: v.creditorName, creditorCreditCode: (v.creditorCreditCode as string) || undefined, documentNo: v.documentNo, purpose: (v.purpose as string) ?? "", principal: v.principal, startDate: date(v.startDate) };
  if (v.kind === "arrears") return { ...common, dueDate: date(v.dueDate) };
  return {
    ...common,
    annualRate: String(v.annualRate ?? "0"),
    periods: v.periods,
    frequency: v.frequency,
    method: v.method,
    ...(v.kind === "bond" ? { bondType: v.bondType, bondPurpose: v.bondPurpose } : { isHidden: Boolean(v.isHidden) }),
  };
}

function RegisterDebtModal({ defaultRegion, onClose, onCreated }: { defaultRegion: string | undefined; onClose: () => void; onCreated: () => void }) {
  const [form] = Form.useForm<DebtForm>();
  const kind = (Form.useWatch("kind", form) as Debt["kind"] | undefined) ?? "loan";
  const report = useApiError();
  const [preview, setPreview] = useState<{ period: number; dueDate: string; principal: string; interest: string; payment: string; balance: string }[] | null>(null);
  const showPreview = async () => {
    const v = form.getFieldsValue(true) as DebtForm;
    const b = bodyOf(v, defaultRegion) as Record<string, unknown>;
    try {
      const answer = await debtApi.preview({ principal: String(b.principal ?? ""), annualRate: String(b.annualRate ?? "0"), startDate: String(b.startDate ?? ""), periods: Number(b.periods ?? 1), frequency: String(b.frequency ?? ""), method: String(b.method ?? "") });
      setPreview(answer.lines);
    } catch (error) {
      report(error);
    }
  };
  return (
    <FormModal<DebtForm, DebtDetail>
      form={form}
      title="登记债务"
      okText="登记"
      width={820}
      initialValues={{ kind: "loan", frequency: "quarterly", method: "equalPrincipal", periods: 8, annualRate: "3.45", bondType: "general", bondPurpose: "new" }}
      send={(v) => debtApi.register(bodyOf(v, defaultRegion))}
      success={(d) => `已登记 ${d.debtNo}，还本付息计划 ${d.schedule.length} 期`}
      onDone={onCreated}
      onClose={onClose}
    >
      <Form.Item name="kind" label="债务类型"><Radio.Group optionType="button" options={Object.entries(kindNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
      {!defaultRegion && <Form.Item name="regionCode" label="乡镇" rules={[{ required: true, message: "请选择乡镇" }]}><RegionSelect levels={["township"]} /></Form.Item>}
      <Space wrap style={{ width: "100%" }}>
        <Form.Item name="name" label="债务名称" rules={[{ required: true, min: 2 }]}><Input style={{ width: 360 }} maxLength={200} /></Form.Item>
        <Form.Item name="documentNo" label={kind === "bond" ? "转贷文件号" : "合同编号"} rules={[{ required: true }]}><Input style={{ width: 300 }} maxLength={100} /></Form.Item>
      </Space>
      <Space wrap style={{ width: "100%" }}>
        <Form.Item name="creditorName" label={kind === "bond" ? "转贷单位" : "债权人"} rules={[{ required: true, min: 2 }]}><Input style={{ width: 300 }} maxLength={200} /></Form.Item>
        <Form.Item name="creditorCreditCode" label="债权人统一社会信用代码" rules={[{ required: kind === "arrears", message: "拖欠企业账款须填写" }, { len: 18, message: "应为18位" }]}><Input className="xc-mono" style={{ width: 240 }} maxLength={18} /></Form.Item>
      </Space>
      {kind === "bond" && (
        <Space wrap>
          <Form.Item name="bondType" label="债券类型"><Radio.Group options={[{ value: "general", label: "一般债券" }, { value: "special", label: "专项债券" }]} /></Form.Item>
          <Form.Item name="bondPurpose" label="债券用途"><Radio.Group options={[{ value: "new", label: "新增债券" }, { value: "refinancing", label: "再融资债券" }]} /></Form.Item>
        </Space>
      )}
      <Space wrap style={{ width: "100%" }}>
        <Form.Item name="principal" label={kind === "arrears" ? "欠款金额（元）" : "本金（元）"} rules={[{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" }]}><Input style={{ width: 180 }} /></Form.Item>
        <Form.Item name="startDate" label={kind === "arrears" ? "形成日期" : "起始（提款）日"} rules={[{ required: true, message: "请选择日期" }]}><DatePicker /></Form.Item>
        {kind === "arrears" && <Form.Item name="dueDate" label="应付日期" rules={[{ required: true, message: "请选择应付日期" }]}><DatePicker /></Form.Item>}
      </Space>
      {kind !== "arrears" && (
        <Space wrap style={{ width: "100%" }}>
          <Form.Item name="annualRate" label="年利率（%）" rules={[{ required: true, pattern: /^(0|[1-9]\d{0,3})(\.\d{1,4})?$/, message: "最多4位小数" }]}><Input style={{ width: 110 }} /></Form.Item>
          <Form.Item name="periods" label="期数" rules={[{ required: true }]}><InputNumber min={1} max={600} style={{ width: 90 }} /></Form.Item>
          <Form.Item name="frequency" label="还款频率"><Select style={{ width: 110 }} options={Object.entries(frequencyNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="method" label="还款方式"><Select style={{ width: 170 }} options={Object.entries(methodNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
          {kind !== "bond" && <Form.Item name="isHidden" label=" " valuePropName="checked"><Checkbox>隐性债务</Checkbox></Form.Item>}
        </Space>
      )}
      <Form.Item name="purpose" label="用途"><Input maxLength={500} /></Form.Item>
      {kind !== "arrears" && (
        <Form.Item label="还本付息计划">
          <Button onClick={() => void showPreview()}>按规则预览计划</Button>
          {preview && (
            <Table size="small" style={{ marginTop: 8 }} rowKey="period" pagination={preview.length > 12 ? { pageSize: 12, size: "small" } : false} dataSource={preview} columns={[
              { title: "期次", dataIndex: "period", width: 60 },
              { title: "到期日", dataIndex: "dueDate", width: 110 },
              { title: "本金", dataIndex: "principal", align: "right", render: yuan },
              { title: "利息", dataIndex: "interest", align: "right", render: yuan },
              { title: "本息合计", dataIndex: "payment", align: "right", render: yuan },
              { title: "剩余本金", dataIndex: "balance", align: "right", render: yuan },
            ]} />
          )}
        </Form.Item>
      )}
    </FormModal>
  );
}
