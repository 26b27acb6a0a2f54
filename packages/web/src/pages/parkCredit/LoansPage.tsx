// 财园信贷通·贷款台账: every loan to a park enterprise, searched by enterprise, credit code, contract or
// park, filtered by bank, state, year and past-due, paged; past-due loans red. A new loan is checked
// (credit code, amount, term, rate) and refused beyond the bank's room (multiple × fund − outstanding).
import { PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { parkLoanStatusNames, type ParkBankView, type ParkLoanDetailView, type ParkLoanView } from "@xiangcai/shared";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { yuan } from "../debt/debtApi.ts";
import { loanStatusColours, parkCreditApi } from "./parkCreditApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["q", "bankId", "status", "year", "pastDue"] as const;

export default function LoansPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const query = useListQuery(FILTER_KEYS);
  const list = useRemoteList((signal) => parkCreditApi.loans({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const [banks, setBanks] = useState<ParkBankView[]>([]);
  const [granting, setGranting] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    parkCreditApi.banks(controller.signal).then((a) => setBanks(a.items), () => undefined);
    return () => controller.abort();
  }, []);
  const thisYear = new Date().getFullYear();
  const columns: TableColumnsType<ParkLoanView> = [
    { title: "借款合同", dataIndex: "loanNo", width: 140, render: (n: string, l) => <Link to={`/park-credit/loans/${l.id}`} className="xc-mono">{n}</Link> },
    { title: "企业", dataIndex: "enterpriseName", ellipsis: true, render: (n: string, l) => <Link to={`/park-credit/loans/${l.id}`}>{n}</Link> },
    { title: "园区", dataIndex: "parkName", width: 130 },
    { title: "银行", dataIndex: "bankName", width: 160 },
    { title: "金额（元）", dataIndex: "amount", width: 130, align: "right", render: yuan },
    { title: "放款日", dataIndex: "startDate", width: 110 },
    { title: "到期日", dataIndex: "dueDate", width: 110, render: (d: string, l) => (l.pastDue ? <span style={{ color: "#cf1322" }}>{d}</span> : d) },
    { title: "年利率", dataIndex: "annualRate", width: 80, render: (r: string) => `${r}%` },
    { title: "未还本金（元）", dataIndex: "unpaid", width: 130, align: "right", render: yuan },
    { title: "状态", key: "status", width: 140, fixed: "right", render: (_, l) => <Space size={2}><Tag color={loanStatusColours[l.status]}>{l.statusName}</Tag>{l.pastDue && l.status === "performing" && <Tag color="red">已到期未还</Tag>}</Space> },
  ];
  return (
    <>
      <PageHeader
        title="财园信贷通·贷款台账"
        description="合作银行向园区企业发放的贷款。新增贷款时校验统一社会信用代码、金额、期限和利率，并检查该行在贷余额不超过风险补偿金余额的放大倍数。到期未还的贷款标红；逾期、违约由银行报告后登记，违约贷款按分担比例从补偿金代偿。"
        extra={
          <Space>
            <DownloadButton download={() => parkCreditApi.exportLoans(query.filters)}>导出 Excel</DownloadButton>
            {can("parkCredit.manage") && <Button type="primary" icon={<PlusOutlined />} onClick={() => setGranting(true)}>登记贷款</Button>}
          </Space>
        }
      />
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Record<string, string | undefined>) => query.setFilters(v)}>
          <Form.Item name="q"><Input allowClear placeholder="企业、信用代码、合同号或园区" prefix={<SearchOutlined />} style={{ width: 240 }} /></Form.Item>
          <Form.Item name="bankId"><Select allowClear placeholder="全部银行" style={{ width: 180 }} options={banks.map((b) => ({ value: b.id, label: b.name }))} /></Form.Item>
          <Form.Item name="status"><Select allowClear placeholder="全部状态" style={{ width: 110 }} options={Object.entries(parkLoanStatusNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="year"><Select allowClear placeholder="放款年度" style={{ width: 110 }} options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: String(y), label: `${y} 年` }))} /></Form.Item>
          <Form.Item name="pastDue"><Select allowClear placeholder="到期情况" style={{ width: 130 }} options={[{ value: "true", label: "已到期未还" }, { value: "false", label: "未到期或已还" }]} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
        </Form>
        <Table<ParkLoanView> rowKey="id" size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} rowClassName={(l) => (l.pastDue ? "xc-row-overdue" : "")} scroll={{ x: 1400 }} locale={{ emptyText: "暂无贷款" }} />
      </Card>
      <style>{".xc-row-overdue > td { background: #fff1f0 !important; }"}</style>
      {granting && <GrantModal banks={banks} onClose={() => setGranting(false)} onDone={(l) => { setGranting(false); void navigate(`/park-credit/loans/${l.id}`); }} />}
    </>
  );
}

