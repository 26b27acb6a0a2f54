// 误报屏蔽: false alarms the district set aside for an object until a date, with who did it and why;
// filtered by township, rule and whether still in force; the district may revoke one (audited).
import { Button, Card, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { supervisionRuleCodes } from "@xiangcai/shared";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { formatDate } from "../../lib/format.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { supervisionApi, type Suppression } from "./supervisionApi.ts";
import { ruleNames } from "./labels.ts";

const FILTER_KEYS = ["regionCode", "rule", "active"] as const;

export default function SuppressionsPage() {
  const { can } = useAuth();
  const me = useMe();
  const query = useListQuery(FILTER_KEYS);
  const [revoking, setRevoking] = useState<Suppression | null>(null);
  const list = useRemoteList((signal) => supervisionApi.suppressions({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const columns: TableColumnsType<Suppression> = [
    { title: "乡镇", dataIndex: "regionName", width: 100 },
    { title: "规则", dataIndex: "rule", width: 170, render: (r: Suppression["rule"]) => ruleNames[r] },
    { title: "对象", dataIndex: "label", ellipsis: true },
    { title: "理由", dataIndex: "reason", ellipsis: true },
    { title: "到期", dataIndex: "expiresOn", width: 110 },
    { title: "状态", key: "state", width: 90, render: (_, s) => <Tag color={s.active ? "purple" : "default"}>{s.active ? "屏蔽中" : s.revokedAt ? "已撤销" : "已到期"}</Tag> },
    { title: "设置人", key: "by", width: 170, render: (_, s) => `${s.createdByName} ${formatDate(s.createdAt)}` },
    {
      title: "操作",
      key: "actions",
      width: 140,
      render: (_, s) => (
        <Space size={0}>
          {s.alertId && <Link to={`/supervision/alerts/${s.alertId}`}><Button type="link" size="small">预警</Button></Link>}
          {s.active && can("supervision.close") && <Button type="link" size="small" danger onClick={() => setRevoking(s)}>撤销</Button>}
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageHeader title="误报屏蔽" description="区财政局确认误报时，预警涉及的对象自动屏蔽 180 天（可在预警详情中调整期限）：到期前该规则不再就这些对象报警（出现新的支付或清册行仍会报警），到期或撤销后规则重新检查。屏蔽和撤销都记入审计日志。" />
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Record<string, string | undefined>) => query.setFilters(v)}>
          {me.regionCode.endsWith("000") && <Form.Item name="regionCode"><RegionSelect levels={["township"]} placeholder="全部乡镇" style={{ width: 150 }} /></Form.Item>}
          <Form.Item name="rule"><Select allowClear placeholder="全部规则" style={{ width: 180 }} options={supervisionRuleCodes.map((value) => ({ value, label: ruleNames[value] }))} /></Form.Item>
          <Form.Item name="active"><Select allowClear placeholder="全部" style={{ width: 120 }} options={[{ value: "true", label: "屏蔽中" }, { value: "false", label: "已撤销或到期" }]} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
        </Form>
        <Table<Suppression> rowKey="id" size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} locale={{ emptyText: "暂无屏蔽记录" }} />
      </Card>
      {revoking && (
        <FormModal<{ reason: string }, unknown>
          title="撤销屏蔽"
          okText="撤销"
          danger
          send={(v) => supervisionApi.revoke(revoking.id, v.reason)}
          success="已撤销，下次运行规则时重新检查"
          onDone={() => {
            setRevoking(null);
            list.reload();
          }}
          onClose={() => setRevoking(null)}
        >
          <Form.Item name="reason" label="撤销理由" rules={[{ required: true, min: 2, message: "请填写理由" }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
        </FormModal>
      )}
    </>
  );
}
