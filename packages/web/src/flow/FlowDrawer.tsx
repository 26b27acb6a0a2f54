// One matter of the flow engine in a drawer: what it is, where it stands, its history,
// and the moves the current user may make now (actions, handover). Every domain that
// starts a flow can open this drawer with the instance id.
import { ClockCircleOutlined, ExportOutlined, InfoCircleOutlined, SwapOutlined } from "@ant-design/icons";
import { Alert, App, Button, Collapse, Descriptions, Drawer, Empty, Form, Input, Result, Select, Space, Spin, Tag, Timeline } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { flowApi } from "../api.ts";
import { todoApi, type TodoTaskDetail } from "../todo/todoApi.ts";
import { TodoSummaryCard } from "../todo/TodoSummaryCard.tsx";
import { blockedTexts, stepText } from "../todo/explain.ts";
import type { FlowAction, FlowInstance, HandoverCandidate } from "../apiTypes.ts";
import { useMe } from "../auth/AuthContext.tsx";
import { describeDeadline } from "../lib/deadline.ts";
import { formatDateTime } from "../lib/format.ts";
import { roleName } from "../lib/labels.ts";
import { ApiError } from "../lib/problem.ts";
import { useApiError } from "../lib/useApiError.ts";
import { FormModal } from "../components/FormModal.tsx";

/** Notes are for a sentence or two of reasons, not documents. */
const NOTE_LENGTH_MAX = 500;

/** Actions that send a matter back or stop it are shown in red. */
const DANGEROUS_ACTION = /reject|return|cancel|withdraw|revoke/i;

export interface FlowDrawerProps {
  instanceId: string | null;
  onClose: () => void;
  /** Called after the matter moved or changed hands, so that lists can reload. */
  onChanged?: () => void;
}

