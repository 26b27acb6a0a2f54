// One service matter followed to the end: who brought it and what they asked (ID number and phone
// masked), who answers for it (首问负责人) and by when, the answer, the report to the district and its
// reply, and the resident's satisfaction. The moves the viewer may make now are offered: 答复办结 (the
// owner only, while the matter is being handled; another takes it over by hand-over), 上报区财政局 and 区财政局答复 (moves of the
// matter's flow), 回访 once after the answer; and the acceptance slip can be printed again.
import { ArrowLeftOutlined, PrinterOutlined, SwapOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, Radio, Row, Space, Tag, Timeline, Tooltip } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { MATTER_ANSWER_MAX, matterCategoryNames, matterChannelNames, matterStatusNames, satisfactionLevels, satisfactionNames, type Satisfaction } from "@xiangcai/shared";
import { flowApi } from "../../api.ts";
import type { FlowAction } from "../../apiTypes.ts";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { FlowDrawer } from "../../flow/FlowDrawer.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { describeDeadline } from "../../lib/deadline.ts";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { ApiError } from "../../lib/problem.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { todoApi, type TodoTaskDetail } from "../../todo/todoApi.ts";
import { filled, hallApi, satisfactionColours, statusColours, type Matter } from "./hallApi.ts";
import { promisedTag } from "./parts.tsx";

/** The answer has its own form (with the answer text); the flow's other moves go through the flow route. */
const OWN_FORMS = new Set(["answer", "followUp"]);
const noteLabels: Record<string, string> = { report: "上报说明（乡镇不能单独答复的原因和需要区财政局答复的问题）", reply: "区财政局答复意见" };
const noteExtras: Record<string, string> = {
  report: "上报后由区财政局答复；答复后事项回到本所，由首问负责人答复群众并办结。",
  reply: "答复后事项回到乡镇财政所，由首问负责人据此答复群众并办结。",
};
const satisfactionOptions = satisfactionLevels.map((value) => ({ value, label: satisfactionNames[value] }));

