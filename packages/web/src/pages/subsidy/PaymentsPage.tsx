// 发放与重发: disbursement batches of the user's township, the re-payment list (lines whose bank
// attempt failed: correct the card on the roster, then a repayment batch) and wrong payments
// recorded for recovery.
import { DownloadOutlined } from "@ant-design/icons";
import { Button, Card, DatePicker, Form, Input, Table, Tabs, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthContext.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { subsidyApi, type Batch, type Recovery, type RepaymentLine } from "./subsidyApi.ts";
import { formatYuanText, moneyColumn } from "../../lib/money.ts";
import { bankName } from "./labels.ts";

export default function PaymentsPage() {
  return (
    <>
      <PageHeader title="发放与重发" description="代发银行批次、回盘失败待重发的人员、登记追回的错误发放。批次在清册的“发放”页生成与导入回盘。" />
      <Tabs items={[{ key: "batches", label: "发放批次", children: <Batches /> }, { key: "repay", label: "重发名单", children: <Repayments /> }, { key: "recover", label: "追回登记", children: <Recoveries /> }]} />
    </>
  );
}

function Batches() {
  const report = useApiError();
  const query = useListQuery([] as const);
  const list = useRemoteList((signal) => subsidyApi.batches({ page: query.page, pageSize: query.pageSize }, signal), query.key);
  return (
    <Card>
      <Table<Batch>
        rowKey="id"
        size="middle"
        dataSource={list.page?.items ?? []}
        loading={list.loading}
        pagination={tablePagination(query, list.page)}
        locale={{ emptyText: "尚无发放批次" }}
        columns={[
          { title: "批次号", dataIndex: "batchNo", render: (v: string, b) => <Link to={`/subsidy/rosters/${b.rosterId}`} className="xc-mono">{v}</Link> },
          { title: "类别", dataIndex: "kind", width: 90, render: (k: string) => (k === "first" ? "首次发放" : "重发") },
          { title: "代发银行", dataIndex: "bankCode", width: 120, render: (code: string) => bankName(code) },
          { title: "人数", dataIndex: "lineCount", width: 70, align: "right" },
          { title: "金额（元）", dataIndex: "total", width: 120, ...moneyColumn },
          { title: "成功/失败/待回盘", key: "r", width: 160, render: (_: unknown, b) => <><Tag color="green">{b.paidCount}</Tag><Tag color="red">{b.failedCount}</Tag><Tag>{b.pendingCount}</Tag></> },
          { title: "生成时间", dataIndex: "createdAt", width: 160, render: (v: string) => formatDateTime(v) },
          { title: "银行文件", key: "f", width: 110, render: (_: unknown, b) => <Button size="small" icon={<DownloadOutlined />} onClick={() => void subsidyApi.downloadBatchFile(b).catch(report)}>下载</Button> },
        ]}
      />
    </Card>
  );
}

function Repayments() {
  const query = useListQuery([] as const);
  const list = useRemoteList((signal) => subsidyApi.repayments({ page: query.page, pageSize: query.pageSize }, signal), query.key);
  return (
    <Card>
      <Table<RepaymentLine>
        rowKey={(l) => `${l.rosterId}-${l.lineNo}`}
        size="middle"
        dataSource={list.page?.items ?? []}
        loading={list.loading}
        pagination={tablePagination(query, list.page)}
        locale={{ emptyText: "没有待重发的人员" }}
        columns={[
          { title: "补贴项目", key: "item", render: (_: unknown, l) => <Link to={`/subsidy/rosters/${l.rosterId}`}>{l.itemName} {l.period}</Link> },
          { title: "行号", dataIndex: "lineNo", width: 60 },
          { title: "姓名", dataIndex: "name", width: 90 },
          { title: "身份证号", dataIndex: "residentIdMasked", width: 190, render: (v: string) => <span className="xc-mono">{v}</span> },
          { title: "原卡号", dataIndex: "cardMasked", width: 100 },
          { title: "金额（元）", dataIndex: "amount", width: 100, ...moneyColumn },
          { title: "失败原因", dataIndex: "failReason", render: (v: string) => <Tag color="red">{v || "失败"}</Tag> },
        ]}
      />
    </Card>
  );
}

function Recoveries() {
  const { can } = useAuth();
  const query = useListQuery([] as const);
  const [receiving, setReceiving] = useState<Recovery | null>(null);
  const list = useRemoteList((signal) => subsidyApi.recoveries({ page: query.page, pageSize: query.pageSize }, signal), query.key);
  return (
    <Card>
      {receiving && <ReceiptModal recovery={receiving} onClose={() => setReceiving(null)} onDone={() => { setReceiving(null); list.reload(); }} />}
      <Table<Recovery>
        rowKey="id"
        size="middle"
        dataSource={list.page?.items ?? []}
        loading={list.loading}
        pagination={tablePagination(query, list.page)}
        locale={{ emptyText: "没有登记追回" }}
        columns={[
          { title: "姓名", dataIndex: "name", width: 90 },
          { title: "身份证号", dataIndex: "residentIdMasked", width: 190 },
          { title: "金额（元）", dataIndex: "amount", width: 110, ...moneyColumn },
          { title: "原因", dataIndex: "reason" },
          { title: "登记时间", dataIndex: "recordedAt", width: 160, render: (v: string) => formatDateTime(v) },
          {
            title: "追回到账",
            key: "received",
            width: 150,
            render: (_: unknown, r) => (r.recoveredOn ? <Tag color="green">{r.recoveredOn} 已到账</Tag> : can("subsidy.pay") ? <Button size="small" onClick={() => setReceiving(r)}>登记到账</Button> : <Tag>待追回</Tag>),
          },
        ]}
      />
    </Card>
  );
}

function ReceiptModal({ recovery, onClose, onDone }: { recovery: Recovery; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal<{ recoveredOn: Dayjs; note?: string }>
      title={`登记追回到账：${recovery.name}（${formatYuanText(recovery.amount)} 元）`}
      okText="登记"
      send={(v, key) => subsidyApi.recoveryReceipt(recovery.id, { recoveredOn: v.recoveredOn.format("YYYY-MM-DD"), ...(v.note ? { note: v.note } : {}) }, key)}
      success="已登记到账，并通知总账入账"
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="recoveredOn" label="到账日期" rules={[{ required: true, message: "请选择到账日期" }]}>
        <DatePicker style={{ width: 180 }} />
      </Form.Item>
      <Form.Item name="note" label="说明"><Input.TextArea rows={2} maxLength={500} /></Form.Item>
    </FormModal>
  );
}
