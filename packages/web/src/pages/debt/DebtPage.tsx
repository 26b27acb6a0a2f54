// One debt: its terms, its repayment schedule with each line's state (overdue lines red), repaying a
// line through a treasury payment, its repayments with their payments' states, a new schedule from
// Excel, and the full history of changes. The schedule prints for signing.
import { ArrowLeftOutlined, PrinterOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Form, Input, Space, Table, Tag, Timeline, type TableColumnsType } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { formatYuan, parseYuan, type ScheduleLineView } from "@xiangcai/shared";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { ImportSheetModal } from "../../components/ImportSheetModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { IndicatorPicker } from "../budget/IndicatorPicker.tsx";
import { debtApi, frequencyNames, kindNames, lineStatusColours, methodNames, yuan, type DebtDetail } from "./debtApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

export default function DebtPage() {
  const { id = "" } = useParams();
  const { can } = useAuth();
  const report = useApiError();
  const [debt, setDebt] = useState<DebtDetail | null>(null);
  const [repaying, setRepaying] = useState<ScheduleLineView | null>(null);
  const [importing, setImporting] = useState(false);
  const load = useCallback(() => {
    const controller = new AbortController();
    debtApi.get(id, controller.signal).then(setDebt).catch((e: unknown) => { if (!controller.signal.aborted) report(e); });
    return () => controller.abort();
  }, [id, report]);
  useEffect(load, [load]);
  if (!debt) return <Card loading />;
  const canRepay = can("debt.repay") && debt.status === "active";
  const columns: TableColumnsType<ScheduleLineView> = [
    { title: "期次", dataIndex: "period", width: 60 },
    { title: "到期日", dataIndex: "dueDate", width: 110 },
    { title: "本金（元）", dataIndex: "principal", align: "right", render: yuan },
    { title: "利息（元）", dataIndex: "interest", align: "right", render: yuan },
    { title: "本息合计", dataIndex: "payment", align: "right", render: yuan },
    { title: "剩余本金", dataIndex: "balance", align: "right", render: yuan },
    { title: "已还本金", dataIndex: "paidPrincipal", align: "right", render: yuan },
    { title: "已付利息", dataIndex: "paidInterest", align: "right", render: yuan },
    { title: "状态", dataIndex: "status", width: 140, render: (s: ScheduleLineView["status"], l) => <Space size={2}><Tag color={lineStatusColours[s]}>{l.statusName}</Tag>{l.pendingAmount !== "0.00" && <Tag color="processing" title="已提交国库支付，待银行支付">在途 {yuan(l.pendingAmount)}</Tag>}</Space> },
    ...(canRepay ? [{ title: "操作", key: "a", width: 90, render: (_: unknown, l: ScheduleLineView) => (l.status !== "paid" ? <Button type="link" size="small" onClick={() => setRepaying(l)}>还款</Button> : null) }] : []),
  ];
  return (
    <>
      <PageHeader
        title={<Space>{debt.name}{debt.isHidden && <Tag color="purple">隐性债务</Tag>}{debt.overdueLines > 0 && <Tag color="red">逾期 {debt.overdueLines} 期</Tag>}</Space>}
        description={`${debt.debtNo} · ${debt.regionName} · ${kindNames[debt.kind]}`}
        extra={
          <Space>
            <Link to="/debt/debts"><Button icon={<ArrowLeftOutlined />}>返回台账</Button></Link>
            <Link to={`/debt/debts/${debt.id}/print`}><Button icon={<PrinterOutlined />}>打印计划表</Button></Link>
            <DownloadButton download={() => debtApi.exportSchedule(debt.id)}>导出计划</DownloadButton>
            {can("debt.manage") && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入计划</Button>}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label="债权人">{debt.creditorName}{debt.creditorCreditCode && <span className="xc-mono"> · {debt.creditorCreditCode}</span>}</Descriptions.Item>
          <Descriptions.Item label={debt.kind === "bond" ? "转贷文件" : "合同编号"}>{debt.documentNo}</Descriptions.Item>
          <Descriptions.Item label="债券">{debt.bondType ? `${debt.bondType === "general" ? "一般债券" : "专项债券"} · ${debt.bondPurpose === "new" ? "新增" : "再融资"}` : "—"}</Descriptions.Item>
          <Descriptions.Item label="本金">{yuan(debt.principal)} 元</Descriptions.Item>
          <Descriptions.Item label="余额"><b>{yuan(debt.balance)} 元</b></Descriptions.Item>
          <Descriptions.Item label="已还">本金 {yuan(debt.repaidPrincipal)} · 利息 {yuan(debt.repaidInterest)}</Descriptions.Item>
          <Descriptions.Item label="期限">{debt.startDate} 至 {debt.maturityDate}</Descriptions.Item>
          <Descriptions.Item label="利率与方式">{debt.kind === "arrears" ? "到期一次清偿" : `${debt.annualRate}% · ${frequencyNames[debt.frequency]} · ${methodNames[debt.method]} · ${debt.periods} 期`}</Descriptions.Item>
          <Descriptions.Item label="计划">第 {debt.scheduleVersion} 版（{debt.scheduleSource === "imported" ? "Excel 导入" : "按规则生成"}）</Descriptions.Item>
          {debt.purpose && <Descriptions.Item label="用途" span={3}>{debt.purpose}</Descriptions.Item>}
          {debt.resolutionPlan && (
            <Descriptions.Item label="化债方案" span={3}>
              {debt.resolutionPlan.documentNo}：{debt.resolutionPlan.measures}
              <div>{debt.resolutionPlan.targets.map((t) => <Tag key={t.year} color={parseYuan(t.resolved) >= parseYuan(t.amount) ? "green" : "default"}>{t.year} 年目标 {yuan(t.amount)}，已化解 {yuan(t.resolved)}</Tag>)}</div>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title="还本付息计划" style={{ marginBottom: 16 }}>
        <Table<ScheduleLineView> rowKey="period" size="small" columns={columns} dataSource={debt.schedule} pagination={debt.schedule.length > 24 ? { pageSize: 24 } : false} rowClassName={(l) => (l.status === "overdue" ? "xc-row-overdue" : "")} />
      </Card>
      <Card title="还款记录（国库支付）" style={{ marginBottom: 16 }}>
        <Table rowKey="id" size="small" dataSource={debt.repayments} pagination={false} locale={{ emptyText: "尚无还款" }} columns={[
          { title: "期次", dataIndex: "period", width: 60 },
          { title: "本金", dataIndex: "principal", align: "right", render: yuan },
          { title: "利息", dataIndex: "interest", align: "right", render: yuan },
          { title: "支付申请", dataIndex: "paymentNo", render: (no: string, r: DebtDetail["repayments"][number]) => <Link to={`/treasury/payments/${r.paymentId}`} className="xc-mono">{no}</Link> },
          { title: "支付状态", dataIndex: "paymentStatusName", render: (name: string, r: DebtDetail["repayments"][number]) => <Tag color={r.paymentStatus === "paid" ? "green" : r.paymentStatus === "returned" || r.paymentStatus === "cancelled" ? "default" : "processing"}>{name}</Tag> },
          { title: "支付时间", dataIndex: "paidAt", render: (at: string | null) => (at ? formatDateTime(at) : "—") },
        ]} />
      </Card>
      <Card title="变动记录">
        <Timeline items={debt.events.map((e) => ({ key: e.seq, children: <span>{formatDateTime(e.at)} · {e.actorName} · <b>{e.kindName}</b> {summaryOf(e.after)}</span> }))} />
      </Card>
      <style>{".xc-row-overdue > td { background: #fff1f0 !important; color: #a8071a; }"}</style>
      {repaying && <RepayModal debt={debt} line={repaying} onClose={() => setRepaying(null)} onDone={(d) => { setRepaying(null); setDebt(d); }} />}
      {importing && (
        <ImportSheetModal
          title="导入还本付息计划"
          columns="期次、到期日、本金（元）、利息（元）"
          rule="各期本金合计须等于债务本金；已有还款的债务不能更换计划。"
          width={640}
          send={(file) => debtApi.importSchedule(debt.id, file)}
          summary={(a) => `已导入还本付息计划 ${a.lines ?? 0} 期`}
          onClose={() => setImporting(false)}
          onImported={(a) => { setImporting(false); if (a.debt) setDebt(a.debt); }}
        />
      )}
    </>
  );
}

function summaryOf(after: unknown): string {
  if (typeof after !== "object" || after === null) return "";
  const a = after as Record<string, unknown>;
  const parts: string[] = [];
  if (a.paymentNo) parts.push(`第${String(a.period)}期 本金 ${String(a.principal)} 利息 ${String(a.interest)}，支付申请 ${String(a.paymentNo)}`);
  if (a.version) parts.push(`第 ${String(a.version)} 版，${String(a.periods)} 期`);
  if (a.reason) parts.push(`原因：${String(a.reason)}`);
  if (a.name && !a.version) parts.push(`名称：${String(a.name)}`);
  return parts.join("；");
}

const remaining = (total: string, paid: string) => {
  const left = parseYuan(total) - parseYuan(paid);
  return formatYuan(left > 0n ? left : 0n);
};

function RepayModal({ debt, line, onClose, onDone }: { debt: DebtDetail; line: ScheduleLineView; onClose: () => void; onDone: (d: DebtDetail) => void }) {
  const [form] = Form.useForm<Record<string, string>>();
  return (
    <FormModal<Record<string, string>, DebtDetail>
      form={form}
      title={`第 ${line.period} 期还款（${line.dueDate} 到期）`}
      okText="提交国库支付"
      width={640}
      initialValues={{ principal: remaining(line.principal, line.paidPrincipal), interest: remaining(line.interest, line.paidInterest), payeeCreditCode: debt.creditorCreditCode ?? "" }}
      send={(v, key) => debtApi.repay(debt.id, { period: line.period, indicatorId: v.indicatorId, principal: v.principal, interest: v.interest, payeeAccount: v.payeeAccount, payeeBank: v.payeeBank, payeeCreditCode: v.payeeCreditCode || undefined }, key)}
      success={() => "已生成支付申请，经单位审核、财政所审核后发送银行；银行支付后计入台账"}
      onDone={onDone}
      onClose={onClose}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`收款人：${debt.creditorName}。还款作为国库支付办理，占用所选偿债指标；银行支付后本期计为已还，会计凭证自动生成（本金冲减负债，利息计入其他费用）。`} />
      <Form.Item name="indicatorId" label="偿债预算指标" rules={[{ required: true, message: "请选择指标" }]}>
        <IndicatorPicker onChange={(id) => form.setFieldValue("indicatorId", id)} placeholder="搜索“债务还本”“债务付息”指标" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="principal" label="本金（元）" rules={[{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" }]}><Input style={{ width: 180 }} /></Form.Item>
        <Form.Item name="interest" label="利息（元）" rules={[{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" }]}><Input style={{ width: 180 }} /></Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="payeeAccount" label="收款账号" rules={[{ required: true, min: 6 }]}><Input className="xc-mono" style={{ width: 260 }} maxLength={40} /></Form.Item>
        <Form.Item name="payeeBank" label="开户银行" rules={[{ required: true, min: 2 }]}><Input style={{ width: 240 }} maxLength={100} /></Form.Item>
      </Space>
      <Form.Item name="payeeCreditCode" label="收款单位统一社会信用代码" rules={[{ required: !debt.creditorCreditCode, message: "请填写" }]}><Input className="xc-mono" style={{ width: 260 }} maxLength={18} /></Form.Item>
    </FormModal>
  );
}
