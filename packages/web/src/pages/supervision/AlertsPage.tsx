// 监管预警: the alerts of the user's scope (a township its own, the district every township), with
// search, filters by township, rule, stage, status and date, paging and an Excel export. The district
// supervisor (and a township director, for the own township) runs the rules here; each alert opens
// into its detail page, where it is followed to the end.
import { PlayCircleOutlined, SearchOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link } from "react-router";
import { supervisionAlertStatusLabels, supervisionRuleCodes, supervisionStageLabels, type SupervisionRuleCode, type SupervisionRunView } from "@xiangcai/shared";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { FlowDrawer } from "../../flow/FlowDrawer.tsx";
import { describeDeadline } from "../../lib/deadline.ts";
import { formatDate } from "../../lib/format.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { stageColours, statusColours, supervisionApi, yuan, type AlertItem } from "./supervisionApi.ts";
import { ruleNames } from "./labels.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["q", "regionCode", "rule", "stage", "status", "from", "to"] as const;

export default function AlertsPage() {
  const { can } = useAuth();
  const me = useMe();
  const district = me.regionCode.endsWith("000");
  const query = useListQuery(FILTER_KEYS);
  const [running, setRunning] = useState(false);
  const [lastRun, setLastRun] = useState<SupervisionRunView | null>(null);
  const [flowId, setFlowId] = useState<string | null>(null);
  const list = useRemoteList((signal) => supervisionApi.alerts({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const now = new Date();

  const columns: TableColumnsType<AlertItem> = [
    { title: "预警编号", dataIndex: "alertNo", width: 170, render: (no: string, a) => <Link className="xc-mono" to={`/supervision/alerts/${a.id}`}>{no}</Link> },
    ...(district ? [{ title: "乡镇", dataIndex: "regionName", width: 100 }] : []),
    { title: "规则", dataIndex: "ruleName", width: 150, render: (name: string, a) => <Tooltip title={a.rule}>{name}</Tooltip> },
    { title: "环节", dataIndex: "stage", width: 70, render: (s: AlertItem["stage"], a) => <Tag color={stageColours[s]}>{a.stageName}</Tag> },
    { title: "说明", dataIndex: "message", ellipsis: true },
    { title: "涉及金额（元）", dataIndex: "amount", width: 140, align: "right", render: yuan },
    { title: "状态", dataIndex: "status", width: 120, render: (s: AlertItem["status"], a) => <Tag color={statusColours[s]}>{a.statusName}</Tag> },
    { title: "负责人", dataIndex: "ownerName", width: 110, render: (n: string | null) => n ?? "—" },
    {
      title: "办理时限",
      key: "deadline",
      width: 150,
      render: (_, a) => {
        const d = describeDeadline(a.deadlineAt, now, a.overdue);
        if (!d) return a.closedAt ? `已办结 ${formatDate(a.closedAt)}` : "—";
        return (
          <Space size={4}>
            <span style={{ color: d.overdue ? "#cf1322" : undefined, fontWeight: d.overdue ? 600 : undefined }}>{d.text}</span>
            {a.escalated && <Tag color="red">已督办</Tag>}
          </Space>
        );
      },
    },
    { title: "发现日期", dataIndex: "firstFoundAt", width: 110, render: (at: string) => formatDate(at) },
    {
      title: "操作",
      key: "actions",
      width: 130,
      fixed: "right",
      render: (_, a) => (
        <Space size={0}>
          <Link to={`/supervision/alerts/${a.id}`}><Button type="link" size="small">详情</Button></Link>
          {a.flowInstanceId && !a.closedAt && <Button type="link" size="small" onClick={() => setFlowId(a.flowInstanceId)}>流程</Button>}
        </Space>
      ),
    },
  ];

  const filterValues = { ...query.filters, dates: query.filters.from && query.filters.to ? [dayjs(query.filters.from), dayjs(query.filters.to)] : undefined };
  return (
    <>
      <PageHeader
        title="监管预警"
        description="监管规则在事前、事中、事后比对预算、支付和补贴数据，发现问题即生成预警并交乡镇财政所首问负责人限时核实；核实属实的整改后报区财政局销号，误报须说明理由并经区财政局确认。超期未办的预警标红督办。"
        extra={
          <Space>
            <DownloadButton download={() => supervisionApi.exportAlerts(query.filters)}>导出 Excel</DownloadButton>
            {can("supervision.run") && <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setRunning(true)}>运行监管规则</Button>}
          </Space>
        }
      />
      {lastRun && (
        <Alert
          style={{ marginBottom: 16 }}
          type="success"
          closable
          onClose={() => setLastRun(null)}
          message={`已运行 ${lastRun.rules.length} 条规则（${lastRun.regionName}），新发现 ${lastRun.raised} 条预警`}
          description={
            <Descriptions size="small" column={3}>
              {lastRun.rules.map((code) => {
                const f = lastRun.summary[code];
                return <Descriptions.Item key={code} label={ruleNames[code]}>{f ? `发现 ${f.found}，新增 ${f.raised}，补充证据 ${f.merged}，已屏蔽 ${f.suppressed}` : "—"}</Descriptions.Item>;
              })}
            </Descriptions>
          }
        />
      )}
      <Card>
        <Form
          layout="inline"
          className="xc-filters"
          key={JSON.stringify(query.filters)}
          initialValues={filterValues}
          onFinish={(v: Record<string, unknown>) => {
            const dates = v.dates as [Dayjs, Dayjs] | undefined;
            query.setFilters({ q: v.q as string, regionCode: v.regionCode as string, rule: v.rule as string, stage: v.stage as string, status: v.status as string, from: dates?.[0]?.format("YYYY-MM-DD"), to: dates?.[1]?.format("YYYY-MM-DD") });
          }}
        >
          <Form.Item name="q"><Input allowClear placeholder="预警编号或说明" prefix={<SearchOutlined />} style={{ width: 200 }} /></Form.Item>
          {district && <Form.Item name="regionCode"><RegionSelect levels={["township"]} placeholder="全部乡镇" style={{ width: 150 }} /></Form.Item>}
          <Form.Item name="rule"><Select allowClear placeholder="全部规则" style={{ width: 180 }} options={supervisionRuleCodes.map((value) => ({ value, label: ruleNames[value] }))} /></Form.Item>
          <Form.Item name="stage"><Select allowClear placeholder="事前事中事后" style={{ width: 130 }} options={Object.entries(supervisionStageLabels).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="status">
            <Select allowClear placeholder="全部状态" style={{ width: 140 }} options={[{ value: "open", label: "未办结" }, { value: "overdue", label: "超期未办" }, ...Object.entries(supervisionAlertStatusLabels).map(([value, label]) => ({ value, label }))]} />
          </Form.Item>
          <Form.Item name="dates"><DatePicker.RangePicker placeholder={["发现日期起", "止"]} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
        </Form>
        <Table<AlertItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.page?.items ?? []}
          loading={list.loading}
          pagination={tablePagination(query, list.page)}
          scroll={{ x: 1400 }}
          rowClassName={(a) => (a.overdue ? "xc-row-overdue" : "")}
          locale={{ emptyText: "暂无预警" }}
        />
      </Card>
      {running && (
        <RunModal
          district={district}
          onClose={() => setRunning(false)}
          onDone={(run) => {
            setRunning(false);
            setLastRun(run);
            list.reload();
          }}
        />
      )}
      <FlowDrawer instanceId={flowId} onClose={() => setFlowId(null)} onChanged={list.reload} />
    </>
  );
}

function RunModal({ district, onClose, onDone }: { district: boolean; onClose: () => void; onDone: (run: SupervisionRunView) => void }) {
  return (
    <FormModal<{ regionCode?: string; rules: SupervisionRuleCode[] }, SupervisionRunView>
      title="运行监管规则"
      okText="运行"
      initialValues={{ rules: [...supervisionRuleCodes] }}
      send={(v) => supervisionApi.run({ ...(v.regionCode ? { regionCode: v.regionCode } : {}), rules: v.rules })}
      success={(run) => `运行完成，新发现 ${run.raised} 条预警`}
      onDone={onDone}
      onClose={onClose}
    >
      {district && (
        <Form.Item name="regionCode" label="范围" extra="不选则运行全区各乡镇（跨乡镇的重复享受、一卡多户只有全区运行才能发现）">
          <RegionSelect levels={["township"]} placeholder="全区" />
        </Form.Item>
      )}
      <Form.Item name="rules" label="规则" rules={[{ required: true, message: "至少选择一条规则" }]}>
        <Checkbox.Group options={supervisionRuleCodes.map((value) => ({ value, label: ruleNames[value] }))} style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 4 }} />
      </Form.Item>
    </FormModal>
  );
}
