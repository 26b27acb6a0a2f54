// 支付申请详情: one payment request with its stored attachments (download under their Chinese names),
// its review flow, its payment order, and refunds after paid (支付后退款) with the refund form.
import { DownloadOutlined, PaperClipOutlined, PrinterOutlined, RollbackOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Form, Input, Space, Spin, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { FlowDrawer } from "../../flow/FlowDrawer.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { methodNames, paymentStatus, treasuryApi, yuan, type Payment } from "../budget/budgetApi.ts";
import { formatSize, treasuryFiles, type Attachment, type Refund } from "./treasuryFiles.ts";

export default function PaymentPage() {
  const { id = "" } = useParams();
  const { can } = useAuth();
  const report = useApiError();
  const [payment, setPayment] = useState<Payment | null>(null);
  const [files, setFiles] = useState<Attachment[]>([]);
  const [refunds, setRefunds] = useState<Refund[]>([]);
  const [flowId, setFlowId] = useState<string | null>(null);
  const [refunding, setRefunding] = useState(false);
  const load = useCallback(
    (signal?: AbortSignal) => {
      Promise.all([treasuryApi.payment(id, signal), treasuryFiles.list(id, signal), treasuryFiles.refunds(id, signal)])
        .then(([p, f, r]) => {
          setPayment(p);
          setFiles(f.items);
          setRefunds(r.items);
        })
        .catch(report);
    },
    [id, report],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);
  if (!payment) return <Spin />;
  const status = paymentStatus[payment.status];
  const refundable = payment.refundable;
  return (
    <>
      <PageHeader
        title={`支付申请 ${payment.paymentNo}`}
        description="附件在提交时随申请保存，之后不能更改；已支付的款项如被收款人退回，可办理支付后退款，退款金额回到指标可用额度。"
        extra={
          <Space>
            {payment.flowInstanceId && <Button onClick={() => setFlowId(payment.flowInstanceId)}>审核流程</Button>}
            {payment.orderNo && <Link to={`/treasury/payments/${payment.id}/order`}><Button icon={<PrinterOutlined />}>支付凭证</Button></Link>}
            {can("payment.bank") && payment.status === "paid" && <Button danger icon={<RollbackOutlined />} disabled={refundable === "0.00"} onClick={() => setRefunding(true)}>支付后退款</Button>}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" bordered>
          <Descriptions.Item label="状态"><Tag color={status.color}>{status.label}</Tag>{payment.returnReason && <span>（{payment.returnReason}）</span>}</Descriptions.Item>
          <Descriptions.Item label="金额（元）"><b>{yuan(payment.amount)}</b>（{payment.amountInCapitals}）</Descriptions.Item>
          <Descriptions.Item label="支付方式">{methodNames[payment.method]}</Descriptions.Item>
          <Descriptions.Item label="收款人">{payment.payeeName}</Descriptions.Item>
          <Descriptions.Item label="收款账号"><span className="xc-mono">{payment.payeeAccount}</span>（{payment.payeeBank}）</Descriptions.Item>
          <Descriptions.Item label="用途">{payment.purpose}</Descriptions.Item>
          <Descriptions.Item label="预算单位">{payment.budgetUnitName}</Descriptions.Item>
          <Descriptions.Item label="预算指标">{payment.indicatorSummary}（{payment.indicatorDocumentNo}）</Descriptions.Item>
          <Descriptions.Item label="分类"><span className="xc-mono">{payment.functionalCode} / {payment.economicCode}</span></Descriptions.Item>
          <Descriptions.Item label="支付凭证号"><span className="xc-mono">{payment.orderNo ?? "—"}</span></Descriptions.Item>
          <Descriptions.Item label="录入">{payment.createdByName} {formatDateTime(payment.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="已退款（元）">{yuan(payment.refunded)}{payment.status === "paid" && `，可退 ${yuan(refundable)}`}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={<span><PaperClipOutlined /> 附件（{files.length}）</span>} style={{ marginBottom: 16 }}>
        <Table<Attachment>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={files}
          locale={{ emptyText: payment.attachments.length ? `仅登记了附件名称：${payment.attachments.join("、")}` : "无附件" }}
          columns={[
            { title: "文件名", dataIndex: "fileName", render: (name: string, a) => <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void treasuryFiles.download(a).catch(report)}>{name}</Button> },
            { title: "类型", dataIndex: "contentType", width: 260, ellipsis: true },
            { title: "大小", dataIndex: "size", width: 100, align: "right", render: formatSize },
            { title: "SHA-256", dataIndex: "sha256", width: 160, render: (h: string) => <span className="xc-mono" title={h}>{h.slice(0, 16)}…</span> },
            { title: "上传时间", dataIndex: "uploadedAt", width: 160, render: formatDateTime },
          ]}
        />
      </Card>
      <Card title="支付后退款">
        <Table<Refund>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={refunds}
          locale={{ emptyText: "没有退款" }}
          columns={[
            { title: "退款时间", dataIndex: "refundedAt", width: 170, render: formatDateTime },
            { title: "金额（元）", dataIndex: "amount", width: 140, align: "right", render: yuan },
            { title: "原因", dataIndex: "reason" },
            { title: "退款凭证号", dataIndex: "documentNo", width: 180, render: (n: string) => <span className="xc-mono">{n}</span> },
            { title: "经办", dataIndex: "refundedByName", width: 100 },
          ]}
        />
      </Card>
      {refunding && <RefundModal payment={payment} onClose={() => setRefunding(false)} onDone={() => { setRefunding(false); load(); }} />}
      <FlowDrawer instanceId={flowId} onClose={() => setFlowId(null)} onChanged={() => load()} />
    </>
  );
}

function RefundModal({ payment, onClose, onDone }: { payment: Payment; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal<{ amount: string; reason: string; documentNo: string }, Refund>
      title={`支付后退款：${payment.paymentNo}`}
      okText="确认退款"
      danger
      initialValues={{ amount: payment.refundable }}
      send={(v, key) => treasuryFiles.refund(payment.id, v, key)}
      success={(refund) => `已退款 ${yuan(refund.amount)} 元，金额已退回指标`}
      onDone={onDone}
      onClose={onClose}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`已支付 ${yuan(payment.amount)} 元，已退 ${yuan(payment.refunded)} 元，最多还可退 ${yuan(payment.refundable)} 元。退款写入指标并通知总账生成红字凭证。`} />
      <Form.Item name="amount" label="退款金额（元）" rules={[{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" }]}><Input style={{ width: 200 }} /></Form.Item>
      <Form.Item name="reason" label="退款原因" rules={[{ required: true, min: 2, message: "请填写退款原因" }]}><Input maxLength={200} placeholder="如：收款人多收退回、合同解除" /></Form.Item>
      <Form.Item name="documentNo" label="退款凭证号" rules={[{ required: true, message: "请填写银行退款凭证号" }]}><Input className="xc-mono" maxLength={100} /></Form.Item>
    </FormModal>
  );
}
