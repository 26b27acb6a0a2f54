// 录入凭证: a voucher with financial and budget lines; the totals of each basis are shown live
// with the amount in capitals, the auxiliary dimensions an account requires are asked for on its
// line, and a cash or quota movement without budget lines asks the accountant to confirm it.
// Templates per business type come from the server (built-in DOMAIN.md §5 entries, or the township's
// own): one fills the lines, their usual sides and dimensions, and an amount typed beside the
// templates fills every line when the template balances with one amount. With ?id= the page edits
// an entered voucher of its preparer.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { amountInCapitals } from "@xiangcai/shared";
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Table } from "antd";
import dayjs from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ClassificationPicker } from "../../components/ClassificationPicker.tsx";
import { AUX_NAMES, BasisTotals, blankRow, fenOf, type AmountRow } from "./BasisTotals.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { useAction } from "../../lib/useSubmit.ts";
import { ledgerApi, type Account, type AuxDimension, type VoucherLineInput, type VoucherTemplate } from "./ledgerApi.ts";
import { today } from "./useLedgerSet.ts";

const PARALLEL = ["1001", "1002", "1011", "1021", "4001"];

type Row = AmountRow;

const blank = blankRow;

export default function VoucherEntryPage() {
  const [params] = useSearchParams();
  const editId = params.get("id") ?? "";
  const [setId, setSetId] = useState(params.get("setId") ?? "");
  const [templates, setTemplates] = useState<VoucherTemplate[]>([]);
  const [templateAmount, setTemplateAmount] = useState("");
  const navigate = useNavigate();
  const report = useApiError();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [date, setDate] = useState(today());
  const [summary, setSummary] = useState("");
  const [attachments, setAttachments] = useState(1);
  const [rows, setRows] = useState<Row[]>([blank(), blank()]);
  const [confirmParallel, setConfirmParallel] = useState(false);

  useEffect(() => {
    if (!setId) return;
    const controller = new AbortController();
    ledgerApi.accounts(setId, controller.signal).then(setAccounts, report);
    ledgerApi.templates(setId, false, controller.signal).then(setTemplates, report);
    return () => controller.abort();
  }, [setId, report]);

  useEffect(() => {
    if (!editId) return;
    const controller = new AbortController();
    ledgerApi.voucher(editId, controller.signal).then((v) => {
      setSetId(v.setId);
      setDate(v.date);
      setSummary(v.summary);
      setAttachments(v.attachments);
      setConfirmParallel(v.parallelConfirmed);
      setRows(v.lines.map((l) => ({ ...blank(l.account), debit: l.debit ?? "", credit: l.credit ?? "", aux: { ...l.aux } })));
    }, report);
    return () => controller.abort();
  }, [editId, report]);

  const byCode = useMemo(() => new Map(accounts.map((a) => [a.code, a])), [accounts]);
  const leafOptions = useMemo(
    () => accounts.filter((a) => a.isLeaf).map((a) => ({ value: a.code, label: `${a.code} ${a.name}${a.basis === "budget" ? "（预算）" : ""}` })),
    [accounts],
  );

  const totals = useMemo(() => {
    const t = { financial: { d: 0n, c: 0n, n: 0 }, budget: { d: 0n, c: 0n, n: 0 }, bad: false };
    for (const r of rows) {
      const account = r.account ? byCode.get(r.account) : undefined;
      const d = fenOf(r.debit);
      const c = fenOf(r.credit);
      if (d === null || c === null) t.bad = true;
      if (!account) continue;
      t[account.basis].d += d ?? 0n;
      t[account.basis].c += c ?? 0n;
      t[account.basis].n++;
    }
    return t;
  }, [rows, byCode]);
  const parallelWarning = totals.budget.n === 0 && rows.some((r) => r.account && PARALLEL.includes(r.account.slice(0, 4)));

  const update = (key: number, change: Partial<Row>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const applyTemplate = (t: VoucherTemplate) => {
    const amount = t.oneAmount && fenOf(templateAmount) ? templateAmount.trim() : "";
    setRows(t.lines.map((l) => ({ ...blank(l.account), aux: { ...l.aux }, debit: l.side === "debit" ? amount : "", credit: l.side === "credit" ? amount : "" })));
    if (!summary.trim()) setSummary(t.summary);
  };

  // One key for this voucher: a retry after a lost answer replays the first entry, never a second voucher.
  const save = useAction(
    (key) => {
      const lines: VoucherLineInput[] = rows
        .filter((r) => r.account || r.debit || r.credit)
        .map((r) => ({
          account: r.account ?? "",
          ...(r.debit.trim() ? { debit: r.debit.trim() } : {}),
          ...(r.credit.trim() ? { credit: r.credit.trim() } : {}),
          ...(Object.values(r.aux).some(Boolean) ? { aux: Object.fromEntries(Object.entries(r.aux).filter(([, v]) => v)) } : {}),
        }));
      const body = { date, summary: summary.trim(), attachments, confirmParallel: parallelWarning ? confirmParallel : undefined, lines };
      return editId ? ledgerApi.editVoucher(editId, body) : ledgerApi.enter({ setId, ...body }, key);
    },
    { success: editId ? "凭证已修改，待审核" : "凭证已保存，待审核", onDone: (v) => navigate(`/ledger/vouchers/${v.id}`) },
  );

  const capitalsOf = totals.financial.n > 0 ? totals.financial.d : totals.budget.d;

  return (
    <>
      <PageHeader title={editId ? "修改凭证" : "录入凭证"} description="财务会计与预算会计分录各自借贷平衡；纳入部门预算管理的现金收支须平行记账。保存后由他人审核、记账。" />
      <Card>
        <Form layout="inline" style={{ marginBottom: 16 }}>
          <Form.Item label="日期" required>
            <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format("YYYY-MM-DD"))} />
          </Form.Item>
          <Form.Item label="摘要" required>
            <Input style={{ width: 360 }} maxLength={200} value={summary} onChange={(e) => setSummary(e.target.value)} placeholder="如：支付11月办公用品费" />
          </Form.Item>
          <Form.Item label="附单据">
            <InputNumber min={0} max={999} value={attachments} onChange={(n) => setAttachments(n ?? 0)} addonAfter="张" />
          </Form.Item>
        </Form>
        <Space wrap style={{ marginBottom: 12 }}>
          <span>常用模板：</span>
          <Input size="small" className="xc-mono" style={{ width: 120 }} placeholder="金额（可选）" aria-label="模板金额" status={fenOf(templateAmount) === null ? "error" : undefined} value={templateAmount} onChange={(e) => setTemplateAmount(e.target.value)} />
          {templates.map((t) => (
            <Button key={t.id} size="small" title={t.lines.map((l) => `${l.side === "debit" ? "借" : "贷"} ${l.account}`).join("，")} onClick={() => applyTemplate(t)}>
              {t.name}
            </Button>
          ))}
          <Button size="small" type="link" onClick={() => navigate("/ledger/templates")}>
            管理模板
          </Button>
        </Space>
        <Table<Row>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: "#", key: "n", width: 40, render: (_: unknown, _r, i) => i + 1 },
            {
              title: "会计科目",
              key: "account",
              width: 300,
              render: (_: unknown, r) => (
                <Select showSearch allowClear style={{ width: "100%" }} placeholder="输入代码或名称" value={r.account} options={leafOptions} optionFilterProp="label" onChange={(code?: string) => update(r.key, { account: code, aux: {} })} />
              ),
            },
            {
              title: "辅助核算",
              key: "aux",
              render: (_: unknown, r) => {
                const account = r.account ? byCode.get(r.account) : undefined;
                const dims: AuxDimension[] = account ? [...new Set<AuxDimension>([...account.requiredAux, ...(account.basis === "budget" && account.code.startsWith("7") ? (["functional", "economic"] as AuxDimension[]) : [])])] : [];
                return (
                  <Space wrap size={4}>
                    {dims.map((d) => {
                      // Marked before saving: the dimensions the server will require of this account.
                      const required = account?.requiredAux.includes(d) === true;
                      const placeholder = `${AUX_NAMES[d]}${required ? "（必填）" : ""}`;
                      return d === "functional" || d === "economic" || d === "revenue" ? (
                        <ClassificationPicker key={d} kind={d} fiscalYear={Number(date.slice(0, 4))} size="small" style={{ width: 220 }} required={required} placeholder={placeholder} value={r.aux[d]} onChange={(code) => update(r.key, { aux: { ...r.aux, [d]: code ?? "" } })} />
                      ) : (
                        <Input key={d} size="small" style={{ width: 130 }} status={required && !r.aux[d] ? "error" : undefined} placeholder={placeholder} value={r.aux[d] ?? ""} onChange={(e) => update(r.key, { aux: { ...r.aux, [d]: e.target.value } })} />
                      );
                    })}
                  </Space>
                );
              },
            },
            {
              title: "借方金额",
              key: "debit",
              width: 150,
              render: (_: unknown, r) => <Input className="xc-mono" status={fenOf(r.debit) === null ? "error" : undefined} value={r.debit} onChange={(e) => update(r.key, { debit: e.target.value, credit: e.target.value ? "" : r.credit })} placeholder="0.00" />,
            },
            {
              title: "贷方金额",
              key: "credit",
              width: 150,
              render: (_: unknown, r) => <Input className="xc-mono" status={fenOf(r.credit) === null ? "error" : undefined} value={r.credit} onChange={(e) => update(r.key, { credit: e.target.value, debit: e.target.value ? "" : r.debit })} placeholder="0.00" />,
            },
            { title: "", key: "del", width: 44, render: (_: unknown, r) => <Button type="text" icon={<DeleteOutlined />} aria-label="删除该行" disabled={rows.length <= 2} onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))} /> },
          ]}
        />
        <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setRows((all) => [...all, blank()])}>
          添加分录
        </Button>
        <BasisTotals financial={totals.financial} budget={totals.budget}>
          <Descriptions.Item label="金额大写" span={2}>
            {capitalsOf > 0n ? amountInCapitals(capitalsOf) : "—"}
          </Descriptions.Item>
        </BasisTotals>
        {parallelWarning && (
          <Alert
            style={{ marginTop: 16 }}
            type="warning"
            showIcon
            message="涉及库存现金、银行存款、零余额账户用款额度、其他货币资金或财政拨款收入，但没有预算会计分录"
            description={
              <Checkbox checked={confirmParallel} onChange={(e) => setConfirmParallel(e.target.checked)}>
                确认本笔不属于纳入部门预算管理的资金收支（如应缴财政款、代收代付、受托代理资金、现金提存），不需平行记账
              </Checkbox>
            }
          />
        )}
        {totals.bad && <Alert style={{ marginTop: 16 }} type="error" showIcon message="金额应为正数，最多两位小数" />}
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" loading={save.running} disabled={!setId || totals.bad || (parallelWarning && !confirmParallel)} onClick={() => void save.run()}>
            保存凭证
          </Button>
          <Button onClick={() => navigate("/ledger/vouchers")}>返回</Button>
        </Space>
      </Card>
    </>
  );
}
