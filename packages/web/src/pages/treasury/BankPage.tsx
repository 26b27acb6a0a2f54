// 银行发送与回盘: the cashier sends approved payment orders to the agency bank as an export file and
// imports the bank's result file (成功 / 退票). Importing the same file twice changes nothing.
import { DownloadOutlined, SendOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Input, Space, Table, Tabs } from "antd";
import { useState } from "react";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { useAction } from "../../lib/useSubmit.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { download, treasuryApi, yuan, type BankBatch, type BankResultSummary, type Payment } from "../budget/budgetApi.ts";

export default function BankPage() {
  const me = useMe();
  const { can } = useAuth();
  const query = useListQuery([] as const);
  const [selected, setSelected] = useState<string[]>([]);
  const [sent, setSent] = useState(0);
  const [content, setContent] = useState("");
  const [summary, setSummary] = useState<BankResultSummary | null>(null);
  const report = useApiError();
  const approved = useRemoteList((signal) => treasuryApi.payments({ status: "approved", pageSize: 100 }, signal), `approved-${sent}`);
  const batches = useRemoteList((signal) => treasuryApi.batches({ page: query.page, pageSize: query.pageSize }, signal), `${query.key}-${sent}`);
  // The page's key for sending: a retried click replays the batch already made instead of a second one.
  const send = useAction((key) => treasuryApi.createBatch({ regionCode: me.regionCode, paymentIds: selected.length ? selected : undefined }, key), {
    success: (batch) => `批次 ${batch.batchNo} 已生成：${batch.paymentCount} 笔，${yuan(batch.total)} 元`,
    onDone: (batch) => {
      setSelected([]);
      setSent((n) => n + 1);
      void download(`/treasury/bank-batches/${batch.id}/file`, {}, `${batch.batchNo}.csv`).catch(report);
    },
  });
  const importResult = useAction((key) => treasuryApi.importResult({ regionCode: me.regionCode, content }, key), {
    onDone: (result) => {
      setSummary(result);
      approved.reload();
    },
  });
  return (
    <>
      <PageHeader title="银行发送与回盘" description="支付凭证发送代理银行后处于“已发送银行”状态；导入银行回盘文件后记为已支付（指标占用转为已支付）或退票（占用退回指标）。" />
      <Tabs items={[
        {
          key: "send",
          label: "待发送支付凭证",
          children: (
            <Card extra={can("payment.bank") && <Button type="primary" icon={<SendOutlined />} loading={send.running} disabled={!approved.page?.items.length} onClick={() => void send.run()}>{selected.length ? `发送所选 ${selected.length} 笔` : "全部发送"}并下载文件</Button>}>
              <Table<Payment> rowKey="id" size="small" loading={approved.loading} dataSource={approved.page?.items ?? []} pagination={false}
                rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
                columns={[
                  { title: "凭证号", dataIndex: "orderNo", render: (n: string) => <span className="xc-mono">{n}</span> },
                  { title: "收款人", dataIndex: "payeeName" },
                  { title: "账号", dataIndex: "payeeAccount", render: (a: string) => <span className="xc-mono">{a}</span> },
                  { title: "金额（元）", dataIndex: "amount", align: "right", render: yuan },
                  { title: "用途", dataIndex: "purpose" },
                ]} locale={{ emptyText: "没有待发送的支付凭证" }} />
            </Card>
          ),
        },
        {
          key: "batches",
          label: "已发送批次",
          children: (
            <Card>
              <Table<BankBatch> rowKey="id" size="small" loading={batches.loading} dataSource={batches.page?.items ?? []} pagination={tablePagination(query, batches.page)} columns={[
                { title: "批次号", dataIndex: "batchNo", render: (n: string) => <span className="xc-mono">{n}</span> },
                { title: "笔数", dataIndex: "paymentCount", align: "right" },
                { title: "金额（元）", dataIndex: "total", align: "right", render: yuan },
                { title: "发送时间", dataIndex: "createdAt", render: (at: string) => formatDateTime(at) },
                { title: "文件", key: "file", render: (_, b) => can("payment.bank") && <Button size="small" icon={<DownloadOutlined />} onClick={() => void download(`/treasury/bank-batches/${b.id}/file`, {}, `${b.batchNo}.csv`).catch(report)}>下载</Button> },
              ]} />
            </Card>
          ),
        },
        {
          key: "result",
          label: "导入银行回盘",
          children: (
            <Card>
              <Space orientation="vertical" style={{ width: "100%" }}>
                <Alert type="info" showIcon title="回盘文件为 CSV：支付凭证号,结果（成功/退票）,金额,原因。退票须注明原因。同一文件重复导入不会重复记账。" />
                <input type="file" accept=".csv,.txt" onChange={(e) => { const file = e.target.files?.[0]; if (file) void file.text().then(setContent); }} />
                <Input.TextArea rows={8} value={content} onChange={(e) => setContent(e.target.value)} placeholder={"支付凭证号,结果,金额,原因\nPZ2026101-000001,成功,148600.00,\nPZ2026101-000002,退票,68000.00,收款人账号与户名不符"} className="xc-mono" />
                <Button type="primary" icon={<UploadOutlined />} loading={importResult.running} disabled={!content.trim() || !can("payment.bank")} onClick={() => void importResult.run()}>导入</Button>
                {summary && (
                  <Alert type={summary.alreadyImported ? "warning" : "success"} showIcon
                    title={summary.alreadyImported ? "该文件已经导入过，本次未作任何变动。" : `已支付 ${summary.paid} 笔，退票 ${summary.returned} 笔，忽略 ${summary.ignored.length} 行`}
                    description={summary.ignored.map((i) => `第${i.line}行 ${i.orderNo}：${i.reason}`).join("；") || undefined} />
                )}
              </Space>
            </Card>
          ),
        },
      ]} />
    </>
  );
}
