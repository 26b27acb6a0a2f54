// 支付凭证: the payment order of an approved request, laid out for printing on A4 landscape, with
// the amount in capitals (人民币大写) and the indicator it is charged to.
import { PrinterOutlined } from "@ant-design/icons";
import { Alert, Button, Space, Spin } from "antd";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { useCodeNames } from "../../lib/codeNames.ts";
import { formatYuanText } from "../../lib/money.ts";
import { todoApi } from "../../todo/todoApi.ts";
import { fundNatureNames, methodNames, treasuryApi, type Payment } from "../budget/budgetApi.ts";
import { orderSignatures, type OrderSignatures, type Signature } from "./orderSignatures.ts";

const cell: React.CSSProperties = { border: "1px solid #333", padding: "8px 10px", fontSize: 14 };
const head: React.CSSProperties = { ...cell, background: "#fafafa", width: 130, fontWeight: 600 };

export default function PaymentOrderPage() {
  const { id = "" } = useParams();
  const [payment, setPayment] = useState<Payment | null>(null);
  const [signatures, setSignatures] = useState<OrderSignatures>({ unitReview: null, financeReview: null });
  const report = useApiError();
  useEffect(() => {
    const controller = new AbortController();
    treasuryApi
      .payment(id, controller.signal)
      .then(async (found) => {
        setPayment(found);
        // The approvals are recorded in the payment's flow: the order shows who approved and when.
        if (found.flowInstanceId) setSignatures(orderSignatures((await todoApi.matter(found.flowInstanceId, controller.signal)).history));
      })
      .catch(report);
    return () => controller.abort();
  }, [id, report]);
  const functionalName = useCodeNames(payment?.fiscalYear, "functional", [payment?.functionalCode]);
  const economicName = useCodeNames(payment?.fiscalYear, "economic", [payment?.economicCode]);
  if (!payment) return <Spin />;
  return (
    <div>
      <style>{"@media print { .xc-no-print, header, aside, nav, .ant-layout-sider, .ant-breadcrumb { display: none !important; } @page { size: A4 landscape; margin: 12mm; } }"}</style>
      <Space className="xc-no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!payment.orderNo}>打印</Button>
        {!payment.orderNo && <Alert type="warning" showIcon title="该申请尚未审核通过，还没有支付凭证。" />}
      </Space>
      <div style={{ background: "#fff", padding: 24, maxWidth: 1000, color: "#000" }}>
        <h2 style={{ textAlign: "center", letterSpacing: 8, margin: 0 }}>国库集中支付凭证</h2>
        <div style={{ display: "flex", justifyContent: "space-between", margin: "12px 0", fontSize: 14 }}>
          <span>凭证号：<span className="xc-mono">{payment.orderNo ?? "（未开具）"}</span></span>
          <span>{methodNames[payment.method]}</span>
          <span>开具日期：{payment.orderedAt ? formatDateTime(payment.orderedAt).slice(0, 10) : "—"}</span>
        </div>
        <table style={{ borderCollapse: "collapse", width: "100%" }}>
          <tbody>
            <tr><td style={head}>付款单位</td><td style={cell}>{payment.budgetUnitName}</td><td style={head}>申请号</td><td style={cell} className="xc-mono">{payment.paymentNo}</td></tr>
            <tr><td style={head}>收款人</td><td style={cell}>{payment.payeeName}</td><td style={head}>{payment.payeeKind === "person" ? "身份证号" : "统一社会信用代码"}</td><td style={cell} className="xc-mono">{payment.payeeCreditCode ?? payment.payeeIdMasked}</td></tr>
            <tr><td style={head}>收款账号</td><td style={cell} className="xc-mono">{payment.payeeAccount}</td><td style={head}>开户银行</td><td style={cell}>{payment.payeeBank}</td></tr>
            <tr><td style={head}>金额（大写）</td><td style={{ ...cell, fontSize: 16, fontWeight: 600 }} colSpan={3}>人民币 {payment.amountInCapitals}{"\u3000\u3000"}（小写）¥{formatYuanText(payment.amount)}</td></tr>
            <tr><td style={head}>用途</td><td style={cell} colSpan={3}>{payment.purpose}</td></tr>
            <tr><td style={head}>预算指标</td><td style={cell}>{payment.indicatorSummary}（{payment.indicatorDocumentNo}）</td><td style={head}>资金性质</td><td style={cell}>{fundNatureNames[payment.fundNature]}</td></tr>
            <tr><td style={head}>功能分类</td><td style={cell}>{functionalName(payment.functionalCode)}</td><td style={head}>经济分类</td><td style={cell}>{economicName(payment.economicCode)}</td></tr>
            <tr><td style={head}>附件</td><td style={cell} colSpan={3}>{payment.attachments.join("、") || "无"}</td></tr>
          </tbody>
        </table>
        <div style={{ display: "flex", justifyContent: "space-between", marginTop: 32, fontSize: 14 }}>
          <span>经办：{payment.createdByName}（{formatDateTime(payment.createdAt).slice(0, 10)}）</span>
          <span data-testid="order-unit-review">单位审核：{signed(signatures.unitReview)}</span>
          <span data-testid="order-finance-review">财政审核：{signed(signatures.financeReview)}</span>
          <span>代理银行（盖章）：</span>
        </div>
      </div>
    </div>
  );
}

/** "张伟（2026-03-01 10:00）", or a blank line to sign by hand when the step has no recorded approval. */
function signed(signature: Signature | null): string {
  return signature === null ? "\u3000\u3000\u3000\u3000" : `${signature.name}（${formatDateTime(signature.at)}）`;
}
