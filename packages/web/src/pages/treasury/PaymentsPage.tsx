// 支付申请: payment requests of the user's scope, searchable and filtered by status and method.
// A unit clerk enters a request on an indicator chosen with its available amount shown; reviewers
// act in the flow drawer; an approved request opens as a printable payment order.
import { PlusOutlined, PrinterOutlined, SearchOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, Radio, Select, Space, Table, Tag, Upload, type TableColumnsType, type UploadFile } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthContext.tsx";
import { ApiError } from "../../api.ts";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { FlowDrawer } from "../../flow/FlowDrawer.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { methodNames, paymentStatus, treasuryApi, yuan, type Indicator, type Payment } from "../budget/budgetApi.ts";
import { IndicatorPicker } from "../budget/IndicatorPicker.tsx";
import { formatSize, treasuryFiles, type Attachment } from "./treasuryFiles.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const ACCEPT = ".pdf,.jpg,.jpeg,.png,.gif,.webp,.bmp,.tif,.tiff,.xlsx,.xls,.docx,.doc";

const FILTER_KEYS = ["q", "status", "method"] as const;

export default function PaymentsPage() {
  const { can } = useAuth();
  const query = useListQuery(FILTER_KEYS);
  const [creating, setCreating] = useState(false);
  const [flowId, setFlowId] = useState<string | null>(null);
  const list = useRemoteList((signal) => treasuryApi.payments({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const columns: TableColumnsType<Payment> = [
    { title: "申请号", dataIndex: "paymentNo", width: 170, render: (n: string) => <span className="xc-mono">{n}</span> },
    { title: "收款人", dataIndex: "payeeName", ellipsis: true, render: (name: string, p) => <Link to={`/treasury/payments/${p.id}`}>{name}</Link> },
    { title: "用途", dataIndex: "purpose", ellipsis: true },
    { title: "预算单位", dataIndex: "budgetUnitName", width: 170, ellipsis: true },
    { title: "金额（元）", dataIndex: "amount", width: 130, align: "right", render: yuan },
    { title: "方式", dataIndex: "method", width: 90, render: (m: Payment["method"]) => methodNames[m] },
    { title: "状态", dataIndex: "status", width: 130, render: (s: Payment["status"], p) => <Tag color={paymentStatus[s].color} title={p.returnReason ?? undefined}>{paymentStatus[s].label}</Tag> },
    { title: "录入", key: "by", width: 150, render: (_, p) => `${p.createdByName} ${formatDateTime(p.createdAt).slice(5)}` },
    {
      title: "操作",
      key: "actions",
      width: 230,
      fixed: "right",
      render: (_, p) => (
        <Space size={0}>
          <Link to={`/treasury/payments/${p.id}`}><Button type="link" size="small">详情</Button></Link>
          {p.flowInstanceId && <Button type="link" size="small" onClick={() => setFlowId(p.flowInstanceId)}>审核流程</Button>}
          {p.orderNo && <Link to={`/treasury/payments/${p.id}/order`}><Button type="link" size="small" icon={<PrinterOutlined />}>支付凭证</Button></Link>}
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title="支付申请"
        description="提交即占用指标额度；单位审核、财政所审核后开具支付凭证，发送代理银行，银行回盘后记为已支付或退票（退票金额退回指标）。录入人不能审核自己录入的申请。"
        extra={
          <Space>
            <DownloadButton download={() => treasuryApi.exportPayments(query.filters)}>导出 Excel</DownloadButton>
            {can("payment.create") && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建支付申请</Button>}
          </Space>
        }
      />
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Record<string, string | undefined>) => query.setFilters(v)}>
          <Form.Item name="q"><Input allowClear placeholder="收款人、申请号、凭证号或用途" prefix={<SearchOutlined />} style={{ width: 260 }} /></Form.Item>
          <Form.Item name="status"><Select allowClear placeholder="全部状态" style={{ width: 150 }} options={Object.entries(paymentStatus).map(([value, s]) => ({ value, label: s.label }))} /></Form.Item>
          <Form.Item name="method"><Select allowClear placeholder="支付方式" style={{ width: 120 }} options={Object.entries(methodNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
        </Form>
        <Table<Payment> rowKey="id" size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} scroll={{ x: 1300 }} locale={{ emptyText: "暂无支付申请" }} />
      </Card>
      {creating && <CreatePaymentModal onClose={() => setCreating(false)} onCreated={() => { setCreating(false); list.reload(); }} />}
      <FlowDrawer instanceId={flowId} onClose={() => setFlowId(null)} onChanged={list.reload} />
    </>
  );
}

function CreatePaymentModal({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const [form] = Form.useForm<Record<string, string>>();
  const [indicator, setIndicator] = useState<Indicator | undefined>();
  const [files, setFiles] = useState<UploadFile<Attachment>[]>([]);
  const kind = (Form.useWatch("payeeKind", form) as string | undefined) ?? "organisation";
  const report = useApiError();
  // The form's key (FormModal): pressing 提交 twice, or again after a network error, never pays twice.
  const create = (v: Record<string, string>, key: string) => {
    if (files.some((f) => f.status === "uploading")) return Promise.reject(new ApiError(0, "UPLOAD_PENDING", "附件正在上传，请稍候再提交"));
    const payee = v.payeeKind === "person"
      ? { kind: "person", name: v.payeeName, residentId: v.residentId, account: v.account, bank: v.bank }
      : { kind: "organisation", name: v.payeeName, creditCode: v.creditCode, account: v.account, bank: v.bank };
    return treasuryApi.create({ indicatorId: v.indicatorId, payee, amount: v.amount, purpose: v.purpose, method: indicator?.paymentMethod ?? "direct", attachmentIds: files.flatMap((f) => (f.status === "done" && f.response ? [f.response.id] : [])) }, key);
  };
  return (
    <FormModal<Record<string, string>, Payment>
      form={form}
      title="新建支付申请"
      okText="提交"
      width={720}
      initialValues={{ payeeKind: "organisation" }}
      send={create}
      success={(created) => `支付申请 ${created.paymentNo} 已提交，已占用指标 ${yuan(created.amount)} 元，等待单位审核`}
      onDone={onCreated}
      onClose={onClose}
    >
      <Form.Item name="indicatorId" label="支出指标" rules={[{ required: true, message: "请选择指标" }]} extra={indicator ? `可用 ${yuan(indicator.available)} 元 · ${methodNames[indicator.paymentMethod]} · ${indicator.functionalCode}/${indicator.economicCode}` : "只列出执行中且有可用额度的指标"}>
        <IndicatorPicker onChange={(id, i) => { form.setFieldValue("indicatorId", id); setIndicator(i); }} />
      </Form.Item>
      <Form.Item name="payeeKind" label="收款人类型"><Radio.Group options={[{ value: "organisation", label: "单位" }, { value: "person", label: "个人" }]} /></Form.Item>
      <Space wrap style={{ width: "100%" }}>
        <Form.Item name="payeeName" label="收款人名称" rules={[{ required: true }]}><Input style={{ width: 300 }} maxLength={100} /></Form.Item>
        {kind === "person" ? (
          <Form.Item name="residentId" label="身份证号" rules={[{ required: true, len: 18, message: "身份证号应为18位" }]}><Input className="xc-mono" style={{ width: 240 }} maxLength={18} /></Form.Item>
        ) : (
          <Form.Item name="creditCode" label="统一社会信用代码" rules={[{ required: true, len: 18, message: "应为18位" }]}><Input className="xc-mono" style={{ width: 240 }} maxLength={18} /></Form.Item>
        )}
      </Space>
      <Space wrap style={{ width: "100%" }}>
        <Form.Item name="account" label={kind === "person" ? "银行卡号" : "银行账号"} rules={[{ required: true }]}><Input className="xc-mono" style={{ width: 300 }} maxLength={40} /></Form.Item>
        <Form.Item name="bank" label="开户银行" rules={[{ required: true }]}><Input style={{ width: 240 }} maxLength={100} /></Form.Item>
      </Space>
      <Space wrap style={{ width: "100%" }}>
        <Form.Item name="amount" label="金额（元）" rules={[{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" }]}><Input style={{ width: 200 }} /></Form.Item>
        <Form.Item name="purpose" label="用途" rules={[{ required: true, min: 2 }]}><Input style={{ width: 340 }} maxLength={200} /></Form.Item>
      </Space>
      <Form.Item label="附件" extra="发票、合同等：PDF、图片、Excel、Word，单个文件不超过 10 MB（以乡镇设置为准）。提交后附件不能再更改。">
        <Upload<Attachment>
          accept={ACCEPT}
          multiple
          fileList={files}
          customRequest={({ file, onSuccess, onError }) => {
            treasuryFiles.upload(file as File, indicator?.regionCode).then((stored) => onSuccess?.(stored)).catch((error: unknown) => {
              report(error);
              onError?.(error as Error);
            });
          }}
          onChange={({ fileList }) => setFiles(fileList.filter((f) => f.status !== "error"))}
          onRemove={async (file) => {
            if (file.response) await treasuryFiles.remove(file.response.id).catch(report);
            return true;
          }}
          itemRender={(node, file) => <span title={file.response ? `${formatSize(file.response.size)} · SHA-256 ${file.response.sha256.slice(0, 12)}…` : undefined}>{node}</span>}
        >
          <Button icon={<UploadOutlined />}>上传附件</Button>
        </Upload>
      </Form.Item>
    </FormModal>
  );
}
