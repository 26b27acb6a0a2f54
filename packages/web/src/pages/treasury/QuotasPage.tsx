// 授权支付额度: the monthly quota within which a budget unit pays by authorised payment, issued per fund
// (一般公共预算 / 政府性基金 / 国有资本经营) with 基本支出 and 项目支出 separate (as the 用款计划 is); the
// finance office sets it, and a request over what remains of its indicator's fund and kind is refused when
// it is entered. The list is filtered on the server by unit name, fund and kind, page by page.
import { SearchOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, InputNumber, Select, Space, Table } from "antd";
import { useEffect, useState } from "react";
import { appropriationFundNames } from "@xiangcai/shared";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useSubmit } from "../../lib/useSubmit.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { budgetApi, currentFiscalYear, treasuryApi, yuan, type Quota } from "../budget/budgetApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTERS = ["unitName", "fund", "expenditureKind"] as const;
const KIND_NAMES: Record<Quota["expenditureKind"], string> = { basic: "基本支出", project: "项目支出" };
const KIND_OPTIONS = Object.entries(KIND_NAMES).map(([value, label]) => ({ value, label }));
const FUND_OPTIONS = Object.entries(appropriationFundNames).map(([value, label]) => ({ value, label }));

export default function QuotasPage() {
  const me = useMe();
  const { can } = useAuth();
  const query = useListQuery(FILTERS);
  const [form] = Form.useForm<{ budgetUnitId: string; fiscalYear: number; month: number; fund: Quota["fund"]; expenditureKind: Quota["expenditureKind"]; quota: string }>();
  const [units, setUnits] = useState<{ value: string; label: string }[]>([]);
  const list = useRemoteList((signal) => treasuryApi.quotas({ page: query.page, pageSize: query.pageSize, ...query.filters }, signal), query.key);
  useEffect(() => void budgetApi.units().then((units) => setUnits(units.map((u) => ({ value: u.id, label: u.name })))).catch(() => undefined), []);
  const { submit, saving } = useSubmit(form, (v) => treasuryApi.setQuota({ ...v, regionCode: me.regionCode }), { success: "额度已下达", onDone: list.reload });
  return (
    <>
      <PageHeader title="授权支付额度" description="按单位、按月，分资金性质（一般公共预算、政府性基金、国有资本经营）和基本支出、项目支出下达授权支付额度；授权支付申请提交时占用其指标所属资金性质和支出类型的额度，退票、作废或退款时退回。" />
      {can("indicator.manage") && (
        <Card size="small" title="下达授权支付额度" style={{ marginBottom: 16 }}>
          <Form form={form} layout="inline" initialValues={{ fiscalYear: currentFiscalYear(), fund: "generalBudget", expenditureKind: "basic", month: Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(5, 7)) }}>
            <Form.Item name="budgetUnitId" rules={[{ required: true, message: "请选择单位" }]}><Select placeholder="预算单位" style={{ width: 190 }} options={units} /></Form.Item>
            <Form.Item name="fiscalYear"><InputNumber aria-label="年度" min={2000} max={2100} addonAfter="年" style={{ width: 110 }} /></Form.Item>
            <Form.Item name="month"><InputNumber aria-label="月份" min={1} max={12} addonAfter="月" style={{ width: 90 }} /></Form.Item>
            <Form.Item name="fund" rules={[{ required: true, message: "请选择资金性质" }]}><Select aria-label="资金性质" style={{ width: 130 }} options={FUND_OPTIONS} /></Form.Item>
            <Form.Item name="expenditureKind" rules={[{ required: true, message: "请选择支出类型" }]}><Select aria-label="支出类型" style={{ width: 110 }} options={KIND_OPTIONS} /></Form.Item>
            <Form.Item name="quota" rules={[{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "额度最多两位小数" }]}><Input aria-label="额度（元）" placeholder="额度（元）" addonBefore="额度" addonAfter="元" style={{ width: 210 }} /></Form.Item>
            <Form.Item><Space><Button type="primary" loading={saving} onClick={() => void submit()}>下达额度</Button></Space></Form.Item>
          </Form>
        </Card>
      )}
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Partial<Record<(typeof FILTERS)[number], string>>) => query.setFilters(v)}>
          <Form.Item name="unitName"><Input allowClear aria-label="按单位名称查询" placeholder="单位名称" prefix={<SearchOutlined />} style={{ width: 200 }} maxLength={100} /></Form.Item>
          <Form.Item name="fund"><Select allowClear aria-label="按资金性质筛选" placeholder="全部资金性质" style={{ width: 160 }} options={FUND_OPTIONS} /></Form.Item>
          <Form.Item name="expenditureKind"><Select allowClear aria-label="按支出类型筛选" placeholder="全部支出类型" style={{ width: 160 }} options={KIND_OPTIONS} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button><DownloadButton download={() => treasuryApi.exportQuotas(query.filters)}>导出 Excel</DownloadButton></Space></Form.Item>
        </Form>
        <Table<Quota> rowKey={(q) => `${q.budgetUnitId}-${q.fiscalYear}-${q.month}-${q.fund}-${q.expenditureKind}`} size="small" loading={list.loading} dataSource={list.page?.items ?? []} pagination={tablePagination(query, list.page)} columns={[
          { title: "预算单位", dataIndex: "budgetUnitName" },
          { title: "月份", key: "m", render: (_, q) => `${q.fiscalYear}年${q.month}月` },
          { title: "资金性质", dataIndex: "fundName" },
          { title: "支出类型", dataIndex: "expenditureKind", render: (k: Quota["expenditureKind"]) => KIND_NAMES[k] },
          { title: "额度", dataIndex: "quota", align: "right", render: yuan },
          { title: "已用", dataIndex: "used", align: "right", render: yuan },
          { title: "剩余", dataIndex: "remaining", align: "right", render: yuan },
        ]} />
      </Card>
    </>
  );
}
