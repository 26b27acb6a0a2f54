// 上解: remittances to the level above (体制上解, 专项上解), each by its document; a recorded remittance
// posts itself into the township's fiscal books (上解费用, 上解预算支出) and cannot be changed — a
// correction is a new record.
import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { currentFiscalYear, yuan } from "../budget/budgetApi.ts";
import { fiscalApi, type Remittance } from "./fiscalApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["fiscalYear"] as const;

export default function RemittancesPage() {
  const { can } = useAuth();
  const query = useListQuery(FILTER_KEYS);
  const fiscalYear = Number(query.filters.fiscalYear ?? currentFiscalYear());
  const list = useRemoteList((signal) => fiscalApi.remittances({ fiscalYear, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title="上解"
        description="登记按上级文件上解的资金（体制上解、专项上解），一份文件登记一次；登记后自动记入财政总会计账（上解费用、上解预算支出）。"
        extra={can("indicator.manage") && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>登记上解</Button>}
      />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select value={fiscalYear} style={{ width: 120 }} onChange={(v) => query.setFilters({ fiscalYear: String(v) })} options={[-1, 0, 1].map((d) => ({ value: currentFiscalYear() + d, label: `${currentFiscalYear() + d}年度` }))} />
          <DownloadButton download={() => fiscalApi.exportRemittances({ fiscalYear })}>导出 Excel</DownloadButton>
          {list.page && <span>合计 <strong className="xc-mono">{yuan((list.page as { totalAmount?: string }).totalAmount)}</strong> 元</span>}
        </Space>
        <Table<Remittance> rowKey="id" size="small" dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} columns={[
          { title: "上解日期", dataIndex: "remittedOn", width: 120 },
          { title: "文号", dataIndex: "documentNo", width: 200 },
          { title: "类型", dataIndex: "kindName", width: 100, render: (n: string, r) => <Tag color={r.kind === "system" ? "blue" : "purple"}>{n}</Tag> },
          { title: "预算", dataIndex: "fundName", width: 140 },
          { title: "金额（元）", dataIndex: "amount", width: 150, align: "right", render: (v: string) => <span className="xc-mono">{yuan(v)}</span> },
          { title: "说明", dataIndex: "note", ellipsis: true },
          { title: "登记人", dataIndex: "recordedByName", width: 100 },
        ]} />
      </Card>
      {adding && (
        <FormModal<{ documentNo: string; kind: string; fund: string; amount: string; remittedOn: dayjs.Dayjs; note?: string }, Remittance>
          title="登记上解"
          okText="登记"
          initialValues={{ kind: "system", fund: "generalBudget", remittedOn: dayjs() }}
          send={(v, key) => fiscalApi.recordRemittance({ fiscalYear: v.remittedOn.year(), documentNo: v.documentNo, kind: v.kind, fund: v.fund, amount: String(v.amount), remittedOn: v.remittedOn.format("YYYY-MM-DD"), ...(v.note ? { note: v.note } : {}) }, key)}
          success={(r) => `已登记上解 ${yuan(r.amount)} 元`}
          onDone={() => { setAdding(false); list.reload(); }}
          onClose={() => setAdding(false)}
        >
          <Form.Item name="documentNo" label="文号" rules={[{ required: true, message: "请输入上级文件的文号" }]}>
            <Input maxLength={100} placeholder="如 青财预〔2026〕23号" />
          </Form.Item>
          <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
            <Select options={[{ value: "system", label: "体制上解" }, { value: "special", label: "专项上解" }]} />
          </Form.Item>
          <Form.Item name="fund" label="预算" rules={[{ required: true }]}>
            <Select options={[{ value: "generalBudget", label: "一般公共预算" }, { value: "governmentFund", label: "政府性基金预算" }]} />
          </Form.Item>
          <Form.Item name="amount" label="金额（元）" rules={[{ required: true, message: "请输入金额" }]}>
            <InputNumber min={0.01} precision={2} stringMode style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="remittedOn" label="上解日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input maxLength={200} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
