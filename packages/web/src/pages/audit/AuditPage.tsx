// 审计日志: the tamper-evident log of every change in the user's scope, newest first, with
// what changed in each row; users with audit.verify check the hash chain.
import { SafetyCertificateOutlined, SearchOutlined } from "@ant-design/icons";
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tooltip, Typography, type TableColumnsType } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { auditApi } from "../../api.ts";
import type { AuditEntry } from "../../apiTypes.ts";
import { useAuth } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { formatDateTimeSeconds } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { AuditDiff } from "./AuditDiff.tsx";
import { auditActionName, auditActionNames, auditEntityTypeName, auditEntityTypeNames } from "@xiangcai/shared";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["regionCode", "actor", "action", "entityType", "entityId", "from", "to"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** Every kind of object the log records, by its Chinese name (the code is what the filter sends). */
const ENTITY_TYPES = Object.entries(auditEntityTypeNames).map(([value, name]) => ({ value, label: name }));
/** Every named action, to pick by name in the filter. */
const ACTIONS = Object.entries(auditActionNames).map(([value, name]) => ({ value, label: name }));

const DAY = "YYYY-MM-DD";

interface FilterValues {
  regionCode?: string;
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFormValues(filters: Partial<Record<FilterKey, string>>): FilterValues {
  const from = filters.from ? dayjs(filters.from, DAY) : null;
  const to = filters.to ? dayjs(filters.to, DAY) : null;
  return {
    regionCode: filters.regionCode,
    actor: filters.actor,
    action: filters.action,
    entityType: filters.entityType,
    entityId: filters.entityId,
    range: from !== null || to !== null ? [from, to] : null,
  };
}

const columns: TableColumnsType<AuditEntry> = [
  { title: "时间", dataIndex: "at", width: 170, render: (at: string) => formatDateTimeSeconds(at) },
  { title: "区划", dataIndex: "regionName", width: 110, render: (name: string, entry) => <Tooltip title={<span className="xc-mono">{entry.regionCode}</span>}>{name}</Tooltip> },
  { title: "序号", dataIndex: "seq", width: 80, align: "right" },
  { title: "操作人", dataIndex: "actorName", width: 110, render: (name: string | null) => name ?? <span style={{ color: "#8c96a3" }}>系统</span> },
  // Names for people; the stable code is in the tooltip (and what the filters send).
  { title: "操作", dataIndex: "action", width: 180, render: (action: string) => <Tooltip title={<span className="xc-mono">{action}</span>}>{auditActionName(action)}</Tooltip> },
  { title: "对象类型", dataIndex: "entityType", width: 130, render: (type: string) => <Tooltip title={<span className="xc-mono">{type}</span>}>{auditEntityTypeName(type)}</Tooltip> },
  {
    title: "对象编号",
    dataIndex: "entityId",
    width: 150,
    // Ids are UUIDs: the first 8 characters tell rows apart on screen; the full id is in
    // the tooltip and copied by the icon, for pasting into the 对象编号 filter.
    render: (id: string) => (
      <Typography.Text className="xc-mono" copyable={{ text: id, tooltips: ["复制完整编号", "已复制"] }}>
        <Tooltip title={<span className="xc-mono">{id}</span>}>{id.length > 10 ? `${id.slice(0, 8)}…` : id}</Tooltip>
      </Typography.Text>
    ),
  },
  {
    title: "哈希",
    dataIndex: "hash",
    width: 130,
    render: (hash: string) => (
      <Tooltip title={<span className="xc-mono">{hash}</span>}>
        <span className="xc-mono">{hash.slice(0, 12)}…</span>
      </Tooltip>
    ),
  },
];

/** What each kind of chain break means, for the people who must act on it. */
const BREAK_REASONS: Record<string, string> = {
  HASH: "记录内容与其哈希不符（记录被修改）",
  PREVIOUS_HASH: "与前一条记录的链接断开（记录被替换）",
  SEQUENCE_GAP: "序号不连续（记录被删除）",
  HEAD: "链尾记录缺失（最新记录被删除）",
  UNKEYED: "出现未用审计密钥计算的记录（记录被替换或重算）",
  DISTRICT_COPY: "与区级留存的链头不符（记录被删除后回退）",
  CHECKPOINT: "与审计员保管的检查点不符（记录被删除后回退或被改写）",
};

export default function AuditPage() {
  const { can } = useAuth();
  const query = useListQuery(FILTER_KEYS);
  const [verifying, setVerifying] = useState(false);
  const { modal } = App.useApp();
  const report = useApiError();

  const list = useRemoteList((signal) => auditApi.list({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);

  const applyFilters = (values: FilterValues) => {
    const [from, to] = values.range ?? [null, null];
    query.setFilters({
      regionCode: values.regionCode,
      actor: values.actor,
      action: values.action,
      entityType: values.entityType,
      entityId: values.entityId,
      from: from?.format(DAY),
      to: to?.format(DAY),
    });
  };

  const verify = async () => {
    setVerifying(true);
    try {
      const result = await auditApi.verify();
      if (result.ok) {
        modal.success({
          title: "审计链完整",
          content: `已校验您管辖范围内的 ${result.checked.toLocaleString("zh-CN")} 条审计记录，哈希链完整，未发现篡改。`,
          okText: "知道了",
        });
      } else {
        const broken = result.firstBroken ?? { regionCode: "—", seq: "—", reason: "" };
        modal.error({
          title: "审计链校验未通过",
          width: 520,
          content: (
            <div>
              <p>已校验 {result.checked.toLocaleString("zh-CN")} 条记录，发现审计记录被篡改或缺失。第一处异常：</p>
              <ul>
                <li>
                  区划：<span className="xc-mono">{broken.regionCode}</span>
                </li>
                <li>
                  序号：<span className="xc-mono">{broken.seq}</span>
                </li>
                <li>原因：{BREAK_REASONS[broken.reason] ?? broken.reason}</li>
              </ul>
              <p>请立即报告区财政局系统管理员和审计人员，并保全现场，不要修改数据库。</p>
            </div>
          ),
          okText: "知道了",
        });
      }
    } catch (error) {
      report(error);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <>
      <PageHeader
        title="审计日志"
        description="所有数据变更均记录于此，按时间倒序排列。每条记录以国密 SM3 哈希与前一条链接，任何修改都可被校验发现。"
        extra={
          <Space>
            <DownloadButton download={() => auditApi.exportExcel(query.filters)}>导出 Excel</DownloadButton>
            {can("audit.verify") && (
              <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()}>
                校验审计链
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Form<FilterValues>
          layout="inline"
          className="xc-filters"
          key={JSON.stringify(query.filters)}
          initialValues={toFormValues(query.filters)}
          onFinish={applyFilters}
        >
          <Form.Item name="regionCode">
            <RegionSelect placeholder="全部区划" levels={["district", "township", "village"]} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="actor">
            <Input allowClear placeholder="操作人" style={{ width: 130 }} maxLength={100} />
          </Form.Item>
          <Form.Item name="action">
            <Select allowClear placeholder="操作" style={{ width: 170 }} options={ACTIONS} showSearch={{ optionFilterProp: "label" }} />
          </Form.Item>
          <Form.Item name="entityType">
            <Select allowClear placeholder="对象类型" style={{ width: 170 }} options={ENTITY_TYPES} showSearch={{ optionFilterProp: "label" }} />
          </Form.Item>
          <Form.Item name="entityId">
            <Input allowClear placeholder="对象编号" style={{ width: 160 }} maxLength={100} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={["开始日期", "结束日期"]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button onClick={() => query.setFilters({})}>重置</Button>
            </Space>
          </Form.Item>
        </Form>
        <Table<AuditEntry>
          rowKey={(entry) => `${entry.regionCode}-${entry.seq}`}
          size="middle"
          columns={columns}
          dataSource={list.page?.items ?? []}
          loading={list.loading}
          pagination={tablePagination(query, list.page)}
          expandable={{ expandedRowRender: (entry) => <AuditDiff before={entry.before} after={entry.after} /> }}
          locale={{ emptyText: "没有符合条件的审计记录" }}
          scroll={{ x: 1100 }}
        />
      </Card>
    </>
  );
}