export function FlowDrawer({ instanceId, onClose, onChanged }: FlowDrawerProps) {
  const [instance, setInstance] = useState<TodoTaskDetail | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState<ApiError | null>(null);
  const [action, setAction] = useState<FlowAction | null>(null);
  const [handoverOpen, setHandoverOpen] = useState(false);
  const report = useApiError();
  const me = useMe();

  const load = useCallback(
    async (id: string, signal?: AbortSignal) => {
      setLoading(true);
      setFailed(null);
      try {
        const answer = await todoApi.matter(id, signal);
        setInstance(answer);
      } catch (error) {
        if (signal?.aborted) return;
        if (error instanceof ApiError) setFailed(error);
        else report(error);
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [report],
  );

  useEffect(() => {
    if (instanceId === null) {
      setInstance(null);
      return;
    }
    const controller = new AbortController();
    void load(instanceId, controller.signal);
    return () => controller.abort();
  }, [instanceId, load]);

  const changed = () => {
    if (instanceId !== null) void load(instanceId);
    onChanged?.();
  };

  const deadline = instance === null ? null : describeDeadline(instance.deadlineAt, new Date(), instance.overdue);
  const canHandover = instance !== null && (instance.ownerId === me.id || instance.actions.length > 0);

  const footer =
    instance === null ? null : (
      <Space wrap>
        {instance.actions.map((candidate, index) => (
          <Button
            key={candidate.action}
            type={index === 0 && !DANGEROUS_ACTION.test(candidate.action) ? "primary" : "default"}
            danger={DANGEROUS_ACTION.test(candidate.action)}
            onClick={() => setAction(candidate)}
          >
            {candidate.label}
          </Button>
        ))}
        {canHandover && (
          <Button icon={<SwapOutlined />} onClick={() => setHandoverOpen(true)}>
            转交
          </Button>
        )}
        {instance.summary?.link != null && (
          <Link to={instance.summary.link.path}>
            <Button icon={<ExportOutlined />}>{instance.summary.link.label}</Button>
          </Link>
        )}
        {instance.actions.length === 0 && instance.blocked.length === 0 && <span style={{ color: "#8c96a3" }}>当前环节无需您办理</span>}
      </Space>
    );

  return (
    <Drawer
      open={instanceId !== null}
      onClose={onClose}
      size={720}
      title={instance?.title ?? "事项详情"}
      footer={footer}
      destroyOnHidden
    >
      {loading && instance === null ? (
        <div className="xc-page-spin">
          <Spin />
        </div>
      ) : failed !== null ? (
        <Result status={failed.status === 404 ? "404" : "error"} title="无法打开此事项" subTitle={failed.detail} />
      ) : instance === null ? null : (
        <Spin spinning={loading}>
          {deadline?.overdue === true && (
            <Alert
              type="error"
              showIcon
              icon={<ClockCircleOutlined />}
              title={`本事项已超过办理时限（${formatDateTime(instance.deadlineAt)}），${deadline.text}，请尽快办理。`}
              style={{ marginBottom: 16 }}
            />
          )}
          {instance.summary !== null ? (
            <TodoSummaryCard summary={instance.summary} />
          ) : (
            <Alert type="info" showIcon title={`${instance.flowName}：请打开业务页面查看事项内容。`} style={{ marginBottom: 8 }} />
          )}
          <Explanation matter={instance} />
          <Collapse
            size="small"
            style={{ marginTop: 16 }}
            defaultActiveKey={instance.summary === null ? ["flow"] : []}
            items={[
              {
                key: "flow",
                label: `流程信息：${instance.flowName} · ${instance.stateName} · 首问负责人 ${instance.ownerName || "—"}`,
                children: (
              <Descriptions
                bordered
                size="small"
                column={2}
                items={[
                  { key: "flow", label: "事项类型", children: instance.flowName },
                  { key: "region", label: "所属区划", children: instance.regionName },
                  { key: "state", label: "当前状态", children: <Tag color="processing">{instance.stateName}</Tag> },
                  { key: "role", label: "办理角色", children: instance.stepRole.length ? instance.stepRole.map((code) => roleName(code)).join("、") : "—" },
                  { key: "owner", label: "首问负责人", children: instance.ownerName ?? "—" },
                  {
                    key: "deadline",
                    label: "办理时限",
                    children:
                      deadline === null ? (
                        "—"
                      ) : (
                        <span className={deadline.overdue ? "xc-overdue-text" : undefined}>
                          {formatDateTime(instance.deadlineAt)}（{deadline.text}）
                        </span>
                      ),
                  },
                  { key: "creator", label: "发起人", children: instance.createdByName },
                  { key: "created", label: "发起时间", children: formatDateTime(instance.createdAt) },
                ]}
              />
                ),
              },
            ]}
          />

          <h3 style={{ margin: "24px 0 12px", fontSize: 15 }}>办理记录</h3>
          {instance.history.length === 0 ? (
            <Empty description="暂无办理记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Timeline
              items={instance.history.map((entry, index) => ({
                key: `${entry.at}-${index}`,
                color: DANGEROUS_ACTION.test(entry.action) ? "red" : index === instance.history.length - 1 ? "blue" : "gray",
                title: formatDateTime(entry.at),
                content: (
                  <div>
                    <div>
                      <strong style={{ marginRight: 12 }}>{entry.actorName}</strong>
                      {entry.actionLabel}
                    </div>
                    {entry.note !== null && entry.note !== "" && (
                      <div style={{ color: "#4a5563", marginTop: 4, whiteSpace: "pre-wrap" }}>意见：{entry.note}</div>
                    )}
                  </div>
                ),
              }))}
            />
          )}
        </Spin>
      )}

      {instance !== null && action !== null && (
        <ActionModal
          instance={instance}
          action={action}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            changed();
          }}
          onStale={() => {
            setAction(null);
            changed();
          }}
        />
      )}
      {instance !== null && handoverOpen && (
        <HandoverModal
          instance={instance}
          onClose={() => setHandoverOpen(false)}
          onDone={() => {
            setHandoverOpen(false);
            changed();
          }}
        />
      )}
    </Drawer>
  );
}

/** Why a move the user might expect is not theirs, and who acts at the step. */
function Explanation({ matter }: { matter: TodoTaskDetail }) {
  const step = stepText(matter);
  if (matter.blocked.length === 0 && step === null) return null;
  return (
    <Alert
      type="info"
      showIcon
      icon={<InfoCircleOutlined />}
      style={{ marginTop: 12 }}
      data-testid="todo-explanation"
      title={matter.blocked.length > 0 ? "以下办理须由他人完成" : "谁来办理"}
      description={
        <div>
          {blockedTexts(matter.blocked).map((text) => (
            <div key={text}>{text}</div>
          ))}
          {step !== null && <div>{step}</div>}
        </div>
      }
    />
  );
}

