// 系统设置: every configurable rule (TOTP roles, working calendar, step time limits, and whatever
// later domains declare) for the user's own region, with where its value comes from, and an editor
// fitting its kind for those the user may change.
import { App, Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { useMe } from "../../auth/AuthContext.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { useRoles } from "../../lib/useRoles.ts";
import { settingsApi, type Setting } from "./settingsApi.ts";
import { describeValue, integerMapLines, parseDayLines, parseIntegerMapLines, type CalendarValue } from "./settingValue.ts";

function sourceText(setting: Setting, regionCode: string): React.ReactNode {
  if (setting.source === "default") return <Tag>系统默认</Tag>;
  if (setting.source === regionCode) return <Tag color="blue">本级设置</Tag>;
  return <Tag color="gold">继承上级（{setting.source}）</Tag>;
}

export default function SettingsPage() {
  const me = useMe();
  const reportError = useApiError();
  const { message } = App.useApp();
  const { roles, names } = useRoles();
  const [regionCode, setRegionCode] = useState(me.regionCode);
  const [items, setItems] = useState<Setting[]>([]);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<Setting | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();

  const load = useCallback(() => {
    setLoading(true);
    settingsApi
      .list(regionCode)
      .then((answer) => setItems(answer.items))
      .catch(reportError)
      .finally(() => setLoading(false));
  }, [regionCode, reportError]);
  useEffect(load, [load]);

  const open = (setting: Setting) => {
    setEditing(setting);
    const value = setting.value;
    if (setting.kind === "roleList") form.setFieldsValue({ roles: value });
    else if (setting.kind === "calendar") {
      const c = value as CalendarValue;
      form.setFieldsValue({ holidays: c.holidays.join("\n"), extraWorkdays: c.extraWorkdays.join("\n") });
    } else if (setting.kind === "integerMap") form.setFieldsValue({ lines: integerMapLines(value) });
    else if (setting.kind === "integer") form.setFieldsValue({ number: value });
    else form.setFieldsValue({ json: JSON.stringify(value, null, 2) });
  };

  const save = async () => {
    if (!editing) return;
    const fields = (await form.validateFields()) as Record<string, unknown>;
    let value: unknown;
    if (editing.kind === "roleList") value = fields.roles ?? [];
    else if (editing.kind === "calendar") value = { holidays: parseDayLines(String(fields.holidays ?? "")), extraWorkdays: parseDayLines(String(fields.extraWorkdays ?? "")) };
    else if (editing.kind === "integerMap") {
      const parsed = parseIntegerMapLines(String(fields.lines ?? ""));
      if (typeof parsed === "string") {
        form.setFields([{ name: "lines", errors: [parsed] }]);
        return;
      }
      value = parsed;
    } else if (editing.kind === "integer") value = fields.number;
    else {
      try {
        value = JSON.parse(String(fields.json ?? "null"));
      } catch {
        form.setFields([{ name: "json", errors: ["不是有效的 JSON"] }]);
        return;
      }
    }
    setSaving(true);
    try {
      const answer = await settingsApi.change(editing.key, regionCode, value);
      setItems(answer.items);
      setEditing(null);
      void message.success(`已保存“${editing.name}”`);
    } catch (error) {
      reportError(error, form);
      const detail = (error as { errors?: { path: string; message: string }[] }).errors?.find((e) => e.path === "value");
      if (detail) form.setFields([{ name: editing.kind === "roleList" ? "roles" : editing.kind === "calendar" ? "holidays" : editing.kind === "integerMap" ? "lines" : editing.kind === "integer" ? "number" : "json", errors: [detail.message] }]);
    } finally {
      setSaving(false);
    }
  };

  const reset = (setting: Setting) => {
    Modal.confirm({
      title: `恢复“${setting.name}”为继承值？`,
      content: "删除本级设置后，将使用上级或系统默认的值。",
      okText: "恢复",
      cancelText: "取消",
      onOk: async () => {
        try {
          setItems((await settingsApi.reset(setting.key, regionCode)).items);
        } catch (error) {
          reportError(error);
        }
      },
    });
  };

  const roleName = (code: string) => names.get(code) ?? code;

  return (
    <>
      <PageHeader
        title="系统设置"
        description="各项可配置的业务规则。乡镇的设置优先于区级设置，未设置时使用系统默认值；每次修改都记入审计日志。"
        extra={<RegionSelect value={regionCode} onChange={(v) => setRegionCode(v ?? me.regionCode)} allowClear={false} style={{ width: 240 }} />}
      />
      <Card>
        <Table<Setting>
          rowKey="key"
          loading={loading}
          dataSource={items}
          pagination={false}
          columns={[
            {
              title: "设置项",
              dataIndex: "name",
              width: 220,
              render: (name: string, s) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{name}</Typography.Text>
                  <Typography.Text type="secondary" className="xc-mono" style={{ fontSize: 12 }}>{s.key}</Typography.Text>
                </Space>
              ),
            },
            { title: "说明", dataIndex: "description" },
            { title: "当前值", key: "value", width: 280, render: (_, s) => describeValue(s.kind, s.value, roleName) },
            { title: "来源", key: "source", width: 170, render: (_, s) => sourceText(s, regionCode) },
            { title: "设置级别", dataIndex: "levels", width: 110, render: (levels: string[]) => levels.map((l) => (l === "district" ? "区" : "乡镇")).join("、") },
            {
              title: "操作",
              key: "actions",
              width: 150,
              render: (_, s) =>
                s.editable ? (
                  <Space>
                    <Button type="link" size="small" onClick={() => open(s)}>修改</Button>
                    {s.own !== null && <Button type="link" size="small" danger onClick={() => reset(s)}>恢复继承</Button>}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={editing ? `修改：${editing.name}` : ""}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        destroyOnHidden
        width={560}
      >
        {editing && (
          <Form form={form} layout="vertical" preserve={false}>
            <Alert type="info" showIcon style={{ marginBottom: 16 }} message={editing.description} />
            {editing.kind === "roleList" && (
              <Form.Item name="roles" label="角色">
                <Select mode="multiple" options={roles.map((r) => ({ value: r.code, label: r.name }))} placeholder="选择角色" />
              </Form.Item>
            )}
            {editing.kind === "calendar" && (
              <>
                <Form.Item name="holidays" label="法定节假日（每行一个日期，如 2026-10-01）">
                  <Input.TextArea rows={6} placeholder="2026-10-01" />
                </Form.Item>
                <Form.Item name="extraWorkdays" label="调休上班日（周末上班的日期）">
                  <Input.TextArea rows={3} placeholder="2026-09-27" />
                </Form.Item>
              </>
            )}
            {editing.kind === "integerMap" && (
              <Form.Item name="lines" label="每行“流程.环节 = 工作日数”" extra="例如 budgetUnitRegistration.submitted = 5">
                <Input.TextArea rows={6} />
              </Form.Item>
            )}
            {editing.kind === "integer" && (
              <Form.Item name="number" label="数值" rules={[{ required: true, message: "请输入数值" }]}>
                <InputNumber precision={0} style={{ width: 200 }} />
              </Form.Item>
            )}
            {editing.kind === "json" && (
              <Form.Item name="json" label="值（JSON）">
                <Input.TextArea rows={8} className="xc-mono" />
              </Form.Item>
            )}
          </Form>
        )}
      </Modal>
    </>
  );
}
