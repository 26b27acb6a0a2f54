// 系统设置: every configurable rule (TOTP roles, working calendar, step time limits, and whatever
// later domains declare) for the user's own region, with where its value comes from, and an editor
// fitting its kind for those the user may change.
import type { SettingField } from "@xiangcai/shared";
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../../api.ts";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { useMe } from "../../auth/AuthContext.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { useRoles } from "../../lib/useRoles.ts";
import { settingsApi, type Setting } from "./settingsApi.ts";
import { describeValue, FieldProblem, formFieldsOf, parseDayLines, valueOfFormFields, type CalendarValue } from "./settingValue.ts";

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
            { title: "当前值", key: "value", width: 280, render: (_, s) => describeValue(s, s.value, roleName) },
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

/** The field that shows a problem with the whole value, for kinds edited in one field (others: a notice). */
const valueField: Partial<Record<Setting["kind"], string>> = { roleList: "roles", calendar: "holidays", integer: "number", decimal: "decimal", choice: "choice" };

/** An integerMap row's form field. */
const mapField = (key: string) => `m:${key}`;

function initialOf(setting: Setting): Record<string, unknown> {
  const value = setting.value;
  switch (setting.kind) {
    case "roleList":
      return { roles: value };
    case "calendar": {
      const c = value as CalendarValue;
      return { holidays: c.holidays.join("\n"), extraWorkdays: c.extraWorkdays.join("\n") };
    }
    case "integerMap":
      return Object.fromEntries(Object.entries(value as Record<string, number>).map(([k, v]) => [mapField(k), v]));
    case "integer":
      return { number: value };
    case "decimal":
      return { decimal: String(value) };
    case "choice":
      return { choice: value };
    case "fields":
    case "table":
      return formFieldsOf(setting, value);
    case "bankLayouts":
      return { layouts: value };
  }
}

/** A problem with one field, shown on it like the server's own field errors. */
const fieldProblem = (field: string, message: string) => new ApiError(400, "VALIDATION_FAILED", "请改正标出的内容", [{ path: field, message }]);

function valueOf(setting: Setting, fields: Record<string, unknown>): unknown {
  switch (setting.kind) {
    case "roleList":
      return fields.roles ?? [];
    case "calendar":
      return { holidays: parseDayLines(String(fields.holidays ?? "")), extraWorkdays: parseDayLines(String(fields.extraWorkdays ?? "")) };
    case "integerMap": {
      // Keys the form does not list (a flow no longer registered) keep their stored value.
      const listed = new Set((setting.form.rows ?? []).map((r) => r.key));
      const kept = Object.entries((setting.own ?? {}) as Record<string, number>).filter(([k]) => !listed.has(k));
      const set = (setting.form.rows ?? []).flatMap((r) => {
        const v = fields[mapField(r.key)];
        return v === null || v === undefined || v === "" ? [] : [[r.key, Number(v)] as const];
      });
      return Object.fromEntries([...kept, ...set]);
    }
    case "integer":
      return fields.number;
    case "decimal":
      return String(fields.decimal ?? "").trim();
    case "choice":
      return fields.choice;
    case "fields":
    case "table":
      try {
        return valueOfFormFields(setting, fields);
      } catch (problem) {
        if (problem instanceof FieldProblem) throw fieldProblem(problem.field, problem.message);
        throw problem;
      }
    case "bankLayouts":
      return fields.layouts ?? [];
  }
}

function SettingModal({ setting, regionCode, roles, onClose, onSaved }: { setting: Setting; regionCode: string; roles: { code: string; name: string }[]; onClose: () => void; onSaved: (answer: { items: Setting[] }) => void }) {
  const save = async (fields: Record<string, unknown>) => {
    const value = valueOf(setting, fields);
    try {
      return await settingsApi.change(setting.key, regionCode, value);
    } catch (error) {
      // The server names the whole value ("value"): show it on the field that holds it.
      const field = valueField[setting.kind];
      if (field && error instanceof ApiError && error.errors.some((e) => e.path === "value")) {
        throw new ApiError(error.status, error.code, error.detail, error.errors.map((e) => (e.path === "value" ? { ...e, path: field } : e)));
      }
      throw error;
    }
  };
  const wide = setting.kind === "table" || setting.kind === "integerMap" || setting.kind === "bankLayouts";
  return (
    <FormModal<Record<string, unknown>, { items: Setting[] }>
      title={`修改：${setting.name}`}
      width={wide ? 880 : 560}
      initialValues={initialOf(setting)}
      send={save}
      success={`已保存“${setting.name}”`}
      onDone={onSaved}
      onClose={onClose}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={setting.description} />
      <SettingFields setting={setting} roles={roles} />
    </FormModal>
  );
}

