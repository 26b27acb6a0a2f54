// One matter of the flow engine in a drawer: what it is, where it stands, its history,
// and the moves the current user may make now (actions, handover). Every domain that
// starts a flow can open this drawer with the instance id.
import { ClockCircleOutlined, SwapOutlined } from "@ant-design/icons";
import { Alert, App, Button, Descriptions, Drawer, Empty, Form, Input, Modal, Result, Select, Space, Spin, Tag, Timeline } from "antd";
import { useCallback, useEffect, useState } from "react";
import { flowApi } from "../api.ts";
import type { FlowAction, FlowInstance, HandoverCandidate } from "../apiTypes.ts";
import { useMe } from "../auth/AuthContext.tsx";
import { describeDeadline } from "../lib/deadline.ts";
import { formatDateTime } from "../lib/format.ts";
import { roleName } from "../lib/labels.ts";
import { ApiError } from "../lib/problem.ts";
import { useApiError } from "../lib/useApiError.ts";

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
  const [instance, setInstance] = useState<FlowInstance | null>(null);
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
        const answer = await flowApi.instance(id, signal);
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
        {instance.actions.length === 0 && <span style={{ color: "#8c96a3" }}>当前环节无需您办理</span>}
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
  const [form] = Form.useForm<{ note?: string }>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const report = useApiError();

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const note = values.note?.trim();
      await flowApi.transition(instance.id, {
        action: action.action,
        note: note === undefined || note === "" ? undefined : note,
        expectedState: instance.state,
      });
      void message.success(`已${action.label}`);
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === "STALE") {
        void message.warning(`${error.detail}（已刷新为最新状态）`);
        onStale();
      } else {
        report(error, form);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`${action.label}：${instance.title}`}
      okText={`确认${action.label}`}
      okButtonProps={{ danger: DANGEROUS_ACTION.test(action.action) }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={action.noteRequired ? "办理意见" : "办理意见（选填）"}
          rules={action.noteRequired ? [{ required: true, whitespace: true, message: `请填写${action.label}的理由或意见` }] : []}
        >
          <Input.TextArea rows={4} maxLength={NOTE_LENGTH_MAX} showCount placeholder="请输入办理意见" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HandoverModal({ instance, onClose, onDone }: { instance: FlowInstance; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ toUserId: string; note: string }>();
  const [candidates, setCandidates] = useState<HandoverCandidate[] | null>(null);
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
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

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await flowApi.handover(instance.id, { toUserId: values.toUserId, note: values.note.trim() });
      const name = candidates?.find((candidate) => candidate.id === values.toUserId)?.displayName ?? "";
      void message.success(`已转交给${name}`);
      onDone();
    } catch (error) {
      report(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="转交事项"
      okText="确认转交"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <p style={{ color: "#4a5563" }}>
        转交后，首问负责人将变更为所选人员，转交记录将写入办理记录和审计日志。当前负责人：{instance.ownerName ?? "无"}。
      </p>
      <Form form={form} layout="vertical">
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
      </Form>
    </Modal>
  );
}