export default function MatterPage() {
  const { id = "" } = useParams();
  const { can } = useAuth();
  const report = useApiError();
  const [matter, setMatter] = useState<Matter | null>(null);
  const [task, setTask] = useState<TodoTaskDetail | null>(null);
  const [failed, setFailed] = useState<ApiError | null>(null);
  const [action, setAction] = useState<FlowAction | null>(null);
  const [answering, setAnswering] = useState(false);
  const [followingUp, setFollowingUp] = useState(false);
  const [flowOpen, setFlowOpen] = useState(false);

  const load = useCallback(
    (signal?: AbortSignal) => {
      hallApi
        .matter(id, signal)
        .then(async (found) => {
          setMatter(found);
          // The flow tells who owns the matter now, what the viewer may do and what was done so far.
          const flow = await todoApi.matter(found.flowInstanceId, signal).catch(() => null);
          if (!signal?.aborted) setTask(flow);
        })
        .catch((error: unknown) => {
          if (signal?.aborted) return;
          if (error instanceof ApiError && error.status === 404) setFailed(error);
          else report(error);
        });
    },
    [id, report],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  if (failed) return <Alert type="error" showIcon title="无法打开此服务事项" description={failed.detail} />;
  if (!matter) return <Card loading />;

  const done = () => {
    setAction(null);
    setAnswering(false);
    setFollowingUp(false);
    load();
  };
  const flowActions = (task?.actions ?? []).filter((a) => !OWN_FORMS.has(a.action));
  const mayAnswerHere = can("hall.accept") && matter.status === "handling";
  // The flow offers the owner's step to its owner only (首问负责人): the page follows what it offers.
  const ownsIt = task === null || (task.actions ?? []).some((a) => a.action === "answer");
  const mayFollowUp = can("hall.accept") && matter.status === "answered" && matter.satisfaction === null;
  const deadline = matter.status === "answered" ? null : describeDeadline(matter.deadlineAt, new Date(), matter.overdue);

  return (
    <>
      <PageHeader
        title={
          <Space>
            <Link to="/hall/matters"><ArrowLeftOutlined /></Link>
            <span>服务事项 <span className="xc-mono">{matter.matterNo}</span></span>
            <Tag color={statusColours[matter.status]}>{matterStatusNames[matter.status]}</Tag>
            {matter.overdue && <Tag color="red">已超期</Tag>}
          </Space>
        }
        description={`${matter.regionName} · ${matterCategoryNames[matter.category]} · ${matterChannelNames[matter.channel]}`}
        extra={
          <Space>
            <Link to={`/hall/matters/${matter.id}/slip`}><Button icon={<PrinterOutlined />}>打印受理回执</Button></Link>
            <Button icon={<SwapOutlined />} onClick={() => setFlowOpen(true)}>流程与转交</Button>
          </Space>
        }
      />
      {matter.overdue && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`本事项已超过${matter.status === "reported" ? "区财政局答复时限" : "承诺办结时限"}${deadline ? `（${deadline.text}）` : ""}，请尽快办理。`} />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title="事项信息" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
              <Descriptions.Item label="受理编号"><span className="xc-mono">{matter.matterNo}</span></Descriptions.Item>
              <Descriptions.Item label="乡镇">{matter.regionName}</Descriptions.Item>
              <Descriptions.Item label="事项类别">{matterCategoryNames[matter.category]}</Descriptions.Item>
              <Descriptions.Item label="受理渠道">{matterChannelNames[matter.channel]}</Descriptions.Item>
              <Descriptions.Item label="来办人">{matter.applicantName}</Descriptions.Item>
              <Descriptions.Item label="村（社区）">{matter.villageName ?? "—"}</Descriptions.Item>
              <Descriptions.Item label="身份证号"><span className="xc-mono">{matter.applicantIdMasked ?? "未登记"}</span></Descriptions.Item>
              <Descriptions.Item label="联系电话"><span className="xc-mono">{matter.applicantPhoneMasked ?? "未登记"}</span></Descriptions.Item>
              <Descriptions.Item label="事项内容" span={2}><div style={{ whiteSpace: "pre-wrap" }}>{matter.content}</div></Descriptions.Item>
              <Descriptions.Item label="受理时间">{formatDateTime(matter.acceptedAt)}</Descriptions.Item>
              <Descriptions.Item label="受理人">{matter.acceptedByName}</Descriptions.Item>
              <Descriptions.Item label="首问负责人">{matter.ownerName}</Descriptions.Item>
              <Descriptions.Item label="承诺办结时限">{promisedTag(matter)}</Descriptions.Item>
              {matter.status === "reported" && (
                <Descriptions.Item label="区财政局答复时限" span={2}>
                  {deadline ? <span className={deadline.overdue ? "xc-overdue-text" : undefined}>{formatDateTime(matter.deadlineAt)}（{deadline.text}）</span> : "—"}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          {(matter.reportNote !== null || matter.districtReply !== null) && (
            <Card title="上报区财政局" style={{ marginBottom: 16 }}>
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label="上报说明"><div style={{ whiteSpace: "pre-wrap" }}>{matter.reportNote ?? "—"}</div></Descriptions.Item>
                <Descriptions.Item label="区财政局答复"><div style={{ whiteSpace: "pre-wrap" }}>{matter.districtReply ?? (matter.status === "reported" ? "等待区财政局答复" : "—")}</div></Descriptions.Item>
              </Descriptions>
            </Card>
          )}
          <Card title="答复与回访" style={{ marginBottom: 16 }}>
            {matter.answer === null ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={matter.status === "reported" ? "已上报区财政局，待区财政局答复后答复群众" : "尚未答复"} />
            ) : (
              <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
                <Descriptions.Item label="答复内容" span={2}><div style={{ whiteSpace: "pre-wrap" }}>{matter.answer}</div></Descriptions.Item>
                <Descriptions.Item label="答复人">{matter.answeredByName ?? "—"}</Descriptions.Item>
                <Descriptions.Item label="办结时间">{formatDateTime(matter.answeredAt)}</Descriptions.Item>
                <Descriptions.Item label="办结情况">{matter.onTime === null ? "—" : matter.onTime ? <Tag color="green">按时办结</Tag> : <Tag color="red">超时办结</Tag>}</Descriptions.Item>
                <Descriptions.Item label="群众满意度">{matter.satisfaction ? <Tag color={satisfactionColours[matter.satisfaction]}>{satisfactionNames[matter.satisfaction]}</Tag> : "待回访"}</Descriptions.Item>
                {matter.followUpNote && <Descriptions.Item label="回访说明">{matter.followUpNote}</Descriptions.Item>}
              </Descriptions>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="办理" style={{ marginBottom: 16 }}>
            {mayAnswerHere || flowActions.length > 0 || mayFollowUp ? (
              <Space wrap>
                {mayAnswerHere && (
                  <Tooltip title={ownsIt ? undefined : `只有首问负责人（${matter.ownerName}）可以答复办结；如需由您办理，请由首问负责人或所长在“流程与转交”中转交给您。`}>
                    <Button type="primary" disabled={!ownsIt} onClick={() => setAnswering(true)}>答复办结</Button>
                  </Tooltip>
                )}
                {flowActions.map((a) => (
                  <Button key={a.action} type={mayAnswerHere ? "default" : "primary"} onClick={() => setAction(a)}>{a.label}</Button>
                ))}
                {mayFollowUp && <Button type="primary" onClick={() => setFollowingUp(true)}>回访</Button>}
              </Space>
            ) : (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={matter.status === "answered" ? (matter.satisfaction ? "已办结并回访" : "已办结，待回访") : matter.status === "reported" ? "等待区财政局答复" : `由首问负责人 ${matter.ownerName} 办理`}
              />
            )}
            {matter.status !== "answered" && (
              <div style={{ marginTop: 12, color: "#8c96a3", fontSize: 13 }}>
                承诺 {formatDate(matter.promisedBy)} 前办结；乡镇不能单独答复的事项可上报区财政局，由区财政局答复后再答复群众。
              </div>
            )}
          </Card>
          <Card title="办理记录" style={{ marginBottom: 16 }}>
            {task === null || task.history.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无办理记录" />
            ) : (
              <Timeline
                items={task.history.map((h, index) => ({
                  key: `${h.at}-${index}`,
                  color: h.toState === "answered" ? "green" : index === task.history.length - 1 ? "blue" : "gray",
                  content: (
                    <>
                      <div><b>{h.kind === "handover" ? `转交给 ${h.toOwnerName ?? ""}` : h.kind === "start" ? "受理登记" : h.actionLabel}</b> · {h.actorName} · {formatDateTime(h.at)}</div>
                      {h.note && <div style={{ color: "#4a5563", whiteSpace: "pre-wrap" }}>{h.note}</div>}
                    </>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      {answering && (
        <FormModal<{ answer: string; satisfaction?: Satisfaction }, Matter>
          title={`答复办结：${matter.matterNo}`}
          okText="答复办结"
          width={640}
          send={(v, key) => hallApi.answer(matter.id, { answer: v.answer.trim(), ...(v.satisfaction ? { satisfaction: v.satisfaction } : {}) }, key)}
          success={(m) => `已答复办结${m.onTime === false ? "（已超过承诺时限）" : ""}`}
          onDone={done}
          onClose={() => setAnswering(false)}
        >
          {matter.districtReply && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="区财政局答复" description={matter.districtReply} />}
          <Form.Item name="answer" label="答复内容" rules={[{ required: true, whitespace: true, message: "请填写答复内容" }, { min: 2, message: "请填写答复内容" }]}>
            <Input.TextArea rows={5} maxLength={MATTER_ANSWER_MAX} showCount placeholder="向群众答复的政策依据、办理结果或下一步安排" />
          </Form.Item>
          <Form.Item name="satisfaction" label="群众当场评价（选填，也可以以后回访）">
            <Radio.Group options={satisfactionOptions} />
          </Form.Item>
        </FormModal>
      )}
      {followingUp && (
        <FormModal<{ satisfaction: Satisfaction; note?: string }, Matter>
          title={`回访：${matter.matterNo} ${matter.applicantName}`}
          okText="保存回访"
          send={(v, key) => hallApi.followUp(matter.id, { satisfaction: v.satisfaction, note: filled(v.note) }, key)}
          success="已记录回访满意度"
          onDone={done}
          onClose={() => setFollowingUp(false)}
        >
          <Form.Item name="satisfaction" label="群众满意度" rules={[{ required: true, message: "请选择满意度" }]}>
            <Radio.Group options={satisfactionOptions} />
          </Form.Item>
          <Form.Item name="note" label="回访情况（选填）">
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </FormModal>
      )}
      {action && task && (
        <FormModal<{ note?: string }, unknown>
          title={`${action.label}：${matter.matterNo}`}
          okText={action.label}
          width={600}
          send={(v) => flowApi.transition(task.id, { action: action.action, note: filled(v.note), expectedState: task.state })}
          success={`已${action.label}`}
          onDone={done}
          onClose={() => setAction(null)}
        >
          {action.action === "reply" && matter.reportNote && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="乡镇上报说明" description={matter.reportNote} />}
          <Form.Item name="note" label={noteLabels[action.action] ?? "办理意见"} extra={noteExtras[action.action]} rules={action.noteRequired ? [{ required: true, whitespace: true, message: "请填写" }] : []}>
            <Input.TextArea rows={4} maxLength={500} showCount />
          </Form.Item>
        </FormModal>
      )}
      <FlowDrawer instanceId={flowOpen ? matter.flowInstanceId : null} onClose={() => setFlowOpen(false)} onChanged={() => load()} />
    </>
  );
}
