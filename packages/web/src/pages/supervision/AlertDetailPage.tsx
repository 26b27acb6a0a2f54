// One alert followed to the end: what the rule found (its facts, the payments or roster lines that
// triggered it, with links), why it matters, who owns it and by when, and the moves the viewer may
// make now — the township verifies and plans the rectification, which becomes a task of the shared
// rectification mechanism, and submits what it did there with evidence files; the district closes
// it (销号), sends it back or rules on a false alarm and may suppress it for a while.
import { ArrowLeftOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Row, Space, Table, Tag, Timeline } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import type { SupervisionAlertDetailView, SupervisionAlertEvidenceView, SupervisionAlertObjectView } from "@xiangcai/shared";
import { flowApi } from "../../api.ts";
import type { FlowAction } from "../../apiTypes.ts";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { describeDeadline } from "../../lib/deadline.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { EvidenceList, EvidenceModal } from "../../rectification/EvidenceModal.tsx";
import { stageColours, statusColours, supervisionApi, yuan } from "./supervisionApi.ts";

const DANGER = /reject|return|dismiss|overrule/;
const noteLabels: Record<string, string> = { confirm: "核实情况", dismiss: "误报理由", startRectification: "整改措施", close: "销号意见", return: "退回意见", acceptFalseAlarm: "确认意见（作为屏蔽理由）" };
const noteExtras: Record<string, string> = {
  startRectification: "保存后下达整改事项，整改期限为 20 个工作日，由您负责落实。",
  acceptFalseAlarm: "同意后预警按误报办结，涉及对象自动屏蔽 180 天；到期或撤销屏蔽后规则重新检查，仍存在的问题会再次预警。",
};

