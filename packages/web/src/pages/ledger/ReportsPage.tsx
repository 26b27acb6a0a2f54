// 账簿与报表: the trial balance (科目余额表), journals, general and subsidiary ledgers, auxiliary
// ledgers and the statements of the set's kind (政府会计制度 for a unit's books, 财政总会计制度 for the
// township's treasury books) for any month range, each downloadable as Excel.
import { Alert, App, Card, DatePicker, Form, Select, Switch, Table, Tabs } from "antd";
import { useAuth } from "../../auth/AuthContext.tsx";
import dayjs from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { formatYuanText } from "../../lib/money.ts";
import { downloadExcel, ledgerApi, type Account, type ReportTable } from "./ledgerApi.ts";
import { thisMonth, useLedgerSet } from "./useLedgerSet.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

type SetKind = "unit" | "fiscal";
const REPORTS: { key: string; label: string; kind: "trial" | "book" | "statement"; needsAccount?: boolean; setKinds?: SetKind[]; cashFlowOnly?: boolean }[] = [
  { key: "trial-balance", label: "科目余额表", kind: "trial" },
  // 政府会计制度 (a unit's books)
  { key: "balance-sheet", label: "资产负债表", kind: "statement", setKinds: ["unit"] },
  { key: "revenue-expense", label: "收入费用表", kind: "statement", setKinds: ["unit"] },
  { key: "net-asset-changes", label: "净资产变动表", kind: "statement", setKinds: ["unit"] },
  { key: "cash-flow", label: "现金流量表", kind: "statement", setKinds: ["unit"], cashFlowOnly: true },
  { key: "budget-revenue-expenditure", label: "预算收入支出表", kind: "statement", setKinds: ["unit"] },
  { key: "budget-carryover", label: "预算结转结余变动表", kind: "statement", setKinds: ["unit"] },
  { key: "fiscal-appropriation", label: "财政拨款预算收入支出表", kind: "statement", setKinds: ["unit"] },
  { key: "reconciliation", label: "差异调节表", kind: "statement", setKinds: ["unit"] },
  // 财政总会计制度 (the township's treasury books)
  { key: "fiscal-balance-sheet", label: "资产负债表", kind: "statement", setKinds: ["fiscal"] },
  { key: "fiscal-revenue-expense", label: "收入费用表", kind: "statement", setKinds: ["fiscal"] },
  { key: "fiscal-budget-revenue-expenditure", label: "预算收入支出表", kind: "statement", setKinds: ["fiscal"] },
  { key: "general-budget-execution", label: "一般公共预算执行情况表", kind: "statement", setKinds: ["fiscal"] },
  { key: "government-fund-execution", label: "政府性基金预算执行情况表", kind: "statement", setKinds: ["fiscal"] },
  { key: "state-capital-execution", label: "国有资本经营预算执行情况表", kind: "statement", setKinds: ["fiscal"] },
  { key: "special-account", label: "财政专户管理资金收支情况表", kind: "statement", setKinds: ["fiscal"] },
  { key: "special-fund", label: "专用基金收支情况表", kind: "statement", setKinds: ["fiscal"] },
  { key: "fiscal-reconciliation", label: "差异调节表", kind: "statement", setKinds: ["fiscal"] },
  { key: "general", label: "总账", kind: "book" },
  { key: "journal-cash", label: "现金日记账", kind: "book", setKinds: ["unit"] },
  { key: "journal-bank", label: "银行存款日记账", kind: "book", setKinds: ["unit"] },
  { key: "subsidiary", label: "明细账", kind: "book", needsAccount: true },
  { key: "auxiliary", label: "辅助账", kind: "book", needsAccount: true },
];
const DIMENSIONS = [
  { value: "functional", label: "功能分类" },
  { value: "economic", label: "经济分类" },
  { value: "project", label: "项目" },
  { value: "payee", label: "往来单位" },
  { value: "department", label: "部门" },
  { value: "revenue", label: "收入分类" },
];

