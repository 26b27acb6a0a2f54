// 国库收入日报: the treasury's daily revenue report, by revenue class — imported from the treasury's
// Excel file (every bad row named, nothing recorded) or entered by hand; each report posts itself into
// the township's fiscal books (财政总会计). A chart of the year's revenue by month beside the list.
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Upload } from "antd";
import dayjs from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { isApiError } from "../../api.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { useCommandKey } from "../../lib/useSubmit.ts";
import { EChart } from "../budget/EChart.tsx";
import { budgetApi, currentFiscalYear, fileAsBase64, yuan } from "../budget/budgetApi.ts";
import { fiscalApi, type RevenueReport } from "./fiscalApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["from", "to"] as const;
const FUND_NAMES: Record<string, string> = { generalBudget: "一般公共预算", governmentFund: "政府性基金预算", stateCapital: "国有资本经营预算" };
const today = () => dayjs().format("YYYY-MM-DD");

export default function RevenueReportsPage() {
  const { can } = useAuth();
  const query = useListQuery(FILTER_KEYS);
  const list = useRemoteList((signal) => fiscalApi.revenueReports({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const [entering, setEntering] = useState(false);
  const [importing, setImporting] = useState(false);
  const [shown, setShown] = useState<RevenueReport | null>(null);
  const [byMonth, setByMonth] = useState<number[]>(Array(12).fill(0));
  const report = useApiError();
  const year = currentFiscalYear();

  // The year's reports by month for the chart (a township has a few dozen reports a year).
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const sums = Array(12).fill(0) as number[];
      for (let page = 1; page <= 20; page++) {
        const found = await fiscalApi.revenueReports({ from: `${year}-01-01`, to: `${year}-12-31`, page, pageSize: 100 }, controller.signal);
        // Amounts are shown in 万元 on the chart; a float is fine for a picture, never for money kept.
        for (const r of found.items) sums[Number(r.reportDate.slice(5, 7)) - 1]! += Number(r.total) / 10_000;
        if (page * 100 >= found.total) break;
      }
      setByMonth(sums.map((v) => Math.round(v * 100) / 100));
    })().catch(() => undefined);
    return () => controller.abort();
  }, [year, list.page]);
  const option = useMemo(() => ({
    tooltip: { trigger: "axis" },
    grid: { left: 60, right: 20, top: 30, bottom: 30 },
    xAxis: { type: "category", data: Array.from({ length: 12 }, (_, i) => `${i + 1}月`) },
    yAxis: { type: "value", name: "万元" },
    series: [{ type: "bar", name: "入库收入", data: byMonth, itemStyle: { color: "#1677ff" } }],
  }), [byMonth]);

  const open = (r: RevenueReport) => void fiscalApi.revenueReport(r.id).then(setShown).catch(report);
  return (
    <>
      <PageHeader
        title="国库收入日报"
        description="按收入分类科目登记国库每日入库的税收收入和非税收入（退库写负数）：导入国库的日报 Excel 或手工录入；登记后自动记入本乡镇财政总会计账。"
        extra={
          <Space>
            <DownloadButton download={() => fiscalApi.revenueTemplate()}>下载模板</DownloadButton>
            {can("indicator.manage") && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入日报</Button>}
            {can("indicator.manage") && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering(true)}>录入日报</Button>}
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <Card title={`${year}年各月入库收入（万元）`}>
          <EChart option={option} height={240} />
        </Card>
        <Card>
          <Space wrap style={{ marginBottom: 12 }}>
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              value={[query.filters.from ? dayjs(query.filters.from) : null, query.filters.to ? dayjs(query.filters.to) : null]}
              onChange={(range) => query.setFilters({ from: range?.[0]?.format("YYYY-MM-DD"), to: range?.[1]?.format("YYYY-MM-DD") })}
            />
            {list.page && <span>合计 <strong className="xc-mono">{yuan((list.page as { totalAmount?: string }).totalAmount)}</strong> 元</span>}
          </Space>
          <Table<RevenueReport> rowKey="id" size="small" dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)}
            onRow={(r) => ({ onClick: () => open(r), style: { cursor: "pointer" } })}
            columns={[
              { title: "日期", dataIndex: "reportDate", width: 120 },
              { title: "来源", dataIndex: "source", width: 90, render: (s: string) => (s === "imported" ? <Tag color="blue">导入</Tag> : <Tag>录入</Tag>) },
              { title: "文件", dataIndex: "fileName", ellipsis: true, render: (f: string | null) => f ?? "—" },
              { title: "收入科目数", dataIndex: "lineCount", width: 110, align: "right" },
              { title: "合计（元）", dataIndex: "total", width: 160, align: "right", render: (v: string) => <span className="xc-mono" style={v.startsWith("-") ? { color: "#c00" } : undefined}>{yuan(v)}</span> },
              { title: "登记人", dataIndex: "recordedByName", width: 100 },
              { title: "登记时间", dataIndex: "recordedAt", width: 170, render: (t: string) => dayjs(t).format("YYYY-MM-DD HH:mm") },
            ]} />
        </Card>
      </Space>
      {entering && <EnterModal onClose={() => setEntering(false)} onDone={() => { setEntering(false); list.reload(); }} />}
      {importing && <ImportModal onClose={() => setImporting(false)} onDone={() => { setImporting(false); list.reload(); }} />}
      <Drawer open={shown !== null} size={640} title={shown ? `国库收入日报 ${shown.reportDate}` : ""} onClose={() => setShown(null)}>
        {shown && (
          <>
            <Descriptions size="small" column={2} items={[
              { key: "d", label: "日期", children: shown.reportDate },
              { key: "s", label: "来源", children: shown.source === "imported" ? `导入（${shown.fileName ?? ""}）` : "录入" },
              { key: "t", label: "合计", children: `${yuan(shown.total)} 元` },
              { key: "r", label: "登记人", children: shown.recordedByName },
            ]} />
            <Table size="small" rowKey="lineNo" pagination={false} style={{ marginTop: 12 }} dataSource={shown.lines ?? []} columns={[
              { title: "收入分类", dataIndex: "revenueCode", width: 110, render: (c: string) => <span className="xc-mono">{c}</span> },
              { title: "名称", dataIndex: "revenueName" },
              { title: "预算", dataIndex: "fund", width: 130, render: (f: string) => FUND_NAMES[f] ?? f },
              { title: "金额（元）", dataIndex: "amount", width: 140, align: "right", render: (v: string) => <span className="xc-mono" style={v.startsWith("-") ? { color: "#c00" } : undefined}>{yuan(v)}</span> },
            ]} />
          </>
        )}
      </Drawer>
    </>
  );
}

