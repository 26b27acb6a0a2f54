// 系统设置: every configurable rule (TOTP roles, working calendar, step time limits, and whatever
// later domains declare) for the user's own region, with where its value comes from, and an editor
// fitting its kind for those the user may change.
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../../api.ts";
import { FormModal } from "../../components/FormModal.tsx";
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
  return <Tag color="gold">继承上级（{setting.sourceName}）</Tag>;
}

export default function SettingsPage() {
  const me = useMe();
  const reportError = useApiError();
  const { roles, names } = useRoles();
  const [regionCode, setRegionCode] = useState(me.regionCode);
  const [items, setItems] = useState<Setting[]>([]);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<Setting | null>(null);

  const load = useCallback(() => {
    setLoading(true);
    settingsApi
      .list(regionCode)
      .then((answer) => setItems(answer.items))
      .catch(reportError)
      .finally(() => setLoading(false));
  }, [regionCode, reportError]);
  useEffect(load, [load]);

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
              // The name only: the stable key (budget.exAntePassMark) is for the API and the CLI, not for people.
              render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
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
                    <Button type="link" size="small" onClick={() => setEditing(s)}>修改</Button>
                    {s.own !== null && <Button type="link" size="small" danger onClick={() => reset(s)}>恢复继承</Button>}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      {editing && (
        <SettingModal
          setting={editing}
          regionCode={regionCode}
          roles={roles}
          onClose={() => setEditing(null)}
          onSaved={(answer) => {
            setItems(answer.items);
            setEditing(null);
          }}
        />
      )}
    </>
  );
}

/** The field that shows a problem with the setting's value, by the setting's kind. */
const valueField: Record<Setting["kind"], string> = { roleList: "roles", calendar: "holidays", integerMap: "lines", integer: "number", json: "json" };

function initialOf(setting: Setting): Record<string, unknown> {
  const value = setting.value;
  if (setting.kind === "roleList") return { roles: value };
  if (setting.kind === "calendar") {
    const c = value as CalendarValue;
    return { holidays: c.holidays.join("\n"), extraWorkdays: c.extraWorkdays.join("\n") };
  }
  if (setting.kind === "integerMap") return { lines: integerMapLines(value) };
  if (setting.kind === "integer") return { number: value };
  return { json: JSON.stringify(value, null, 2) };
}

/** A problem with one field, shown on it like the server's own field errors. */
const fieldProblem = (field: string, message: string) => new ApiError(400, "VALIDATION_FAILED", "请改正标出的内容", [{ path: field, message }]);

function SettingModal({ setting, regionCode, roles, onClose, onSaved }: { setting: Setting; regionCode: string; roles: { code: string; name: string }[]; onClose: () => void; onSaved: (answer: { items: Setting[] }) => void }) {
  const valueOf = (fields: Record<string, unknown>): unknown => {
    if (setting.kind === "roleList") return fields.roles ?? [];
    if (setting.kind === "calendar") return { holidays: parseDayLines(String(fields.holidays ?? "")), extraWorkdays: parseDayLines(String(fields.extraWorkdays ?? "")) };
    if (setting.kind === "integerMap") {
      const parsed = parseIntegerMapLines(String(fields.lines ?? ""));
      if (typeof parsed === "string") throw fieldProblem("lines", parsed);
      return parsed;
    }
    if (setting.kind === "integer") return fields.number;
    try {
      return JSON.parse(String(fields.json ?? "null"));
    } catch {
      throw fieldProblem("json", "不是有效的 JSON");
    }
  };
  const save = async (fields: Record<string, unknown>) => {
    const value = valueOf(fields);
    try {
      return await settingsApi.change(setting.key, regionCode, value);
    } catch (error) {
      // The server names the whole value ("value"): show it on the field that holds it.
      if (error instanceof ApiError && error.errors.some((e) => e.path === "value")) {
        throw new ApiError(error.status, error.code, error.detail, error.errors.map((e) => (e.path === "value" ? { ...e, path: valueField[setting.kind] } : e)));
      }
      throw error;
    }
  };
  return (
    <FormModal<Record<string, unknown>, { items: Setting[] }>
      title={`修改：${setting.name}`}
      width={560}
      initialValues={initialOf(setting)}
      send={save}
      success={`已保存“${setting.name}”`}
      onDone={onSaved}
      onClose={onClose}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={setting.description} />
      {setting.kind === "roleList" && (
        <Form.Item name="roles" label="角色">
          <Select mode="multiple" options={roles.map((r) => ({ value: r.code, label: r.name }))} placeholder="选择角色" />
        </Form.Item>
      )}
      {setting.kind === "calendar" && (
        <>
          <Form.Item name="holidays" label="法定节假日（每行一个日期，如 2026-10-01）">
            <Input.TextArea rows={6} placeholder="2026-10-01" />
          </Form.Item>
          <Form.Item name="extraWorkdays" label="调休上班日（周末上班的日期）">
            <Input.TextArea rows={3} placeholder="2026-09-27" />
          </Form.Item>
        </>
      )}
      {setting.kind === "integerMap" && (
        <Form.Item name="lines" label="每行“流程.环节 = 工作日数”" extra="例如 budgetUnitRegistration.submitted = 5">
          <Input.TextArea rows={6} />
        </Form.Item>
      )}
      {setting.kind === "integer" && (
        <Form.Item name="number" label="数值" rules={[{ required: true, message: "请输入数值" }]}>
          <InputNumber precision={0} style={{ width: 200 }} />
        </Form.Item>
      )}
      {setting.kind === "json" && (
        <Form.Item name="json" label="值（JSON）">
          <Input.TextArea rows={8} className="xc-mono" />
        </Form.Item>
      )}
    </FormModal>
  );
}