export default function ReportsPage() {
  const [params, setParams] = useSearchParams();
  const { message } = App.useApp();
  const report = useApiError();
  const ledger = useLedgerSet();
  const { can } = useAuth();
  const active = params.get("report") ?? "trial-balance";
  // A set's kind decides its statements: 政府会计制度's for a unit's books, 财政总会计制度's for the township's.
  const setKind: SetKind = ledger.current?.kind ?? "unit";
  // 现金流量表 only where the set chose to prepare it (政府会计制度 leaves it to the unit).
  const reports = REPORTS.filter((r) => (!r.setKinds || r.setKinds.includes(setKind)) && (!r.cashFlowOnly || ledger.current?.cashFlow));
  const spec = reports.find((r) => r.key === active) ?? reports[0]!;
  const [from, setFrom] = useState(`${thisMonth().slice(0, 4)}-01`);
  const [to, setTo] = useState(thisMonth());
  const [account, setAccount] = useState<string | undefined>("1011");
  const [dimension, setDimension] = useState("economic");
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [table, setTable] = useState<ReportTable | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!ledger.setId) return;
    ledgerApi.accounts(ledger.setId).then(setAccounts, report);
  }, [ledger.setId, report]);

  useEffect(() => {
    if (!ledger.setId || (spec.needsAccount && !account)) return;
    const controller = new AbortController();
    const q = { from, to, ...(spec.needsAccount ? { account } : {}), ...(spec.key === "auxiliary" ? { dimension } : {}) };
    setLoading(true);
    const call = spec.kind === "trial" ? ledgerApi.trialBalance(ledger.setId, q, controller.signal) : spec.kind === "statement" ? ledgerApi.statement(ledger.setId, spec.key, q, controller.signal) : ledgerApi.book(ledger.setId, spec.key, q, controller.signal);
    call.then(setTable, report).finally(() => setLoading(false));
    return () => controller.abort();
  }, [ledger.setId, spec, from, to, account, dimension, report]);

  const columns = useMemo(
    () =>
      (table?.columns ?? []).map((c) => ({
        title: c.header,
        dataIndex: c.key,
        key: c.key,
        align: c.money ? ("right" as const) : undefined,
        width: c.money ? 140 : c.width ? c.width * 9 : undefined,
        render: (v: string | number | null) => (c.money ? <span className="xc-mono" style={typeof v === "string" && v.startsWith("-") ? { color: "#c00" } : undefined}>{typeof v === "string" && v !== "" ? formatYuanText(v) : (v ?? "")}</span> : v),
      })),
    [table],
  );

  const toggleCashFlow = async (cashFlow: boolean) => {
    if (!ledger.setId) return;
    try {
      ledger.replaceSet(await ledgerApi.setOptions(ledger.setId, { cashFlow }));
      void message.success(cashFlow ? "已选择编制现金流量表" : "已不再编制现金流量表");
    } catch (error) {
      report(error);
    }
  };

  const download = async () => {
    if (!ledger.setId) return;
    await downloadExcel(ledger.setId, { report: spec.key, from, to, ...(spec.needsAccount ? { account } : {}), ...(spec.key === "auxiliary" ? { dimension } : {}) });
  };

  return (
    <>
      <PageHeader title="账簿与报表" description="按月份范围（同一会计年度）查询科目余额表、总账、明细账、日记账、辅助账和报表（单位账套为政府会计制度报表，财政总会计账套为财政总会计制度报表），均可导出 Excel。" />
      <Card>
        <Form layout="inline" className="xc-filters">
          <Form.Item label="账套">
            <Select style={{ width: 300 }} value={ledger.setId ?? undefined} onChange={ledger.setSetId} options={ledger.sets.map((s) => ({ value: s.id, label: `${s.code} ${s.name}${s.kind === "fiscal" ? "（财政总会计）" : ""}` }))} />
          </Form.Item>
          <Form.Item label="期间">
            <DatePicker.RangePicker
              picker="month"
              allowClear={false}
              value={[dayjs(`${from}-01`), dayjs(`${to}-01`)]}
              onChange={(range) => {
                if (range?.[0] && range[1]) {
                  setFrom(range[0].format("YYYY-MM"));
                  setTo(range[1].format("YYYY-MM"));
                }
              }}
            />
          </Form.Item>
          {spec.needsAccount && (
            <Form.Item label="科目">
              <Select showSearch style={{ width: 240 }} value={account} onChange={setAccount} optionFilterProp="label" options={accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }))} />
            </Form.Item>
          )}
          {spec.key === "auxiliary" && (
            <Form.Item label="按">
              <Select style={{ width: 130 }} value={dimension} onChange={setDimension} options={DIMENSIONS} />
            </Form.Item>
          )}
          {setKind === "unit" && ledger.current && (
            <Form.Item label="编制现金流量表">
              <Switch checked={ledger.current.cashFlow} disabled={!can("ledger.close")} onChange={(checked) => void toggleCashFlow(checked)} checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          )}
          <Form.Item>
            <DownloadButton download={download} onDone={() => void message.success("已导出 Excel")}>
              导出 Excel
            </DownloadButton>
          </Form.Item>
        </Form>
        <Tabs activeKey={spec.key} onChange={(key) => setParams({ report: key })} items={reports.map((r) => ({ key: r.key, label: r.label }))} />
        {table && (
          <div style={{ textAlign: "center", marginBottom: 8 }}>
            <h3 style={{ margin: 0 }}>{table.title}</h3>
            <div style={{ color: "#666" }}>{table.subtitle}</div>
          </div>
        )}
        {table?.note && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={table.note} />}
        <Table rowKey={(_, i) => String(i)} onRow={(row) => ({ style: row.total === 1 || row.account === "合计" ? { fontWeight: 600 } : undefined })} size="small" bordered loading={loading} columns={columns} dataSource={table?.rows ?? []} pagination={false} scroll={{ x: 900 }} />
      </Card>
    </>
  );
}