/** Every bad row the server named, one per line. */
function rowErrors(error: unknown, where: string): string[] | null {
  if (!isApiError(error) || error.code !== "REVENUE_REPORT_INVALID" || !error.errors?.length) return null;
  return error.errors.map((e) => `${where.replace("N", e.path.replace("rows.", ""))}：${e.message}`);
}

function EnterModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reportDate: dayjs.Dayjs; lines: { revenueCode: string; amount: string }[] }>();
  const [codes, setCodes] = useState<{ value: string; label: string }[]>([]);
  const [search, setSearch] = useState("");
  const [problems, setProblems] = useState<string[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    budgetApi.classifications({ kind: "revenue", fiscalYear: currentFiscalYear(), q: search || undefined, pageSize: 100 }, controller.signal)
      .then((page) => setCodes(page.items.filter((c) => c.code.startsWith("101") || c.code.startsWith("103")).map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))))
      .catch(() => undefined);
    return () => controller.abort();
  }, [search]);
  return (
    <FormModal
      title="录入国库收入日报"
      width={720}
      form={form}
      okText="登记"
      initialValues={{ reportDate: dayjs(today()), lines: [{ revenueCode: undefined, amount: "" }] }}
      send={async (v, key) => {
        setProblems(null);
        try {
          return await fiscalApi.enterRevenueReport({ reportDate: v.reportDate.format("YYYY-MM-DD"), lines: v.lines.map((l) => ({ revenueCode: l.revenueCode, amount: String(l.amount).trim() })) }, key);
        } catch (error) {
          setProblems(rowErrors(error, "第 N 项"));
          throw error;
        }
      }}
      success={(r) => `已登记 ${r.lineCount} 个收入科目，合计 ${yuan(r.total)} 元`}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="reportDate" label="日报日期" rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} align="baseline" style={{ display: "flex" }}>
                <span style={{ width: 28 }}>{i + 1}.</span>
                <Form.Item name={[field.name, "revenueCode"]} rules={[{ required: true, message: "请选择收入科目" }]} style={{ width: 360 }}>
                  <Select showSearch={{ filterOption: false, onSearch: setSearch }} options={codes} placeholder="收入分类科目（编码或名称）" />
                </Form.Item>
                <Form.Item name={[field.name, "amount"]} rules={[{ required: true, message: "请输入金额" }, { pattern: /^-?\d+(\.\d{1,2})?$/, message: "最多两位小数；退库写负数" }]}>
                  <Input placeholder="金额（元）" style={{ width: 180 }} />
                </Form.Item>
                {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ amount: "" })}>添加一个收入科目</Button>
          </>
        )}
      </Form.List>
      {problems && <Alert style={{ marginTop: 12 }} type="error" showIcon title="日报有错误，未登记任何收入" description={problems.join("；")} />}
    </FormModal>
  );
}

function ImportModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const [date, setDate] = useState(dayjs(today()));
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<string[] | null>(null);
  const [sending, setSending] = useState(false);
  const key = useCommandKey();
  const { message } = App.useApp();
  const report = useApiError();
  const send = async () => {
    if (!file) return;
    setSending(true);
    setProblems(null);
    try {
      const content = await fileAsBase64(file);
      const r = await key.run((k) => fiscalApi.importRevenueReport({ reportDate: date.format("YYYY-MM-DD"), fileName: file.name, content }, k));
      void message.success(`已导入 ${r.lineCount} 个收入科目，合计 ${yuan(r.total)} 元`);
      onDone();
    } catch (error) {
      const rows = rowErrors(error, "第 N 行");
      if (rows) setProblems(rows);
      else report(error);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal open title="导入国库收入日报" okText="导入" cancelText="取消" okButtonProps={{ disabled: !file }} confirmLoading={sending} onOk={() => void send()} onCancel={onClose} destroyOnHidden>
      <Space orientation="vertical" style={{ width: "100%" }}>
        <span>日报日期：<DatePicker value={date} allowClear={false} onChange={(d) => d && setDate(d)} /></span>
        <Upload accept=".xlsx" maxCount={1} beforeUpload={(f) => { setFile(f); setProblems(null); return false; }} onRemove={() => setFile(null)}>
          <Button icon={<UploadOutlined />}>选择日报 Excel（收入分类编码、名称、金额）</Button>
        </Upload>
        {problems && (
          <Alert type="error" showIcon title={`文件有 ${problems.length} 处错误，未登记任何收入`} description={<ul style={{ margin: 0, paddingLeft: 18 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} />
        )}
      </Space>
    </Modal>
  );
}
