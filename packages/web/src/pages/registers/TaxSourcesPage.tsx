// 税源台账: enterprises and individual businesses by credit code, industry and village, their tax
// over the last 12 months; searched, filtered and paged; the tax office's monthly export imported
// (unknown taxpayers registered, every bad row named, nothing saved if any), the register exported,
// a source registered by hand, and each source's months by tax kind with its history.
import { HistoryOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { TaxSourceDetailView, TaxSourceView } from "@xiangcai/shared";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { yuan } from "../debt/debtApi.ts";
import { ImportSheetModal } from "../../components/ImportSheetModal.tsx";
import { atDistrict, HistoryDrawer } from "./parts.tsx";
import { registersApi } from "./registersApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["q", "kind", "industry", "regionCode"] as const;
const kindNames = { enterprise: "企业", individual: "个体工商户" } as const;

export default function TaxSourcesPage() {
  const { can, me } = useAuth();
  const district = atDistrict(me?.regionCode);
  const manage = can("register.manage");
  const query = useListQuery(FILTER_KEYS);
  const list = useRemoteList((signal) => registersApi.taxSources({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [open, setOpen] = useState<TaxSourceView | null>(null);
  const columns: TableColumnsType<TaxSourceView> = [
    { title: "纳税人名称", dataIndex: "name", ellipsis: true, render: (n: string, s) => <a onClick={() => setOpen(s)}>{n}</a> },
    ...(district ? [{ title: "乡镇", dataIndex: "regionName", width: 90 }] : []),
    { title: "统一社会信用代码", dataIndex: "creditCode", width: 190, className: "xc-mono" },
    { title: "类型", dataIndex: "kind", width: 110, render: (k: TaxSourceView["kind"]) => <Tag color={k === "enterprise" ? "blue" : "gold"}>{kindNames[k]}</Tag> },
    { title: "行业", dataIndex: "industry", width: 130 },
    { title: "所在村", dataIndex: "villageName", width: 100, render: (v: string | null) => v ?? "—" },
    { title: "税种", dataIndex: "taxKinds", width: 220, render: (k: string[]) => k.map((x) => <Tag key={x}>{x}</Tag>) },
    { title: "近12个月纳税（元）", dataIndex: "last12Months", width: 150, align: "right", fixed: "right", render: yuan },
  ];
  return (
    <>
      <PageHeader
        title="税源台账"
        description="辖区企业和个体工商户按统一社会信用代码登记，按月、分税种记录实缴税款。每月导入税务部门导出的 Excel（纳税人识别号、纳税人名称、所属期、税种、实缴金额、行业），新纳税人自动登记，同一月份同一税种重新导入时替换金额并保留原值记录。"
        extra={
          <Space>
            <Link to="/registers/tax-analysis"><Button>重点税源与收入预计</Button></Link>
            <DownloadButton download={() => registersApi.exportTaxSources(query.filters)}>导出 Excel</DownloadButton>
            {manage && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入税务数据</Button>}
            {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>登记税源</Button>}
          </Space>
        }
      />
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Record<string, string | undefined>) => query.setFilters(v)}>
          <Form.Item name="q"><Input allowClear placeholder="名称或统一社会信用代码" prefix={<SearchOutlined />} style={{ width: 240 }} /></Form.Item>
          {district && <Form.Item name="regionCode"><RegionSelect levels={["township"]} placeholder="全部乡镇" allowClear style={{ width: 160 }} /></Form.Item>}
          <Form.Item name="kind"><Select allowClear placeholder="全部类型" style={{ width: 130 }} options={Object.entries(kindNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="industry"><Input allowClear placeholder="行业" style={{ width: 140 }} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
        </Form>
        <Table<TaxSourceView> rowKey="id" size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} scroll={{ x: 1200 }} locale={{ emptyText: "暂无税源" }} />
      </Card>
      {creating && <TaxSourceModal defaultRegion={district ? undefined : me?.regionCode} onClose={() => setCreating(false)} onSaved={() => { setCreating(false); list.reload(); }} />}
      {importing && (
        <ImportSheetModal
          title="导入税务部门导出的纳税数据"
          columns="纳税人识别号、纳税人名称、所属期（YYYY-MM 或 YYYYMM）、税种、实缴金额（元），可选“行业”"
          askRegion={district}
          defaultRegion={district ? undefined : me?.regionCode}
          send={registersApi.importTax}
          summary={(a) => `已导入 ${a.rows ?? 0} 行，新登记税源 ${a.sourcesCreated ?? 0} 户，替换 ${a.replaced ?? 0} 条`}
          onClose={() => setImporting(false)}
          onImported={() => { setImporting(false); list.reload(); }}
        />
      )}
      {open && <TaxSourceDrawer source={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function TaxSourceDrawer({ source, onClose }: { source: TaxSourceView; onClose: () => void }) {
  const [detail, setDetail] = useState<TaxSourceDetailView | null>(null);
  const [history, setHistory] = useState<"taxSource" | "taxPayment" | null>(null);
  const report = useApiError();
  useEffect(() => {
    const controller = new AbortController();
    registersApi.taxSource(source.id, controller.signal).then(setDetail, (error: unknown) => { if (!controller.signal.aborted) report(error); });
    return () => controller.abort();
  }, [source.id, report]);
  const kinds = detail ? [...new Set(detail.months.flatMap((m) => Object.keys(m.byKind)))] : [];
  return (
    <Drawer open width={860} title={source.name} onClose={onClose} extra={<Space><Button icon={<HistoryOutlined />} onClick={() => setHistory("taxSource")}>登记记录</Button><Button icon={<HistoryOutlined />} onClick={() => setHistory("taxPayment")}>导入记录</Button></Space>}>
      <Descriptions size="small" column={2} bordered items={[
        { label: "统一社会信用代码", children: <span className="xc-mono">{source.creditCode}</span> },
        { label: "类型", children: kindNames[source.kind] },
        { label: "行业", children: source.industry },
        { label: "乡镇 / 村", children: `${source.regionName}${source.villageName ? ` / ${source.villageName}` : ""}` },
        { label: "近12个月纳税（元）", children: yuan(source.last12Months) },
        { label: "税种", children: source.taxKinds.join("、") },
      ]} />
      <Table
        style={{ marginTop: 16 }}
        size="small"
        rowKey="month"
        loading={!detail}
        dataSource={[...(detail?.months ?? [])].reverse()}
        pagination={{ pageSize: 12, size: "small" }}
        columns={[{ title: "所属期", dataIndex: "month", width: 90 }, ...kinds.map((k) => ({ title: k, key: k, align: "right" as const, render: (_: unknown, m: { byKind: Record<string, string> }) => yuan(m.byKind[k] ?? null) })), { title: "合计（元）", dataIndex: "total", align: "right" as const, render: yuan }]}
      />
      {history && <HistoryDrawer register={history} recordKey={source.id} title={source.name} onClose={() => setHistory(null)} />}
    </Drawer>
  );
}

function TaxSourceModal({ defaultRegion, onClose, onSaved }: { defaultRegion: string | undefined; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const regionCode = (Form.useWatch("regionCode", form) as string | undefined) ?? defaultRegion;
  return (
    <FormModal<Record<string, unknown>, TaxSourceView>
      form={form}
      title="登记税源"
      okText="登记"
      width={640}
      initialValues={{ kind: "enterprise" }}
      send={(v) => registersApi.createTaxSource({ regionCode: v.regionCode ?? defaultRegion, creditCode: v.creditCode, name: v.name, kind: v.kind, industry: v.industry, villageCode: v.villageCode ?? null, taxKinds: v.taxKinds ?? [] })}
      success={(s) => `已登记 ${s.name}`}
      onDone={onSaved}
      onClose={onClose}
    >
      {!defaultRegion && <Form.Item name="regionCode" label="乡镇" rules={[{ required: true, message: "请选择乡镇" }]}><RegionSelect levels={["township"]} /></Form.Item>}
      <Form.Item name="name" label="纳税人名称" rules={[{ required: true, min: 2 }]}><Input maxLength={200} /></Form.Item>
      <Space wrap>
        <Form.Item name="creditCode" label="统一社会信用代码" rules={[{ required: true, len: 18, message: "应为18位" }]}><Input className="xc-mono" style={{ width: 240 }} maxLength={18} /></Form.Item>
        <Form.Item name="kind" label="类型"><Select style={{ width: 130 }} options={Object.entries(kindNames).map(([value, label]) => ({ value, label }))} /></Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="industry" label="行业" rules={[{ required: true, message: "请填写行业" }]}><Input style={{ width: 200 }} maxLength={100} /></Form.Item>
        <Form.Item name="villageCode" label="所在村"><RegionSelect key={regionCode} levels={["village"]} allowClear style={{ width: 200 }} /></Form.Item>
      </Space>
      <Form.Item name="taxKinds" label="税种"><Select mode="tags" tokenSeparators={[",", "，", " "]} options={["增值税", "企业所得税", "个人所得税", "城市维护建设税", "房产税", "城镇土地使用税", "印花税"].map((v) => ({ value: v, label: v }))} /></Form.Item>
    </FormModal>
  );
}
