// 银行对账: pick the set, the bank account (1002 or a 明细) and the month; import the bank's statement
// (Excel or CSV), see the statement and the 银行存款日记账 side by side with their pairs, match the
// rest by hand or undo a pair, enter the statement balance, and print the 银行存款余额调节表.
import { App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import type { BankBookLineView, BankReconciliationView, BankStatementLineView } from "@xiangcai/shared";
import { useAuth } from "../../auth/AuthContext.tsx";
import { ImportSheetModal } from "../../components/ImportSheetModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatYuanText, moneyColumn } from "../../lib/money.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { ledgerApi } from "./ledgerApi.ts";
import { thisMonth, useLedgerSet } from "./useLedgerSet.ts";

/** The 24 months up to this one, newest first, as 2026年12月. */
function recentMonths(current: string): { value: string; label: string }[] {
  const [y, m] = current.split("-").map(Number) as [number, number];
  return Array.from({ length: 24 }, (_, i) => {
    const index = y * 12 + (m - 1) - i;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    return { value: `${year}-${String(month).padStart(2, "0")}`, label: `${year}年${month}月` };
  });
}

const bookKey = (l: { voucherId: string; lineNo: number }) => `${l.voucherId}:${l.lineNo}`;

export default function BankReconciliationPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const report = useApiError();
  const ledger = useLedgerSet();
  const [accounts, setAccounts] = useState<{ code: string; name: string }[]>([]);
  const [account, setAccount] = useState<string | undefined>();
  const [month, setMonth] = useState(thisMonth());
  const [view, setView] = useState<BankReconciliationView | null>(null);
  const [pickedStatement, setPickedStatement] = useState<string | null>(null);
  const [pickedBook, setPickedBook] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [balance, setBalance] = useState<string | null>(null);
  const writer = can("ledger.post");

  useEffect(() => {
    if (!ledger.setId) return;
    const controller = new AbortController();
    ledgerApi.accounts(ledger.setId, controller.signal).then((list) => {
      const banks = list.filter((a) => a.code.startsWith("1002") && a.isLeaf).map((a) => ({ code: a.code, name: a.name }));
      setAccounts(banks);
      setAccount((current) => (current && banks.some((b) => b.code === current) ? current : banks[0]?.code));
    }, report);
    return () => controller.abort();
  }, [ledger.setId, report]);

  const load = useCallback(() => {
    if (!ledger.setId || !account || !/^[0-9]{4}-[0-9]{2}$/.test(month)) return;
    ledgerApi.bank(ledger.setId, { account, month }).then((v) => {
      setView(v);
      setPickedStatement(null);
      setPickedBook(null);
    }, report);
  }, [ledger.setId, account, month, report]);
  useEffect(load, [load]);

  const act = async (done: string, run: () => Promise<unknown>) => {
    try {
      await run();
      void message.success(done);
      load();
    } catch (error) {
      report(error);
    }
  };
  const setId = ledger.setId ?? "";
  const t = view?.table;
  const matchTag = (m: unknown, manual?: boolean) => (m ? <Tag color={manual ? "blue" : "green"}>{manual ? "手工勾对" : "已勾对"}</Tag> : <Tag color="orange">未达</Tag>);

  return (
    <>
      <PageHeader
        title="银行对账"
        description={`导入银行对账单，与银行存款日记账（1002）按金额、方向、日期（相差不超过 ${view?.windowDays ?? 5} 天）和流水号自动勾对；未勾对的是未达账项，列入银行存款余额调节表。`}
      />
      <Card className="xc-no-print">
        <Form layout="inline" className="xc-filters">
          <Form.Item label="账套">
            <Select style={{ width: 260 }} value={ledger.setId ?? undefined} onChange={ledger.setSetId} options={ledger.sets.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))} />
          </Form.Item>
          <Form.Item label="银行账户">
            <Select style={{ width: 220 }} value={account} onChange={setAccount} options={accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }))} aria-label="银行账户" />
          </Form.Item>
          <Form.Item label="月份">
            <Select style={{ width: 140 }} value={month} onChange={setMonth} options={recentMonths(thisMonth())} aria-label="月份" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" disabled={!writer || !account} onClick={() => setImporting(true)}>导入对账单</Button>
              <Button disabled={!writer || !account} onClick={() => void act("自动勾对完成", async () => { const r = await ledgerApi.bankAutoMatch(setId, account!, month); void message.info(`新勾对 ${r.matched} 笔`); })}>自动勾对</Button>
              <Button disabled={!writer || !account} onClick={() => setBalance(t?.bankBalance ?? "")}>录入对账单余额</Button>
              <Button onClick={() => window.print()}>打印调节表</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>

      {view && t && (
        <Card className="xc-bank-table" style={{ marginTop: 16 }} title={`银行存款余额调节表（${view.setName}，${view.account} ${view.accountName}，${month.replace("-", "年")}月）`} extra={t.agrees ? <Tag color="green">调节一致</Tag> : <Tag color="red">调节不一致</Tag>}>
          <table className="xc-recon" aria-label="银行存款余额调节表">
            <tbody>
              <tr><th>项目</th><th className="xc-money">金额（元）</th><th>项目</th><th className="xc-money">金额（元）</th></tr>
              <tr><td>银行对账单余额{view.bankBalanceSource === "none" ? "（未导入或录入）" : view.bankBalanceSource === "entered" ? "（录入）" : ""}</td><td className="xc-money">{formatYuanText(t.bankBalance)}</td><td>单位银行存款日记账余额</td><td className="xc-money">{formatYuanText(t.bookBalance)}</td></tr>
              <tr><td>加：单位已收、银行未收</td><td className="xc-money">{formatYuanText(t.bookReceived)}</td><td>加：银行已收、单位未收</td><td className="xc-money">{formatYuanText(t.bankReceived)}</td></tr>
              <tr><td>减：单位已付、银行未付</td><td className="xc-money">{formatYuanText(t.bookPaid)}</td><td>减：银行已付、单位未付</td><td className="xc-money">{formatYuanText(t.bankPaid)}</td></tr>
              <tr><th>调节后余额</th><th className="xc-money">{formatYuanText(t.adjustedBank)}</th><th>调节后余额</th><th className="xc-money">{formatYuanText(t.adjustedBook)}</th></tr>
            </tbody>
          </table>
          {(t.unmatchedBook.length > 0 || t.unmatchedStatement.length > 0) && (
            <div style={{ marginTop: 8, color: "#666" }}>
              未达账项：
              {t.unmatchedBook.map((l) => `${l.date} ${l.summary} ${l.debit ? `收 ${formatYuanText(l.debit)}` : `付 ${formatYuanText(l.credit)}`}（单位已记）`).concat(t.unmatchedStatement.map((l) => `${l.date} ${l.summary} ${l.income ? `收 ${formatYuanText(l.income)}` : `付 ${formatYuanText(l.expense)}`}（银行已记${l.reference ? `，${l.reference}` : ""}）`)).join("；")}
            </div>
          )}
        </Card>
      )}

      {view && (
        <Row gutter={16} style={{ marginTop: 16 }} className="xc-no-print">
          <Col xs={24} xxl={12}>
            <Card title="银行对账单" size="small" extra={writer && pickedStatement && pickedBook && <Button size="small" type="primary" onClick={() => { const [voucherId, lineNo] = pickedBook.split(":"); void act("已勾对", () => ledgerApi.bankMatch(setId, { statementLineId: pickedStatement, voucherId: voucherId!, lineNo: Number(lineNo) })); }}>勾对所选两行</Button>}>
              <Table<BankStatementLineView>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={view.statement}
                locale={{ emptyText: "本月没有对账单流水，请导入" }}
                rowSelection={writer ? { type: "radio", selectedRowKeys: pickedStatement ? [pickedStatement] : [], onChange: (keys) => setPickedStatement(String(keys[0])), getCheckboxProps: (l) => ({ disabled: l.match !== null }) } : undefined}
                columns={[
                  { title: "日期", dataIndex: "date", width: 100 },
                  { title: "摘要", dataIndex: "summary", width: 200 },
                  { title: "收入", dataIndex: "income", width: 110, ...moneyColumn },
                  { title: "支出", dataIndex: "expense", width: 110, ...moneyColumn },
                  { title: "流水号", dataIndex: "reference", width: 100 },
                  { title: "状态", key: "m", width: 150, render: (_: unknown, l) => <Space size={4}>{matchTag(l.match, l.match?.manual)}{writer && l.match && <Button size="small" type="link" onClick={() => void act("已取消勾对", () => ledgerApi.bankUnmatch(setId, l.id))}>取消</Button>}</Space> },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xxl={12}>
            <Card title="银行存款日记账（已记账）" size="small">
              <Table<BankBookLineView>
                rowKey={bookKey}
                size="small"
                pagination={false}
                dataSource={view.book}
                locale={{ emptyText: "本月没有银行存款分录" }}
                rowSelection={writer ? { type: "radio", selectedRowKeys: pickedBook ? [pickedBook] : [], onChange: (keys) => setPickedBook(String(keys[0])), getCheckboxProps: (l) => ({ disabled: l.match !== null }) } : undefined}
                columns={[
                  { title: "日期", dataIndex: "date", width: 100 },
                  { title: "凭证号", dataIndex: "voucherNumber", width: 80, render: (n: number | null) => (n === null ? "" : `记-${String(n).padStart(4, "0")}`) },
                  { title: "摘要", dataIndex: "summary", width: 200 },
                  { title: "借方", dataIndex: "debit", width: 110, ...moneyColumn },
                  { title: "贷方", dataIndex: "credit", width: 110, ...moneyColumn },
                  { title: "状态", key: "m", width: 150, render: (_: unknown, l) => <Space size={4}>{matchTag(l.match, l.match?.manual)}{writer && l.match && <Button size="small" type="link" onClick={() => void act("已取消勾对", () => ledgerApi.bankUnmatch(setId, l.match!.statementLineId))}>取消</Button>}</Space> },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}

      {importing && account && (
        <ImportSheetModal
          title={`导入银行对账单（${account}）`}
          columns="日期、摘要、收入/借方、支出/贷方、余额、流水号（也认 交易日期、借方发生额/贷方发生额 等银行常用表头）"
          rule="已导入过的流水（日期、金额、流水号相同）跳过；各月月末余额取该月最后一行的余额。"
          accept=".xlsx,.csv"
          send={(file) => ledgerApi.bankImport(setId, account, file)}
          summary={(a) => `已导入 ${a.imported} 行，跳过 ${a.skipped.length} 行重复，自动勾对 ${a.matched} 笔`}
          onClose={() => setImporting(false)}
          onImported={(a) => {
            setImporting(false);
            if (a.skipped.length) void message.info(a.skipped.slice(0, 3).map((s) => s.message).join(" "));
            load();
          }}
        />
      )}
      <Modal open={balance !== null} title={`录入 ${month} 对账单月末余额`} okText="保存" cancelText="取消" onCancel={() => setBalance(null)} onOk={() => void act("已保存对账单余额", () => ledgerApi.bankBalance(setId, { account: account!, month, balance: balance ?? "" })).then(() => setBalance(null))}>
        <Input value={balance ?? ""} onChange={(e) => setBalance(e.target.value.trim())} addonAfter="元" aria-label="对账单余额" placeholder="如 12345.67" />
      </Modal>
      <style>{`
        .xc-recon { width: 100%; border-collapse: collapse; }
        .xc-recon th, .xc-recon td { border: 1px solid #d9d9d9; padding: 6px 10px; text-align: left; }
        .xc-recon .xc-money { text-align: right; font-variant-numeric: tabular-nums; }
        @media print { .xc-no-print, .ant-layout-sider, .ant-layout-header, .xc-page-header { display: none !important; } .xc-bank-table { margin: 0 !important; border: none; } }
      `}</style>
    </>
  );
}