function ActionModal({
  instance,
  action,
  onClose,
  onDone,
  onStale,
}: {
  instance: FlowInstance;
  action: FlowAction;
  onClose: () => void;
  onDone: () => void;
  onStale: () => void;
}) {
  const { message } = App.useApp();
  // A matter moved on by someone else meanwhile (STALE) is not an error to fix: say so and refresh.
  const transition = async (values: { note?: string }): Promise<"done" | "stale"> => {
    const note = values.note?.trim();
    try {
      await flowApi.transition(instance.id, { action: action.action, note: note === undefined || note === "" ? undefined : note, expectedState: instance.state });
      return "done";
    } catch (error) {
      if (!(error instanceof ApiError && error.code === "STALE")) throw error;
      void message.warning(`${error.detail}（已刷新为最新状态）`);
      return "stale";
    }
  };

  return (
    <FormModal<{ note?: string }, "done" | "stale">
      title={`${action.label}：${instance.title}`}
      okText={`确认${action.label}`}
      danger={DANGEROUS_ACTION.test(action.action)}
      send={transition}
      success={(outcome) => (outcome === "done" ? `已${action.label}` : undefined)}
      onDone={(outcome) => (outcome === "done" ? onDone() : onStale())}
      onClose={onClose}
    >
      <Form.Item
        name="note"
        label={action.noteRequired ? "办理意见" : "办理意见（选填）"}
        rules={action.noteRequired ? [{ required: true, whitespace: true, message: `请填写${action.label}的理由或意见` }] : []}
      >
        <Input.TextArea rows={4} maxLength={NOTE_LENGTH_MAX} showCount placeholder="请输入办理意见" />
      </Form.Item>
    </FormModal>
  );
}

function HandoverModal({ instance, onClose, onDone }: { instance: FlowInstance; onClose: () => void; onDone: () => void }) {
  const [candidates, setCandidates] = useState<HandoverCandidate[] | null>(null);
  const report = useApiError();

  useEffect(() => {
    let cancelled = false;
    flowApi
      .handoverCandidates(instance.id)
      .then((list) => {
        if (!cancelled) setCandidates(list.filter((candidate) => candidate.id !== instance.ownerId));
      })
      .catch((error: unknown) => {
        if (!cancelled) {
          setCandidates([]);
          report(error);
        }
      });
    return () => {
      cancelled = true;
    };
  }, [instance.id, instance.ownerId, report]);

  const nameOf = (id: string) => candidates?.find((candidate) => candidate.id === id)?.displayName ?? "";

  return (
    <FormModal<{ toUserId: string; note: string }, string>
      title="转交事项"
      okText="确认转交"
      send={(values) => flowApi.handover(instance.id, { toUserId: values.toUserId, note: values.note.trim() }).then(() => values.toUserId)}
      success={(to) => `已转交给${nameOf(to)}`}
      onDone={onDone}
      onClose={onClose}
    >
      <p style={{ color: "#4a5563" }}>
        转交后，首问负责人将变更为所选人员，转交记录将写入办理记录和审计日志。当前负责人：{instance.ownerName ?? "无"}。
      </p>
      <Form.Item name="toUserId" label="转交给" rules={[{ required: true, message: "请选择接收人" }]}>
        <Select
          loading={candidates === null}
          placeholder="选择同一区划内的人员"
          showSearch={{ optionFilterProp: "label" }}
          options={(candidates ?? []).map((candidate) => ({
            value: candidate.id,
            label: `${candidate.displayName}（${candidate.roles.map((code) => roleName(code)).join("、")}）`,
          }))}
          notFoundContent={candidates === null ? "正在加载…" : "没有可转交的人员"}
        />
      </Form.Item>
      <Form.Item name="note" label="转交说明" rules={[{ required: true, whitespace: true, message: "请填写转交原因" }]}>
        <Input.TextArea rows={3} maxLength={NOTE_LENGTH_MAX} showCount placeholder="例如：本人休假，请代为办理" />
      </Form.Item>
    </FormModal>
  );
}