function GrantModal({ banks, onClose, onDone }: { banks: ParkBankView[]; onClose: () => void; onDone: (loan: ParkLoanDetailView) => void }) {
  const [form] = Form.useForm<Record<string, unknown> & { startDate?: dayjs.Dayjs }>();
  const bankId = Form.useWatch("bankId", form) as string | undefined;
  const bank = banks.find((b) => b.id === bankId);
  return (
    <FormModal<Record<string, unknown> & { startDate?: dayjs.Dayjs }, ParkLoanDetailView>
      form={form}
      title="登记园区企业贷款"
      okText="登记"
      width={680}
      initialValues={{ termMonths: 12, annualRate: "4.35", parkName: "青禾工业园", startDate: dayjs() }}
      send={(v, key) => parkCreditApi.grant({ bankId: v.bankId, loanNo: v.loanNo, enterpriseName: v.enterpriseName, creditCode: v.creditCode, parkName: v.parkName ?? "", amount: v.amount, startDate: v.startDate?.format("YYYY-MM-DD"), termMonths: v.termMonths, annualRate: String(v.annualRate ?? "") }, key)}
      success={(l) => `已登记 ${l.loanNo}，到期日 ${l.dueDate}`}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="bankId" label="合作银行" rules={[{ required: true, message: "请选择银行" }]} extra={bank && `补偿金余额 ${yuan(bank.fundBalance)} 元 × ${bank.multiple} 倍 = 可贷 ${yuan(bank.capacity)} 元，在贷 ${yuan(bank.outstanding)} 元，尚可放款 ${yuan(bank.available)} 元`}>
        <Select options={banks.filter((b) => b.status === "active").map((b) => ({ value: b.id, label: b.name }))} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="loanNo" label="借款合同编号" rules={[{ required: true }]}><Input style={{ width: 200 }} maxLength={100} /></Form.Item>
        <Form.Item name="parkName" label="所在园区"><Input style={{ width: 200 }} maxLength={100} /></Form.Item>
      </Space>
      <Form.Item name="enterpriseName" label="企业名称" rules={[{ required: true, min: 2 }]}><Input maxLength={200} /></Form.Item>
      <Form.Item name="creditCode" label="统一社会信用代码" rules={[{ required: true, len: 18, message: "应为18位" }]}><Input className="xc-mono" style={{ width: 240 }} maxLength={18} /></Form.Item>
      <Space wrap>
        <Form.Item name="amount" label="金额（元）" rules={[{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" }]}><Input style={{ width: 160 }} /></Form.Item>
        <Form.Item name="startDate" label="放款日" rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Form.Item name="termMonths" label="期限（月）" rules={[{ required: true }]}><InputNumber min={1} max={120} /></Form.Item>
        <Form.Item name="annualRate" label="年利率（%）" rules={[{ required: true, pattern: /^(0|[1-9]\d{0,3})(\.\d{1,4})?$/, message: "最多4位小数" }]}><Input style={{ width: 100 }} /></Form.Item>
      </Space>
    </FormModal>
  );
}
