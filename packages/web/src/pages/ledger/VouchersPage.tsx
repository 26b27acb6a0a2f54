// 凭证管理: the vouchers of an account set by month and status; review (审核, by someone other
// than the preparer), post (记账, numbered 记-0001 … per month), reverse in red ink (红字冲销),
// discard an unposted one, open the printable voucher.
import { PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { formatYuanText } from "../../lib/money.ts";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { DownloadMenuButton } from "../../components/DownloadButton.tsx";
import { ledgerApi, type Page, type VoucherStatus, type VoucherSummary } from "./ledgerApi.ts";
import { thisMonth, today, useLedgerSet } from "./useLedgerSet.ts";

const STATUS: Record<VoucherStatus, { label: string; color: string }> = {
  entered: { label: "待审核", color: "gold" },
  reviewed: { label: "待记账", color: "blue" },
  posted: { label: "已记账", color: "green" },
};
const KIND: Record<string, string> = { normal: "", reversal: "红字冲销", supplementary: "补充", closing: "年终结转" };

export default function VouchersPage() {
  const { can, me } = useAuth();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const report = useApiError();
  const ledger = useLedgerSet();
  const [month, setMonth] = useState(thisMonth());
  const [status, setStatus] = useState<VoucherStatus | undefined>();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<VoucherSummary> | null>(null);
  const [loading, setLoading] = useState(false);
  const [reversing, setReversing] = useState<VoucherSummary | null>(null);

  const load = useCallback(() => {
    if (!ledger.setId) return;
    setLoading(true);
    ledgerApi
      .vouchers({ setId: ledger.setId, year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)), status, q: q || undefined, page, pageSize: 20 })
      .then(setData, report)
      .finally(() => setLoading(false));
  }, [ledger.setId, month, status, q, page, report]);
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

  const columns: TableColumnsType<VoucherSummary> = [
    { title: "凭证号", dataIndex: "label", width: 100, render: (label: string, v) => <Link to={`/ledger/vouchers/${v.id}`}>{label}</Link> },
    { title: "日期", dataIndex: "date", width: 110 },
    {
      title: "摘要",
      dataIndex: "summary",
      ellipsis: true,
      render: (summary: string, v) => (
        <Space size={4}>
          {KIND[v.kind] && <Tag color={v.kind === "reversal" ? "red" : "default"}>{KIND[v.kind]}</Tag>}
          {summary}
        </Space>
      ),
    },
    { title: "金额（财务）", dataIndex: "financialAmount", width: 130, align: "right", render: (a: string) => <span className={`xc-mono${a.startsWith("-") ? " xc-red" : ""}`}>{formatYuanText(a)}</span> },
    { title: "状态", dataIndex: "status", width: 90, render: (s: VoucherStatus) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
    { title: "制单", dataIndex: "enteredByName", width: 90 },
    { title: "审核", dataIndex: "reviewedByName", width: 90 },
    { title: "记账", dataIndex: "postedByName", width: 90 },
    {
      title: "操作",
      key: "actions",
      width: 220,
      render: (_: unknown, v) => (
        <Space size={0}>
          {v.status === "entered" && can("ledger.review") && (
            <Button type="link" size="small" disabled={v.enteredByName === me?.displayName} title={v.enteredByName === me?.displayName ? "不能审核本人录入的凭证" : undefined} onClick={() => void act(`${v.summary} 已审核`, () => ledgerApi.review(v.id))}>
              审核
            </Button>
          )}
          {v.status === "reviewed" && can("ledger.post") && (
            <Button type="link" size="small" onClick={() => void act("已记账", () => ledgerApi.post(v.id))}>
              记账
            </Button>
          )}
          {v.status === "posted" && v.kind !== "reversal" && v.kind !== "closing" && can("ledger.enter") && (
            <Button type="link" size="small" danger onClick={() => setReversing(v)}>
              红字冲销
            </Button>
          )}
          {v.status !== "posted" && can("ledger.enter") && (
            <Button
              type="link"
              size="small"
              danger
              onClick={() =>
                modal.confirm({ title: "删除未记账凭证", content: `删除“${v.summary}”？已记账凭证不能删除。`, okText: "删除", okButtonProps: { danger: true }, cancelText: "取消", onOk: () => act("已删除", () => ledgerApi.discard(v.id)) })
              }
            >
              删除
            </Button>
          )}
          <Button type="link" size="small" onClick={() => navigate(`/ledger/vouchers/${v.id}`)}>
            查看打印
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="凭证管理"
        description="记账凭证按月编号（记-0001 起，记账时编号，不断号）。凭证须由录入人以外的人员审核后记账；已记账凭证不能修改或删除，只能红字冲销或补充。"
        extra={
          <Space>
            {ledger.setId && (
              <DownloadMenuButton
                items={(["month", "year"] as const).map((key) => ({
                  key,
                  label: key === "month" ? `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月（按当前筛选）` : `${month.slice(0, 4)}年全年（按当前筛选）`,
                  download: () => ledgerApi.exportJournal({ setId: ledger.setId ?? undefined, year: Number(month.slice(0, 4)), month: key === "month" ? Number(month.slice(5, 7)) : undefined, status, q: q || undefined }),
                }))}
              >
                导出序时账
              </DownloadMenuButton>
            )}
            {can("ledger.enter") && ledger.setId && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/ledger/vouchers/new?setId=${ledger.setId}`)}>
                录入凭证
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Form layout="inline" className="xc-filters">
          <Form.Item label="账套">
            <Select style={{ width: 280 }} loading={ledger.loading} value={ledger.setId ?? undefined} onChange={(id: string) => { ledger.setSetId(id); setPage(1); }} options={ledger.sets.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))} placeholder="请选择账套" />
          </Form.Item>
          <Form.Item label="月份">
            <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => { if (d) { setMonth(d.format("YYYY-MM")); setPage(1); } }} />
          </Form.Item>
          <Form.Item>
            <Select allowClear placeholder="全部状态" style={{ width: 120 }} value={status} onChange={(s?: VoucherStatus) => { setStatus(s); setPage(1); }} options={Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }))} />
          </Form.Item>
          <Form.Item>
            <Input.Search allowClear placeholder="摘要" prefix={<SearchOutlined />} style={{ width: 220 }} onSearch={(text) => { setQ(text.trim()); setPage(1); }} maxLength={100} />
          </Form.Item>
        </Form>
        <Table<VoucherSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 张` }}
          locale={{ emptyText: ledger.sets.length === 0 && !ledger.loading ? "您的范围内还没有账套" : "本月暂无凭证" }}
          scroll={{ x: 1100 }}
        />
      </Card>
      {reversing && <ReverseModal voucher={reversing} onClose={() => setReversing(null)} onDone={() => { setReversing(null); load(); }} />}
    </>
  );
}

/** A red-ink reversal of a posted voucher, with the form's key: a retried click makes one red voucher. */
function ReverseModal({ voucher, onClose, onDone }: { voucher: VoucherSummary; onClose: () => void; onDone: () => void }) {
  const date = voucher.date.slice(0, 7) === today().slice(0, 7) ? voucher.date : today();
  return (
    <FormModal title={`红字冲销 ${voucher.label}`} okText="生成红字凭证" send={(_values, key) => ledgerApi.reverse(voucher.id, { date }, key)} success="已生成红字冲销凭证，待审核记账" onDone={onDone} onClose={onClose}>
      <p>将生成一张与原凭证 {voucher.label}（{voucher.date}，{voucher.summary}）科目、方向相同、金额为负数的红字凭证，原凭证保持不变。</p>
      <p>红字凭证日期：{date}。生成后须经审核、记账。</p>
    </FormModal>
  );
}
