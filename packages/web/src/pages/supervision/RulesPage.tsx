// 监管规则: every rule with its code, name, stage and why it matters, and the thresholds in force for
// the district or one township (a township's own value is set by the district: a township cannot
// loosen the rules it is supervised by); below, the record of runs (manual, scheduled, on events).
import { Alert, Button, Card, Form, Input, InputNumber, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useState } from "react";
import { supervisionRunTriggerLabels, type SupervisionRunView } from "@xiangcai/shared";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { stageColours, supervisionApi, yuan, type RuleView, type Threshold } from "./supervisionApi.ts";
import { ruleNames } from "./labels.ts";

function valueText(t: Threshold, value: number | string | null = t.value): string {
  if (value === null) return "—";
  return t.kind === "yuan" ? `${yuan(String(value))} 元` : String(value);
}

function sourceText(t: Threshold, regionCode: string): string {
  if (t.source === "default") return "默认值";
  if (t.source === regionCode) return "本级设置";
  return t.source.endsWith("000") ? "区级设置" : "乡镇设置";
}

export default function RulesPage() {
  const { can } = useAuth();
  const me = useMe();
  const [regionCode, setRegionCode] = useState<string>(me.regionCode.slice(0, 9));
  const [editing, setEditing] = useState<Threshold | null>(null);
  const report = useApiError();
  const rules = useRemoteList((signal) => supervisionApi.rules(regionCode, signal).then((r) => ({ items: [r], total: 1, page: 1, pageSize: 1 })), regionCode);
  const answer = rules.page?.items[0];
  const query = useListQuery([] as const);
  const runs = useRemoteList((signal) => supervisionApi.runs({ page: query.page, pageSize: query.pageSize }, signal), query.key);
  const editable = can("supervision.configure");

  const thresholdLine = (t: Threshold) => (
    <div key={t.key} style={{ marginBottom: 4 }}>
      <Typography.Text type="secondary">{t.name.replace(/^.*：/, "")}：</Typography.Text>
      <b>{valueText(t)}</b> <Tag>{sourceText(t, regionCode)}</Tag>
      {editable && <Button type="link" size="small" onClick={() => setEditing(t)}>调整</Button>}
      {editable && t.own !== null && (
        <Button type="link" size="small" danger onClick={() => supervisionApi.resetThreshold(t.key, regionCode).then(rules.reload).catch(report)}>恢复继承</Button>
      )}
    </div>
  );

  const columns: TableColumnsType<RuleView> = [
    { title: "代码", dataIndex: "code", width: 210, render: (c: string) => <span className="xc-mono">{c}</span> },
    { title: "名称", dataIndex: "name", width: 170 },
    { title: "环节", dataIndex: "stage", width: 70, render: (s: RuleView["stage"], r) => <Tag color={stageColours[s]}>{r.stageName}</Tag> },
    { title: "为什么要关注", dataIndex: "explanation", render: (text: string, r) => <><div>{text}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>检查范围：{r.looksAt}</Typography.Text></> },
    { title: "阈值", key: "thresholds", width: 330, render: (_, r) => (r.thresholds.length ? r.thresholds.map(thresholdLine) : <Typography.Text type="secondary">无阈值</Typography.Text>) },
  ];
  const runColumns: TableColumnsType<SupervisionRunView> = [
    { title: "开始时间", dataIndex: "startedAt", width: 160, render: (at: string) => formatDateTime(at) },
    { title: "方式", dataIndex: "trigger", width: 110, render: (t: SupervisionRunView["trigger"]) => supervisionRunTriggerLabels[t] },
    { title: "范围", dataIndex: "regionName", width: 110 },
    { title: "发起人", dataIndex: "actorName", width: 140 },
    { title: "规则", dataIndex: "rules", render: (codes: SupervisionRunView["rules"]) => (codes.length === 10 ? "全部规则" : codes.map((c) => ruleNames[c]).join("、")) },
    { title: "新发现", dataIndex: "raised", width: 80, align: "right" },
    { title: "用时", key: "ms", width: 90, align: "right", render: (_, r) => `${((new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()) / 1000).toFixed(1)} 秒` },
  ];

  return (
    <>
      <PageHeader title="监管规则" description="每条规则是对平台数据的一个查询：在事前、事中、事后发现风险。阈值由区财政局统一设置，也可以为个别乡镇单独设置。" />
      <Card style={{ marginBottom: 16 }}>
        <Space style={{ marginBottom: 12 }} wrap>
          <span>查看范围：</span>
          <RegionSelect value={regionCode} allowClear={false} levels={["district", "township"]} onChange={(v) => v && setRegionCode(v)} style={{ width: 200 }} />
          {answer && <span>定时运行：每 {valueText(answer.runEveryHours)} 小时（0 为不定时）{editable && regionCode.endsWith("000") && <Button type="link" size="small" onClick={() => setEditing(answer.runEveryHours)}>调整</Button>}</span>}
        </Space>
        {!editable && <Alert style={{ marginBottom: 12 }} type="info" showIcon message="阈值由区财政局监管员设置。" />}
        <Table<RuleView> rowKey="code" size="middle" loading={rules.loading} columns={columns} dataSource={answer?.rules ?? []} pagination={false} />
      </Card>
      <Card title="运行记录">
        <Table<SupervisionRunView> rowKey="id" size="small" loading={runs.loading} columns={runColumns} dataSource={runs.page?.items ?? []} pagination={tablePagination(query, runs.page)} />
      </Card>
      {editing && (
        <FormModal<{ value: string | number }, unknown>
          title={`${editing.name}（${regionCode.endsWith("000") ? "全区" : "本乡镇单独设置"}）`}
          initialValues={{ value: editing.own ?? editing.value }}
          send={(v) => supervisionApi.setThreshold(editing.key, regionCode, editing.kind === "yuan" ? String(v.value) : Number(v.value))}
          success="阈值已调整，下次运行规则时生效"
          onDone={() => {
            setEditing(null);
            rules.reload();
          }}
          onClose={() => setEditing(null)}
        >
          <Typography.Paragraph type="secondary">{editing.description}</Typography.Paragraph>
          <Form.Item name="value" label={editing.kind === "yuan" ? "金额（元）" : "数值"} rules={editing.kind === "yuan" ? [{ required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" }] : [{ required: true }]}>
            {editing.kind === "yuan" ? <Input style={{ width: 200 }} /> : <InputNumber min={0} precision={0} style={{ width: 200 }} />}
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
