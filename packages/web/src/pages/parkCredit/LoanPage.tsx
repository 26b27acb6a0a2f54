// 贷款详情: one park loan — its terms, what is repaid and unpaid, what the fund paid and got back — with
// the moves its state allows (repay; report overdue; declare default; compensate from the fund at the
// bank's share; record a recovery, whose share goes back to the fund) and its whole history.
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Space, Table, Tag, Timeline, Typography } from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { useParams } from "react-router";
import { fundMovementNames, type ParkLoanDetailView } from "@xiangcai/shared";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { yuan } from "../debt/debtApi.ts";
import { loanStatusColours, parkCreditApi } from "./parkCreditApi.ts";

type Move = "repay" | "overdue" | "default" | "compensate" | "recover";
const moveTitles: Record<Move, string> = { repay: "登记还款", overdue: "登记逾期", default: "认定违约", compensate: "风险补偿金代偿", recover: "登记追偿收回" };
const movesOf: Record<ParkLoanDetailView["status"], Move[]> = { performing: ["repay", "overdue"], overdue: ["repay", "default"], defaulted: ["compensate"], compensated: ["recover"], repaid: [] };
type MoveForm = Record<string, string | undefined> & { date?: dayjs.Dayjs };

export default function LoanPage() {
  const { id = "" } = useParams();
  const { can } = useAuth();
  const [loan, setLoan] = useState<ParkLoanDetailView | null>(null);
  const [move, setMove] = useState<Move | null>(null);
  const report = useApiError();
  const load = useCallback(() => {
    parkCreditApi.loan(id).then(setLoan, report);
  }, [id, report]);
  useEffect(load, [load]);
  if (!loan) return <Card loading />;
  const send = (m: Move, v: MoveForm, key: string) => {
    const date = v.date?.format("YYYY-MM-DD");
    if (m === "repay") return parkCreditApi.repay(loan.id, { amount: v.amount, date, note: v.note ?? "" }, key);
    if (m === "overdue" || m === "default") return parkCreditApi.mark(loan.id, m, { date, note: v.note });
    if (m === "compensate") return parkCreditApi.compensate(loan.id, { date, documentNo: v.documentNo, note: v.note ?? "" }, key);
    return parkCreditApi.recover(loan.id, { recovered: v.recovered, date, documentNo: v.documentNo, note: v.note ?? "" }, key);
  };
  return (
    <>
      <PageHeader
        title={`${loan.loanNo} ${loan.enterpriseName}`}
        description={`${loan.bankName} · ${loan.parkName || "园区企业"}`}
        extra={can("parkCredit.manage") && <Space>{movesOf[loan.status].map((m) => <Button key={m} type={m === "repay" ? "primary" : "default"} danger={m === "default" || m === "compensate"} onClick={() => setMove(m)}>{moveTitles[m]}</Button>)}</Space>}
      />
      {loan.pastDue && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`已于 ${loan.dueDate} 到期，未还本金 ${yuan(loan.unpaid)} 元`} />}
      <Card>
        <Descriptions size="small" column={3} bordered items={[
          { label: "状态", children: <Tag color={loanStatusColours[loan.status]}>{loan.statusName}</Tag> },
          { label: "统一社会信用代码", children: <span className="xc-mono">{loan.creditCode}</span> },
          { label: "合作银行", children: loan.bankName },
          { label: "贷款金额（元）", children: yuan(loan.amount) },
          { label: "放款日 / 到期日", children: `${loan.startDate} / ${loan.dueDate}（${loan.termMonths} 个月）` },
          { label: "年利率", children: `${loan.annualRate}%` },
          { label: "已还本金（元）", children: yuan(loan.repaid) },
          { label: "未还本金（元）", children: <b>{yuan(loan.unpaid)}</b> },
          { label: "补偿金分担比例", children: `${loan.fundSharePercent}%` },
          { label: "补偿金代偿（元）", children: yuan(loan.compensated) },
          { label: "收回返还补偿金（元）", children: yuan(loan.returnedToFund) },
          { label: "若违约应代偿（元）", children: yuan(loan.compensationIfDefaulted) },
        ]} />
      </Card>
      <Card title="贷款记录" style={{ marginTop: 12 }}>
        <Timeline items={loan.events.map((e) => ({ color: e.kind === "defaulted" || e.kind === "compensated" ? "red" : e.kind === "overdue" ? "orange" : "blue", children: <div><b>{e.date} {e.kindName}</b>{e.amount !== "0.00" && ` ${yuan(e.amount)} 元`}<div style={{ color: "#595959" }}>{e.note}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.actorName} 登记于 {formatDateTime(e.at)}</Typography.Text></div> }))} />
      </Card>
      {loan.fundMovements.length > 0 && (
        <Card title="风险补偿金收支" style={{ marginTop: 12 }}>
          <Table size="small" rowKey="id" pagination={false} dataSource={loan.fundMovements} columns={[
            { title: "日期", dataIndex: "date", width: 110 },
            { title: "类别", dataIndex: "kind", width: 120, render: (k: keyof typeof fundMovementNames) => fundMovementNames[k] },
            { title: "金额（元）", dataIndex: "amount", width: 140, align: "right", render: yuan },
            { title: "文号 / 凭证号", dataIndex: "documentNo", width: 180 },
            { title: "说明", dataIndex: "note" },
          ]} />
        </Card>
      )}
      {move && (
        <FormModal<MoveForm, ParkLoanDetailView>
          title={`${moveTitles[move]}：${loan.loanNo}`}
          okText={moveTitles[move]}
          danger={move === "default" || move === "compensate"}
          initialValues={{ date: dayjs() }}
          send={(v, key) => send(move, v, key)}
          success={(l) => `已${moveTitles[move]}，贷款状态：${l.statusName}`}
          onDone={(l) => { setMove(null); setLoan(l); }}
          onClose={() => setMove(null)}
        >
          {move === "compensate" && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`按 ${loan.fundSharePercent}% 从 ${loan.bankName} 风险补偿金代偿未还本金 ${yuan(loan.unpaid)} 元中的 ${yuan(loan.compensationIfDefaulted)} 元。`} />}
          {move === "recover" && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`银行追偿收回的金额按 ${loan.fundSharePercent}% 返还风险补偿金，累计返还不超过已代偿的 ${yuan(loan.compensated)} 元。`} />}
          {move === "repay" && <Form.Item name="amount" label="还款本金（元）" rules={[{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" }]} extra={`未还本金 ${yuan(loan.unpaid)} 元`}><Input style={{ width: 180 }} /></Form.Item>}
          {move === "recover" && <Form.Item name="recovered" label="银行追偿收回金额（元）" rules={[{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" }]}><Input style={{ width: 180 }} /></Form.Item>}
          <Form.Item name="date" label="日期" rules={[{ required: true }]}><DatePicker /></Form.Item>
          {(move === "compensate" || move === "recover") && <Form.Item name="documentNo" label="文号或凭证号" rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>}
          <Form.Item name="note" label="说明" rules={move === "overdue" || move === "default" ? [{ required: true, min: 2, message: "请说明情况" }] : []}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        </FormModal>
      )}
    </>
  );
}
