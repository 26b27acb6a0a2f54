// 期初余额: the opening balances of an account set taken over from other software, per leaf account
// (and per auxiliary combination where the account requires one). They are saved all at once and
// take effect only when financial and budget balances each balance; after the first posting of the
// set's first year they are shown read-only.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Form, Input, Select, Space, Table } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useAuth } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { AUX_NAMES, BasisTotals, blankRow, fenOf, type AmountRow } from "./BasisTotals.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { ledgerApi, type Account, type OpeningAnswer } from "./ledgerApi.ts";
import { useLedgerSet } from "./useLedgerSet.ts";


type Row = AmountRow;
const blank = blankRow;

export default function OpeningBalancesPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const report = useApiError();
  const ledger = useLedgerSet();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [answer, setAnswer] = useState<OpeningAnswer | null>(null);
  const [rows, setRows] = useState<Row[]>([blank()]);
  const [q, setQ] = useState("");
  const [saving, setSaving] = useState(false);

  const apply = (a: OpeningAnswer) => {
    setAnswer(a);
    setRows(a.lines.length ? a.lines.map((l) => ({ key: blankRow().key, account: l.account, debit: l.debit ?? "", credit: l.credit ?? "", aux: { ...l.aux } })) : [blank()]);
  };
  const load = useCallback(() => {
    if (!ledger.setId) return;
    ledgerApi.accounts(ledger.setId).then(setAccounts, report);
    ledgerApi.openings(ledger.setId).then(apply, report);
  }, [ledger.setId, report]);
  useEffect(load, [load]);

  const byCode = useMemo(() => new Map(accounts.map((a) => [a.code, a])), [accounts]);
  const leafOptions = useMemo(() => accounts.filter((a) => a.isLeaf).map((a) => ({ value: a.code, label: `${a.code} ${a.name}${a.basis === "budget" ? "（预算）" : ""}` })), [accounts]);
  const totals = useMemo(() => {
    const t = { financial: { d: 0n, c: 0n }, budget: { d: 0n, c: 0n }, bad: false };
    for (const r of rows) {
      const a = r.account ? byCode.get(r.account) : undefined;
      const d = fenOf(r.debit);
      const c = fenOf(r.credit);
      if (d === null || c === null) t.bad = true;
      if (!a) continue;
      t[a.basis].d += d ?? 0n;
      t[a.basis].c += c ?? 0n;
    }
    return t;
  }, [rows, byCode]);
  const locked = answer?.locked ?? false;
  const editable = !locked && can("ledger.post");
  const update = (key: number, change: Partial<Row>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const shown = rows.filter((r) => !q.trim() || !r.account || r.account.startsWith(q.trim()) || (byCode.get(r.account)?.name ?? "").includes(q.trim()));

  const save = async () => {
    if (!ledger.setId) return;
    setSaving(true);
    try {
      const lines = rows
        .filter((r) => r.account || r.debit || r.credit)
        .map((r) => ({
          account: r.account ?? "",
          ...(r.debit.trim() ? { debit: r.debit.trim() } : {}),
          ...(r.credit.trim() ? { credit: r.credit.trim() } : {}),
          ...(Object.values(r.aux).some(Boolean) ? { aux: Object.fromEntries(Object.entries(r.aux).filter(([, v]) => v)) } : {}),
        }));
      apply(await ledgerApi.saveOpenings(ledger.setId, lines));
      void message.success("期初余额已保存并生效");
    } catch (error) {
      report(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title="期初余额" description="从其他软件转入的账套，在首个会计年度第一张凭证记账前录入各末级科目的期初余额（要求辅助核算的科目按辅助项分别录入）。财务会计、预算会计各自借贷平衡后方可保存生效。" />
      <Card>
        <Form layout="inline" className="xc-filters">
          <Form.Item label="账套">
            <Select style={{ width: 280 }} value={ledger.setId ?? undefined} onChange={ledger.setSetId} options={ledger.sets.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))} />
          </Form.Item>
          <Form.Item label="查找科目">
            <Input.Search allowClear style={{ width: 200 }} placeholder="代码或名称" value={q} onChange={(e) => setQ(e.target.value)} />
          </Form.Item>
          {answer && <Form.Item label="年度">{answer.year}年年初</Form.Item>}
        </Form>
        {locked && <Alert style={{ marginBottom: 12 }} type="info" showIcon message="期初余额已锁定" description={answer?.lockedReason} />}
        <Table<Row>
          rowKey="key"
          size="small"
          dataSource={shown}
          pagination={{ pageSize: 50, showTotal: (n) => `共 ${n} 行` }}
          columns={[
            {
              title: "会计科目",
              key: "account",
              width: 300,
              render: (_: unknown, r) => <Select showSearch disabled={!editable} style={{ width: "100%" }} placeholder="输入代码或名称" value={r.account} options={leafOptions} optionFilterProp="label" onChange={(account?: string) => update(r.key, { account, aux: {} })} />,
            },
            {
              title: "辅助核算",
              key: "aux",
              render: (_: unknown, r) => (
                <Space wrap size={4}>
                  {(r.account ? (byCode.get(r.account)?.requiredAux ?? []) : []).map((d) => (
                    <Input key={d} size="small" disabled={!editable} style={{ width: 130 }} placeholder={`${AUX_NAMES[d]}（必填）`} value={r.aux[d] ?? ""} onChange={(e) => update(r.key, { aux: { ...r.aux, [d]: e.target.value } })} />
                  ))}
                </Space>
              ),
            },
            { title: "借方余额", key: "debit", width: 160, render: (_: unknown, r) => <Input className="xc-mono" disabled={!editable} status={fenOf(r.debit) === null ? "error" : undefined} value={r.debit} onChange={(e) => update(r.key, { debit: e.target.value, credit: e.target.value ? "" : r.credit })} placeholder="0.00" /> },
            { title: "贷方余额", key: "credit", width: 160, render: (_: unknown, r) => <Input className="xc-mono" disabled={!editable} status={fenOf(r.credit) === null ? "error" : undefined} value={r.credit} onChange={(e) => update(r.key, { credit: e.target.value, debit: e.target.value ? "" : r.debit })} placeholder="0.00" /> },
            { title: "", key: "del", width: 44, render: (_: unknown, r) => <Button type="text" icon={<DeleteOutlined />} aria-label="删除该行" disabled={!editable || rows.length <= 1} onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))} /> },
          ]}
        />
        {editable && (
          <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setRows((all) => [...all, blank()])}>
            添加科目
          </Button>
        )}
        <BasisTotals financial={totals.financial} budget={totals.budget}>
        </BasisTotals>
        {totals.bad && <Alert style={{ marginTop: 16 }} type="error" showIcon message="金额应为正数，最多两位小数" />}
        {editable && (
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" loading={saving} disabled={totals.bad || totals.financial.d !== totals.financial.c || totals.budget.d !== totals.budget.c} onClick={() => void save()}>
              保存期初余额
            </Button>
            <Button onClick={load}>放弃修改</Button>
          </Space>
        )}
      </Card>
    </>
  );
}
