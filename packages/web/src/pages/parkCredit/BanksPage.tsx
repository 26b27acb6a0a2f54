// 财园信贷通·合作银行: each cooperating bank with the risk compensation fund deposited with it (deposits,
// compensation paid, recoveries returned, withdrawals, the balance), the lending room the fund gives
// (multiple × fund), the loans outstanding and what is left; add a bank, deposit into or withdraw from
// its fund (a withdrawal that would leave the loans uncovered is refused); the fund's movements below.
import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, DatePicker, Form, Input, Progress, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { fundMovementNames, type ParkBankView, type ParkFundMovementView } from "@xiangcai/shared";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { yuan } from "../debt/debtApi.ts";
import { parkCreditApi } from "./parkCreditApi.ts";

const usePercent = (b: ParkBankView) => (Number(b.capacity) > 0 ? Math.min(100, Math.round((Number(b.outstanding) / Number(b.capacity)) * 1000) / 10) : 0);
const movementColours = { deposit: "green", withdrawal: "default", compensation: "red", recovery: "blue" } as const;

export default function BanksPage() {
  const { can } = useAuth();
  const manage = can("parkCredit.manage");
  const [banks, setBanks] = useState<ParkBankView[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [funding, setFunding] = useState<{ bank: ParkBankView; kind: "deposit" | "withdrawal" } | null>(null);
  const report = useApiError();
  const query = useListQuery(["bankId"] as const);
  const movements = useRemoteList((signal) => parkCreditApi.movements({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const load = useCallback(() => {
    parkCreditApi.banks().then((a) => setBanks(a.items), report);
  }, [report]);
  useEffect(load, [load]);
  const reload = () => { load(); movements.reload(); };
  const columns: TableColumnsType<ParkBankView> = [
    { title: "合作银行", dataIndex: "name", width: 170, render: (n: string, b) => <Space direction="vertical" size={0}><b>{n}</b><span style={{ color: "#8c8c8c", fontSize: 12 }}>{b.agreementNo}{b.contact ? ` · ${b.contact}` : ""}</span></Space> },
    { title: "补偿金分担", dataIndex: "fundSharePercent", width: 90, render: (s: string) => `${s}%` },
    { title: "累计存入（元）", dataIndex: "deposited", width: 130, align: "right", render: yuan },
    { title: "代偿支出（元）", dataIndex: "compensated", width: 120, align: "right", render: yuan },
    { title: "追偿收回（元）", dataIndex: "recovered", width: 120, align: "right", render: yuan },
    { title: "退出（元）", dataIndex: "withdrawn", width: 110, align: "right", render: yuan },
    { title: "补偿金余额（元）", dataIndex: "fundBalance", width: 130, align: "right", render: (v: string) => <b>{yuan(v)}</b> },
    { title: "可贷额度（元）", key: "capacity", width: 150, align: "right", render: (_, b) => <span title={`${b.fundBalance} × ${b.multiple} 倍`}>{yuan(b.capacity)}</span> },
    { title: "在贷余额（元）", dataIndex: "outstanding", width: 130, align: "right", render: yuan },
    { title: "额度使用", key: "use", width: 130, render: (_, b) => <Progress percent={usePercent(b)} size="small" status={usePercent(b) >= 90 ? "exception" : "normal"} /> },
    { title: "贷款", key: "loans", width: 100, render: (_, b) => <Space size={2}>{b.loans} 笔{b.overdueLoans > 0 && <Tag color="red">逾期 {b.overdueLoans}</Tag>}</Space> },
    ...(manage ? [{ title: "操作", key: "actions", width: 150, fixed: "right" as const, render: (_: unknown, b: ParkBankView) => <Space size={0}><Button size="small" type="link" onClick={() => setFunding({ bank: b, kind: "deposit" })}>存入</Button><Button size="small" type="link" onClick={() => setFunding({ bank: b, kind: "withdrawal" })}>退出</Button></Space> }] : []),
  ];
  return (
    <>
      <PageHeader
        title="财园信贷通·合作银行"
        description={`区财政局在合作银行存放风险补偿金，银行按补偿金余额的 ${banks?.[0]?.multiple ?? "8"} 倍（系统设置“财园信贷通放大倍数”）向园区企业放款。贷款违约时按协议分担比例从补偿金代偿，银行追偿收回后按同一比例返还补偿金。补偿金余额 = 存入 − 代偿 + 收回 − 退出。`}
        extra={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>新增合作银行</Button>}
      />
      <Card>
        <Table<ParkBankView> rowKey="id" size="middle" loading={!banks} dataSource={banks ?? []} columns={columns} pagination={false} scroll={{ x: 1600 }} locale={{ emptyText: "暂无合作银行" }} />
      </Card>
      <Card title="风险补偿金收支明细" style={{ marginTop: 12 }} extra={<Select allowClear placeholder="全部银行" style={{ width: 200 }} value={query.filters.bankId} onChange={(v?: string) => query.setFilters({ bankId: v })} options={(banks ?? []).map((b) => ({ value: b.id, label: b.name }))} />}>
        <Table<ParkFundMovementView>
          rowKey="id"
          size="small"
          loading={movements.loading}
          dataSource={movements.page?.items ?? []}
          pagination={tablePagination(query, movements.page)}
          columns={[
            { title: "日期", dataIndex: "date", width: 110 },
            { title: "银行", dataIndex: "bankName", width: 170 },
            { title: "类别", dataIndex: "kind", width: 130, render: (k: ParkFundMovementView["kind"]) => <Tag color={movementColours[k]}>{fundMovementNames[k]}</Tag> },
            { title: "金额（元）", dataIndex: "amount", width: 140, align: "right", render: (v: string, m) => (m.kind === "compensation" || m.kind === "withdrawal" ? `−${yuan(v)}` : yuan(v)) },
            { title: "贷款合同", dataIndex: "loanNo", width: 140, render: (n: string | null) => n ?? "—" },
            { title: "文号 / 凭证号", dataIndex: "documentNo", width: 170 },
            { title: "说明", dataIndex: "note", ellipsis: true },
          ]}
        />
      </Card>
      {adding && (
        <FormModal<Record<string, string>, ParkBankView> title="新增合作银行" okText="保存" initialValues={{ fundSharePercent: "80" }} send={(v) => parkCreditApi.createBank(v)} success={(b) => `已登记 ${b.name}`} onDone={() => { setAdding(false); reload(); }} onClose={() => setAdding(false)}>
          <Form.Item name="name" label="银行名称" rules={[{ required: true, min: 2 }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="agreementNo" label="合作协议编号" rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="fundSharePercent" label="风险补偿金分担比例（%）" extra="贷款损失中由风险补偿金承担的比例，其余由银行承担" rules={[{ required: true, pattern: /^(100(\.0{1,2})?|[1-9]?\d(\.\d{1,2})?)$/, message: "0-100，最多两位小数" }]}><Input style={{ width: 120 }} /></Form.Item>
          <Form.Item name="contact" label="联系人"><Input maxLength={100} /></Form.Item>
        </FormModal>
      )}
      {funding && (
        <FormModal<Record<string, unknown> & { date?: dayjs.Dayjs }, ParkBankView>
          title={`${funding.kind === "deposit" ? "存入" : "退出"}风险补偿金：${funding.bank.name}`}
          okText={funding.kind === "deposit" ? "确认存入" : "确认退出"}
          danger={funding.kind === "withdrawal"}
          initialValues={{ date: dayjs() }}
          send={(v, key) => parkCreditApi.moveFund(funding.bank.id, { kind: funding.kind, amount: v.amount, date: v.date?.format("YYYY-MM-DD"), documentNo: v.documentNo, note: v.note ?? "" }, key)}
          success={(b) => `${b.name}补偿金余额 ${yuan(b.fundBalance)} 元，可贷 ${yuan(b.capacity)} 元`}
          onDone={() => { setFunding(null); reload(); }}
          onClose={() => setFunding(null)}
        >
          <p>当前余额 {yuan(funding.bank.fundBalance)} 元，在贷余额 {yuan(funding.bank.outstanding)} 元。</p>
          <Space wrap>
            <Form.Item name="amount" label="金额（元）" rules={[{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" }]}><Input style={{ width: 180 }} /></Form.Item>
            <Form.Item name="date" label="日期" rules={[{ required: true }]}><DatePicker /></Form.Item>
          </Space>
          <Form.Item name="documentNo" label="文号或凭证号" rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="note" label="说明"><Input maxLength={500} /></Form.Item>
        </FormModal>
      )}
    </>
  );
}