export default function AlertDetailPage() {
  const { id = "" } = useParams();
  const { can } = useAuth();
  const report = useApiError();
  const [alert, setAlert] = useState<SupervisionAlertDetailView | null>(null);
  const [action, setAction] = useState<FlowAction | null>(null);
  const [suppressing, setSuppressing] = useState(false);

  const load = useCallback(
    (signal?: AbortSignal) => {
      supervisionApi
        .alert(id, signal)
        .then(setAlert)
        .catch((error: unknown) => {
          if (!signal?.aborted) report(error);
        });
    },
    [id, report],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  if (!alert) return <Card loading />;
  const deadline = describeDeadline(alert.deadlineAt, new Date(), alert.overdue);
  const activeSuppression = alert.suppressions.some((s) => s.active);
  const done = () => {
    setAction(null);
    load();
  };
  return (
    <>
      <PageHeader
        title={
          <Space>
            <Link to="/supervision/alerts"><ArrowLeftOutlined /></Link>
            <span>监管预警 {alert.alertNo}</span>
            <Tag color={statusColours[alert.status]}>{alert.statusName}</Tag>
            {alert.overdue && <Tag color="red">{alert.escalated ? "超期已督办" : "已超期"}</Tag>}
          </Space>
        }
        description={alert.message}
      />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title="预警信息" style={{ marginBottom: 16 }}>
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label="规则">{alert.ruleName}（{alert.rule}）</Descriptions.Item>
              <Descriptions.Item label="环节"><Tag color={stageColours[alert.stage]}>{alert.stageName}</Tag></Descriptions.Item>
              <Descriptions.Item label="乡镇">{alert.regionName}</Descriptions.Item>
              <Descriptions.Item label="涉及金额">{yuan(alert.amount)} 元</Descriptions.Item>
              <Descriptions.Item label="首问负责人">{alert.ownerName ?? "待分派"}</Descriptions.Item>
              <Descriptions.Item label="办理时限">{deadline ? <span style={{ color: deadline.overdue ? "#cf1322" : undefined }}>{formatDateTime(alert.deadlineAt)}（{deadline.text}）</span> : alert.closedAt ? `已于 ${formatDateTime(alert.closedAt)} 办结` : "—"}</Descriptions.Item>
              <Descriptions.Item label="首次发现">{formatDateTime(alert.firstFoundAt)}</Descriptions.Item>
              <Descriptions.Item label="最近发现">{formatDateTime(alert.lastFoundAt)}（共 {alert.foundRuns} 次运行发现）</Descriptions.Item>
            </Descriptions>
            <Alert style={{ marginTop: 12 }} type="info" showIcon message="为什么要关注" description={alert.explanation} />
          </Card>
          <EvidenceCard evidence={alert.evidence} objects={alert.objects} />
          <Card title={`涉及对象（${alert.objects.length}）`} style={{ marginBottom: 16 }}>
            <Table<SupervisionAlertObjectView>
              rowKey={(o) => `${o.type}:${o.id}`}
              size="small"
              pagination={alert.objects.length > 20 ? { pageSize: 20 } : false}
              dataSource={alert.objects}
              columns={[
                { title: "类型", dataIndex: "typeName", width: 130 },
                { title: "对象", dataIndex: "label", render: (label: string, o) => (o.link ? <Link to={o.link}>{label}</Link> : label) },
                { title: "加入时间", dataIndex: "addedAt", width: 150, render: (at: string) => formatDateTime(at) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="办理" style={{ marginBottom: 16 }}>
            {alert.task && alert.task.actions.length > 0 ? (
              <Space wrap>
                {alert.task.actions.map((a) => (
                  <Button key={a.action} type={DANGER.test(a.action) ? "default" : "primary"} danger={DANGER.test(a.action)} onClick={() => setAction(a)}>
                    {a.action === "submitEvidence" ? "提交整改情况" : a.label}
                  </Button>
                ))}
              </Space>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={alert.closedAt ? "已办结" : alert.task ? `等待${alert.task.stateName}` : "等待分派"} />
            )}
            {alert.status === "falseAlarm" && can("supervision.close") && (
              <Button style={{ marginTop: 12 }} onClick={() => setSuppressing(true)}>{activeSuppression ? "调整屏蔽期限" : "屏蔽此误报对象"}</Button>
            )}
          </Card>
          <Card title="办理经过" style={{ marginBottom: 16 }}>
            <Timeline
              items={[
                ...alert.events.map((e) => ({
                  at: e.at,
                  color: e.kind === "rectification" ? "green" : "blue",
                  children: (
                    <>
                      <div><b>{e.kindName}</b> · {e.actorName} · {formatDateTime(e.at)}</div>
                      {e.kind !== "found" && e.note && <div>{e.note}</div>}
                      {e.objectsAdded > 0 && e.kind === "evidenceAdded" && <div>新增 {e.objectsAdded} 个对象，涉及金额 {e.amount ? yuan(e.amount) : "—"} 元</div>}
                    </>
                  ),
                })),
                // The verification's start is the finding above; the rectification task's start is shown.
                ...(alert.task?.history ?? [])
                  .filter((h, i) => h.kind !== "start" || i > 0)
                  .map((h) => ({
                    at: h.at,
                    color: h.action === "close" ? "green" : DANGER.test(h.action) ? "red" : "gray",
                    children: (
                      <>
                        <div><b>{h.kind === "handover" ? `转交给 ${h.toOwnerName ?? ""}` : h.kind === "start" ? "下达整改事项" : h.actionLabel}</b> · {h.actorName} · {formatDateTime(h.at)}</div>
                        {h.note && <div>{h.note}</div>}
                      </>
                    ),
                  })),
              ]
                .sort((a, b) => a.at.localeCompare(b.at))
                .map(({ color, children }) => ({ color, children }))}
            />
          </Card>
          {alert.rectification && (
            <Card title="整改事项" style={{ marginBottom: 16 }} extra={<Link to={`/performance/rectifications?q=${alert.rectification.taskNo}`}>整改台账</Link>}>
              <Descriptions column={1} size="small" style={{ marginBottom: 8 }}>
                <Descriptions.Item label="编号">{alert.rectification.taskNo}</Descriptions.Item>
                <Descriptions.Item label="责任人">{alert.rectification.responsibleUnitName} {alert.rectification.responsiblePerson}</Descriptions.Item>
                <Descriptions.Item label="整改期限"><Space>{alert.rectification.deadlineOn}{alert.rectification.overdue && <Tag color="red">超期</Tag>}</Space></Descriptions.Item>
                {alert.rectification.closedAt && <Descriptions.Item label="销号">{alert.rectification.closedByName} {formatDateTime(alert.rectification.closedAt)}：{alert.rectification.closureNote}</Descriptions.Item>}
              </Descriptions>
              <EvidenceList task={alert.rectification} />
            </Card>
          )}
          {alert.suppressions.length > 0 && (
            <Card title="屏蔽记录" style={{ marginBottom: 16 }}>
              {alert.suppressions.map((s) => (
                <div key={s.id} style={{ marginBottom: 8 }}>
                  <Tag color={s.active ? "purple" : "default"}>{s.active ? "屏蔽中" : s.revokedAt ? "已撤销" : "已到期"}</Tag>
                  {s.label}，至 {s.expiresOn}；{s.reason}（{s.createdByName}）
                </div>
              ))}
            </Card>
          )}
        </Col>
      </Row>
      {action && action.action === "submitEvidence" && alert.rectification && (
        <EvidenceModal task={alert.rectification} okText="提交区财政局销号" success="整改情况已提交，等待区财政局销号" onClose={() => setAction(null)} onDone={done} />
      )}
      {action && action.action !== "submitEvidence" && (
        <FormModal<{ note?: string }, unknown>
          title={action.label}
          okText={action.label}
          danger={DANGER.test(action.action)}
          send={(v) => flowApi.transition(alert.flowInstanceId!, { action: action.action, note: v.note, expectedState: alert.task!.state })}
          success={`已${action.label}`}
          onDone={done}
          onClose={() => setAction(null)}
        >
          <Form.Item name="note" label={noteLabels[action.action] ?? "意见"} extra={noteExtras[action.action]} rules={action.noteRequired ? [{ required: true, message: "请填写" }] : []}>
            <Input.TextArea rows={4} maxLength={500} showCount />
          </Form.Item>
        </FormModal>
      )}
      {suppressing && (
        <FormModal<{ reason: string; expiresOn: Dayjs }, unknown>
          title={activeSuppression ? "调整屏蔽期限" : "屏蔽误报对象"}
          okText="屏蔽"
          initialValues={{ expiresOn: dayjs().add(180, "day") }}
          send={(v) => supervisionApi.suppress({ alertId: alert.id, reason: v.reason, expiresOn: v.expiresOn.format("YYYY-MM-DD") })}
          success={`已屏蔽：到期前该规则不再就这些对象报警（出现新的支付或清册行仍会报警）${activeSuppression ? "；原屏蔽已撤销" : ""}`}
          onDone={() => {
            setSuppressing(false);
            load();
          }}
          onClose={() => setSuppressing(false)}
        >
          <Form.Item name="reason" label="屏蔽理由" rules={[{ required: true, min: 2, message: "请填写理由" }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
          <Form.Item name="expiresOn" label="屏蔽到期日" rules={[{ required: true }]} extra="最长一年；到期后规则重新检查。"><DatePicker disabledDate={(d) => d.isBefore(dayjs().add(1, "day"), "day") || d.isAfter(dayjs().add(366, "day"))} /></Form.Item>
        </FormModal>
      )}
    </>
  );
}

function EvidenceCard({ evidence, objects }: { evidence: SupervisionAlertEvidenceView; objects: SupervisionAlertObjectView[] }) {
  const links = new Map(objects.map((o) => [`${o.type}:${o.id}`, o.link]));
  return (
    <Card title="证据" style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
        {evidence.facts.map((f) => <Descriptions.Item key={f.label} label={f.label}>{f.value}</Descriptions.Item>)}
      </Descriptions>
      <Table
        rowKey={(i) => `${i.objectType}:${i.objectId}`}
        size="small"
        pagination={evidence.items.length > 20 ? { pageSize: 20 } : false}
        dataSource={evidence.items}
        columns={[
          { title: "对象", dataIndex: "label", render: (label: string, i) => { const link = links.get(`${i.objectType}:${i.objectId}`); return link ? <Link to={link}>{label}</Link> : label; } },
          { title: "日期", dataIndex: "date", width: 110 },
          { title: "金额（元）", dataIndex: "amount", width: 130, align: "right", render: (a: string | null) => (a ? yuan(a) : "") },
          { title: "说明", dataIndex: "note", ellipsis: true },
        ]}
      />
    </Card>
  );
}