const unitSuffix = (unit: string | undefined) => (unit ? <span style={{ color: "#6b7280" }}>{unit}</span> : undefined);

/** The inputs of one setting, by its kind; labels, units and choices come from the setting's form. */
function SettingFields({ setting, roles }: { setting: Setting; roles: { code: string; name: string }[] }) {
  const { form } = setting;
  switch (setting.kind) {
    case "roleList":
      return (
        <Form.Item name="roles" label="角色">
          <Select mode="multiple" options={roles.map((r) => ({ value: r.code, label: r.name }))} placeholder="选择角色" />
        </Form.Item>
      );
    case "calendar":
      return (
        <>
          <Form.Item name="holidays" label="法定节假日（每行一个日期，如 2026-10-01）">
            <Input.TextArea rows={6} placeholder="2026-10-01" />
          </Form.Item>
          <Form.Item name="extraWorkdays" label="调休上班日（周末上班的日期）">
            <Input.TextArea rows={3} placeholder="2026-09-27" />
          </Form.Item>
        </>
      );
    case "integer":
      return (
        <Form.Item name="number" label="数值" rules={[{ required: true, message: "请输入数值" }]}>
          <InputNumber precision={0} style={{ width: 200 }} suffix={unitSuffix(form.unit)} />
        </Form.Item>
      );
    case "decimal":
      return (
        <Form.Item name="decimal" label="数值" rules={[{ required: true, message: "请输入数值" }, { pattern: /^\s*-?\d+(\.\d+)?\s*$/, message: "须为数字" }]}>
          <Input style={{ width: 240 }} inputMode="decimal" suffix={unitSuffix(form.unit)} />
        </Form.Item>
      );
    case "choice":
      return (
        <Form.Item name="choice" label="选择" rules={[{ required: true, message: "请选择" }]}>
          <Select options={form.options} style={{ width: 320 }} />
        </Form.Item>
      );
    case "fields":
      return (
        <Space wrap size={16} align="start">
          {(form.fields ?? []).map((f) => (
            <FieldInput key={f.key} name={`f:${f.key}`} field={f} label={f.label} />
          ))}
        </Space>
      );
    case "table":
      return (
        <table className="xc-setting-table">
          <thead>
            <tr>
              <th />
              {(form.fields ?? []).map((f) => (
                <th key={f.key}>{f.label}{f.unit ? `（${f.unit}）` : ""}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(form.rows ?? []).map((r) => (
              <tr key={r.key}>
                <th>{r.label}</th>
                {(form.fields ?? []).map((f) => (
                  <td key={f.key}>
                    <FieldInput name={`${r.key}:${f.key}`} field={f} label={`${r.label}的${f.label}`} bare />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case "integerMap":
      return (
        <div style={{ maxHeight: 420, overflowY: "auto" }}>
          <table className="xc-setting-table">
            <thead>
              <tr>
                <th>项目</th>
                <th>默认</th>
                <th>本级设置（{form.unit ?? ""}，空为默认）</th>
              </tr>
            </thead>
            <tbody>
              {(form.rows ?? []).map((r) => (
                <tr key={r.key}>
                  <th>{r.label}</th>
                  <td>{r.fallback ?? "—"}</td>
                  <td>
                    <Form.Item name={mapField(r.key)} style={{ marginBottom: 0 }}>
                      <InputNumber aria-label={r.label} precision={0} min={1} style={{ width: 140 }} placeholder={r.fallback === undefined ? "" : `默认 ${r.fallback}`} />
                    </Form.Item>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case "bankLayouts":
      return <BankLayoutsFields options={form.options ?? []} />;
  }
}

/** One value of a fields or table form: a switch for 是/否, a text box otherwise (empty reads as the field's nullLabel). */
function FieldInput({ name, field, label, bare }: { name: string; field: SettingField; label: string; bare?: boolean }) {
  const rules = field.type === "boolean" || field.nullLabel ? [] : [{ required: true, message: `请填写${label}` }];
  const input =
    field.type === "boolean" ? (
      <Switch checkedChildren="是" unCheckedChildren="否" aria-label={label} />
    ) : (
      <Input
        aria-label={label}
        style={{ width: field.type === "text" ? 320 : 140 }}
        inputMode={field.type === "text" ? "text" : "decimal"}
        placeholder={field.nullLabel}
        maxLength={field.type === "text" ? 200 : 20}
        suffix={bare ? undefined : unitSuffix(field.unit)}
      />
    );
  return (
    <Form.Item name={name} label={bare ? undefined : label} rules={rules} valuePropName={field.type === "boolean" ? "checked" : "value"} style={bare ? { marginBottom: 0 } : undefined}>
      {input}
    </Form.Item>
  );
}

/** The subsidy bank files' layouts: per bank, the file's columns in order and the result file's headers. */
function BankLayoutsFields({ options }: { options: { value: string; label: string }[] }) {
  const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];
  return (
    <Form.List name="layouts">
      {(layouts, { add, remove }) => (
        <>
          {layouts.map((layout) => (
            <Card
              key={layout.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={
                <Space>
                  <Form.Item name={[layout.name, "name"]} rules={required("银行名称")} style={{ marginBottom: 0 }}>
                    <Input placeholder="银行名称" aria-label="银行名称" style={{ width: 220 }} maxLength={50} />
                  </Form.Item>
                  <Form.Item name={[layout.name, "code"]} rules={required("银行代码")} style={{ marginBottom: 0 }}>
                    <Input placeholder="代码（字母）" aria-label="银行代码" style={{ width: 120 }} maxLength={20} />
                  </Form.Item>
                  <Form.Item name={[layout.name, "format"]} style={{ marginBottom: 0 }}>
                    <Select aria-label="文件格式" style={{ width: 110 }} options={[{ value: "xlsx", label: "Excel" }, { value: "csv", label: "CSV" }]} />
                  </Form.Item>
                </Space>
              }
              extra={<Button type="link" danger size="small" onClick={() => remove(layout.name)}>删除该银行</Button>}
            >
              <Typography.Text type="secondary">发放文件的列（按顺序）</Typography.Text>
              <Form.List name={[layout.name, "columns"]}>
                {(columns, { add: addColumn, remove: removeColumn }) => (
                  <>
                    {columns.map((column, i) => (
                      <Space key={column.key} style={{ display: "flex", marginTop: 6 }}>
                        <span style={{ width: 56, display: "inline-block", color: "#6b7280", whiteSpace: "nowrap" }}>第 {i + 1} 列</span>
                        <Form.Item name={[column.name, "header"]} rules={required("表头")} style={{ marginBottom: 0 }}>
                          <Input placeholder="表头" aria-label={`第 ${i + 1} 列表头`} style={{ width: 160 }} maxLength={30} />
                        </Form.Item>
                        <Form.Item name={[column.name, "field"]} rules={[{ required: true, message: "请选择内容" }]} style={{ marginBottom: 0 }}>
                          <Select placeholder="内容" aria-label={`第 ${i + 1} 列内容`} style={{ width: 140 }} options={options} />
                        </Form.Item>
                        <Button type="link" size="small" onClick={() => removeColumn(column.name)}>删除</Button>
                      </Space>
                    ))}
                    <Button type="dashed" size="small" style={{ marginTop: 6 }} onClick={() => addColumn({ header: "", field: undefined })}>添加一列</Button>
                  </>
                )}
              </Form.List>
              <div style={{ marginTop: 12 }}>
                <Typography.Text type="secondary">回盘文件的列名</Typography.Text>
              </div>
              <Space wrap style={{ marginTop: 6 }}>
                {(
                  [
                    ["referenceNo", "参考号"],
                    ["outcome", "处理结果"],
                    ["reason", "失败原因"],
                    ["paidOn", "入账日期"],
                  ] as const
                ).map(([key, label]) => (
                  <Form.Item key={key} name={[layout.name, "result", key]} label={label} rules={required(`${label}列名`)} style={{ marginBottom: 0 }}>
                    <Input aria-label={`回盘${label}列名`} style={{ width: 120 }} maxLength={30} />
                  </Form.Item>
                ))}
              </Space>
              <Form.Item name={[layout.name, "result", "paidValues"]} label="表示成功的值" style={{ marginTop: 8, marginBottom: 0 }} rules={[{ required: true, message: "请至少填写一个表示成功的值" }]}>
                <Select mode="tags" aria-label="表示成功的值" placeholder="如 成功、已入账，回车添加" open={false} style={{ width: "100%" }} />
              </Form.Item>
            </Card>
          ))}
          <Button
            type="dashed"
            block
            onClick={() => add({ code: "", name: "", format: "xlsx", columns: [], result: { referenceNo: "参考号", outcome: "处理结果", reason: "失败原因", paidOn: "入账日期", paidValues: ["成功"] } })}
          >
            添加银行
          </Button>
        </>
      )}
    </Form.List>
  );
}
