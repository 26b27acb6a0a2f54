// 结账: the months of an account set — close a month once every voucher is posted (months close
// in order), reopen one as a recorded director's action with a reason, and close the year
// (closing entries generated, balances carried into the new year).
import { App, Button, Card, Form, Input, Select, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { ledgerApi, type AccountSet, type Period } from "./ledgerApi.ts";
import { useLedgerSet } from "./useLedgerSet.ts";

export default function PeriodsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const report = useApiError();
  const ledger = useLedgerSet();
  const [set, setSet] = useState<AccountSet | null>(null);
  const [reopening, setReopening] = useState<Period | null>(null);
  const [closing, setClosing] = useState<number | null>(null);
  const load = useCallback(() => {
    if (ledger.setId) ledgerApi.set(ledger.setId).then(setSet, report);
  }, [ledger.setId, report]);
  useEffect(load, [load]);

  const act = async (what: string, run: () => Promise<unknown>) => {
    try {
      await run();
      void message.success(what);
      load();
    } catch (error) {
      report(error);
    }
  };
  const years = [...new Set((set?.periods ?? []).map((p) => p.year))];
  const lastOpenBeforeDecember = (year: number) => (set?.periods ?? []).some((p) => p.year === year && p.month < 12 && p.status === "open");
  // Months close in order and reopen in reverse order: only the first open and the last closed month have a button.
  const firstOpen = (set?.periods ?? []).find((p) => p.status === "open");
  const lastClosed = [...(set?.periods ?? [])].reverse().find((p) => p.status === "closed");
  const same = (a: Period | undefined, b: Period) => a !== undefined && a.year === b.year && a.month === b.month;

  return (
    <>
      <PageHeader title="结账" description="月末全部凭证记账后按月顺序结账，已结账月份不能再记账。反结账须由财政所所长操作并写明原因，记入审计日志。年终结账生成结转凭证并把余额结转到新年度。" />
      <Card>
        <Form layout="inline" className="xc-filters">
          <Form.Item label="账套">
            <Select style={{ width: 280 }} value={ledger.setId ?? undefined} onChange={ledger.setSetId} options={ledger.sets.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))} />
          </Form.Item>
          {years.map((year) => (
            <Form.Item key={year}>
              <Button
                disabled={!can("ledger.close") || lastOpenBeforeDecember(year) || set?.periods.find((p) => p.year === year && p.month === 12)?.status === "closed"}
                onClick={() => setClosing(year)}
              >
                {year}年年终结账
              </Button>
            </Form.Item>
          ))}
        </Form>
        <Table<Period>
          rowKey={(p) => `${p.year}-${p.month}`}
          size="middle"
          pagination={false}
          dataSource={set?.periods ?? []}
          columns={[
            { title: "会计期间", key: "p", render: (_: unknown, p) => `${p.year}年${p.month}月` },
            { title: "已记账凭证", dataIndex: "vouchersPosted", width: 120 },
            { title: "状态", dataIndex: "status", width: 100, render: (s: Period["status"]) => (s === "closed" ? <Tag color="default">已结账</Tag> : <Tag color="green">未结账</Tag>) },
            {
              title: "操作",
              key: "a",
              width: 200,
              render: (_: unknown, p) => (
                <Space>
                  {same(firstOpen, p) && can("ledger.close") && (
                    <Button size="small" onClick={() => void act(`${p.year}年${p.month}月已结账`, () => ledgerApi.closeMonth(set!.id, p.year, p.month))}>
                      结账
                    </Button>
                  )}
                  {same(lastClosed, p) && can("ledger.reopen") && (
                    <Button size="small" danger onClick={() => setReopening(p)}>
                      反结账
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {closing !== null && set && <CloseYearModal setId={set.id} year={closing} onClose={() => setClosing(null)} onDone={() => { setClosing(null); load(); }} />}
      {reopening && set && <ReopenModal setId={set.id} period={reopening} onClose={() => setReopening(null)} onDone={() => { setReopening(null); load(); }} />}
    </>
  );
}

const AMOUNT = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;
type CloseYearValues = { specialFund?: string; specialSurplus?: string; fiscalResidual?: string; nonFiscalResidual?: string };

function CloseYearModal({ setId, year, onClose, onDone }: { setId: string; year: number; onClose: () => void; onDone: () => void }) {
  const amount = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  return (
    <FormModal<CloseYearValues>
      title={`${year}年年终结账`}
      okText="年终结账"
      layout="horizontal"
      send={(v) => ledgerApi.closeYear(setId, year, { specialFund: amount(v.specialFund), specialSurplus: amount(v.specialSurplus), fiscalResidual: amount(v.fiscalResidual), nonFiscalResidual: amount(v.nonFiscalResidual) })}
      success={`${year}年已年终结账`}
      onDone={onDone}
      onClose={onClose}
    >
      <p>将生成结转凭证：收入、费用结转本期盈余，转入本年盈余分配和累计盈余；预算收入、支出按资金性质结转财政拨款结转、非财政拨款结转、经营结余、其他结余，再经非财政拨款结余分配转入非财政拨款结余；结账12月，并把余额结转为下一年度期初余额。</p>
      <p>以下金额按需填写（不填为 0）：</p>
      {(
        [
          ["specialFund", "提取专用基金（事业单位）"],
          ["specialSurplus", "提取专用结余（事业单位）"],
          ["fiscalResidual", "已完成项目财政拨款结转转结余"],
          ["nonFiscalResidual", "已完成项目非财政拨款结转转结余"],
        ] as const
      ).map(([key, label]) => (
        <Form.Item key={key} name={key} label={label} labelCol={{ span: 12 }} style={{ marginBottom: 8 }} rules={[{ pattern: AMOUNT, message: "金额最多两位小数" }]}>
          <Input className="xc-mono" placeholder="0.00" />
        </Form.Item>
      ))}
    </FormModal>
  );
}

function ReopenModal({ setId, period, onClose, onDone }: { setId: string; period: Period; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal<{ note: string }>
      title={`反结账 ${period.year}年${period.month}月`}
      okText="反结账"
      danger
      send={(v) => ledgerApi.reopenMonth(setId, period.year, period.month, v.note.trim())}
      success={`${period.year}年${period.month}月已反结账`}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="note" label="反结账将记入审计日志。请写明原因：" rules={[{ required: true, whitespace: true, min: 2, message: "请写明原因（至少 2 个字）" }]}>
        <Input.TextArea rows={3} maxLength={500} placeholder="如：补记漏记的银行利息收入" />
      </Form.Item>
    </FormModal>
  );
}
