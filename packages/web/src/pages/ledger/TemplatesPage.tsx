// 凭证模板: the templates per business type the voucher entry page offers for the chosen account
// set — the built-in ones (DOMAIN.md §5) and the township's or the set's own. Editing a built-in
// template stores a replacement for this set or for every set of the township; disabling one hides it.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { ledgerBusinessTypeNames } from "@xiangcai/shared";
import { App, Button, Card, Form, Input, Radio, Select, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { ledgerApi, type Account, type TemplateBody, type TemplateLine, type VoucherTemplate } from "./ledgerApi.ts";
import { useLedgerSet } from "./useLedgerSet.ts";

interface Draft extends TemplateBody {
  id: string | null;
  scope: "set" | "township";
}

const typeOptions = Object.entries(ledgerBusinessTypeNames).map(([value, label]) => ({ value, label: `${label}（${value}）` }));

export default function TemplatesPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const report = useApiError();
  const ledger = useLedgerSet();
  const [templates, setTemplates] = useState<VoucherTemplate[]>([]);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<"all" | "active" | "inactive">("all");
  const [draft, setDraft] = useState<Draft | null>(null);
  const load = useCallback(() => {
    if (!ledger.setId) return;
    ledgerApi.templates(ledger.setId, true).then(setTemplates, report);
    ledgerApi.accounts(ledger.setId).then(setAccounts, report);
  }, [ledger.setId, report]);
  useEffect(load, [load]);
  const names = useMemo(() => new Map(accounts.map((a) => [a.code, a.name])), [accounts]);
  const accountOptions = useMemo(() => accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` })), [accounts]);
  const shown = templates.filter((t) => (status === "all" || (status === "active") === t.active) && (!q.trim() || t.name.includes(q.trim()) || t.summary.includes(q.trim())));
  const manage = can("ledger.post");

  const edit = (t: VoucherTemplate | null) =>
    setDraft(
      t
        ? { id: t.builtIn ? null : t.id, scope: t.setId ? "set" : "township", businessType: t.businessType, name: t.name, summary: t.summary, lines: t.lines.map((l) => ({ ...l, aux: { ...l.aux } })), active: t.active }
        : { id: null, scope: "set", businessType: "other", name: "", summary: "", lines: [{ account: "", side: "debit" }, { account: "", side: "credit" }], active: true },
    );

  const scopeOf = (d: Pick<Draft, "scope">) => (d.scope === "set" ? { setId: ledger.setId } : { regionCode: ledger.current?.regionCode.slice(0, 9) });

  const save = (d: Draft) => {
    const body = { businessType: d.businessType, name: d.name, summary: d.summary, lines: d.lines, active: d.active };
    return d.id ? ledgerApi.updateTemplate(d.id, body) : ledgerApi.createTemplate({ ...scopeOf(d), ...body });
  };

  const toggle = async (t: VoucherTemplate) => {
    try {
      if (t.builtIn) await ledgerApi.createTemplate({ setId: ledger.setId, businessType: t.businessType, name: t.name, summary: t.summary, lines: t.lines, active: false });
      else await ledgerApi.updateTemplate(t.id, { active: !t.active });
      void message.success(t.active ? "模板已停用" : "模板已启用");
      load();
    } catch (error) {
      report(error);
    }
  };

  const setLine = (i: number, change: Partial<TemplateLine>) => setDraft((d) => (d ? { ...d, lines: d.lines.map((l, j) => (j === i ? { ...l, ...change } : l)) } : d));

  return (
    <>
      <PageHeader title="凭证模板" description="按业务类型预设分录，录入凭证时一键带出。内置模板按《政府会计制度》常见乡镇业务设置；修改内置模板即为本账套或本乡镇保存一份替代模板。" />
      <Card>
        <Form layout="inline" className="xc-filters">
          <Form.Item label="账套">
            <Select style={{ width: 280 }} value={ledger.setId ?? undefined} onChange={ledger.setSetId} options={ledger.sets.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))} />
          </Form.Item>
          <Form.Item label="搜索">
            <Input.Search allowClear placeholder="模板名称或摘要" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="状态">
            <Select style={{ width: 110 }} value={status} onChange={setStatus} options={[{ value: "all", label: "全部" }, { value: "active", label: "启用" }, { value: "inactive", label: "停用" }]} />
          </Form.Item>
          {manage && (
            <Form.Item>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => edit(null)}>
                新增模板
              </Button>
            </Form.Item>
          )}
        </Form>
        <Table<VoucherTemplate>
          rowKey="id"
          size="middle"
          dataSource={shown}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 个` }}
          columns={[
            { title: "模板", dataIndex: "name", render: (name: string, t) => <Space>{name}{t.builtIn ? <Tag color="blue">内置</Tag> : <Tag>{t.setId ? "本账套" : "本乡镇"}</Tag>}</Space> },
            { title: "业务类型", dataIndex: "businessType", width: 150, render: (b: string) => ledgerBusinessTypeNames[b] ?? b },
            { title: "分录", key: "lines", render: (_: unknown, t) => t.lines.map((l) => `${l.side === "debit" ? "借" : "贷"} ${l.account} ${names.get(l.account) ?? ""}`).join("；") },
            { title: "状态", dataIndex: "active", width: 80, render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
            { title: "修改人", dataIndex: "updatedByName", width: 100, render: (n: string | null) => n ?? "—" },
            {
              title: "操作",
              key: "a",
              width: 140,
              render: (_: unknown, t) =>
                manage && (
                  <Space>
                    <Button size="small" onClick={() => edit(t)}>
                      修改
                    </Button>
                    <Button size="small" danger={t.active} onClick={() => void toggle(t)}>
                      {t.active ? "停用" : "启用"}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      {draft && (
        <FormModal width={860} title={draft.id ? "修改模板" : "新增模板"} send={() => save(draft)} success="模板已保存" onDone={() => { setDraft(null); load(); }} onClose={() => setDraft(null)}>
          <Space wrap>
            <Form.Item label="模板名称" required>
              <Input style={{ width: 240 }} maxLength={60} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            </Form.Item>
            <Form.Item label="业务类型" required>
              <Select style={{ width: 260 }} value={draft.businessType} options={typeOptions} onChange={(businessType: string) => setDraft({ ...draft, businessType })} />
            </Form.Item>
            {!draft.id && (
              <Form.Item label="适用范围">
                <Radio.Group value={draft.scope} onChange={(e) => setDraft({ ...draft, scope: e.target.value as Draft["scope"] })}>
                  <Radio value="set">本账套</Radio>
                  <Radio value="township">本乡镇所有账套</Radio>
                </Radio.Group>
              </Form.Item>
            )}
          </Space>
          <Form.Item label="默认摘要" required>
            <Input maxLength={200} value={draft.summary} onChange={(e) => setDraft({ ...draft, summary: e.target.value })} />
          </Form.Item>
          <Table<TemplateLine & { i: number }>
            rowKey="i"
            size="small"
            pagination={false}
            dataSource={draft.lines.map((l, i) => ({ ...l, i }))}
            columns={[
              { title: "方向", key: "side", width: 100, render: (_: unknown, l) => <Select style={{ width: 80 }} value={l.side} options={[{ value: "debit", label: "借" }, { value: "credit", label: "贷" }]} onChange={(side: "debit" | "credit") => setLine(l.i, { side })} /> },
              { title: "科目", key: "account", render: (_: unknown, l) => <Select showSearch style={{ width: 260 }} value={l.account || undefined} options={accountOptions} optionFilterProp="label" onChange={(account: string) => setLine(l.i, { account })} /> },
              { title: "功能分类", key: "f", width: 130, render: (_: unknown, l) => <Input value={l.aux?.functional ?? ""} onChange={(e) => setLine(l.i, { aux: { ...l.aux, functional: e.target.value } })} /> },
              { title: "经济分类", key: "e", width: 130, render: (_: unknown, l) => <Input value={l.aux?.economic ?? ""} onChange={(e) => setLine(l.i, { aux: { ...l.aux, economic: e.target.value } })} /> },
              { title: "", key: "d", width: 44, render: (_: unknown, l) => <Button type="text" icon={<DeleteOutlined />} aria-label="删除该行" disabled={draft.lines.length <= 2} onClick={() => setDraft({ ...draft, lines: draft.lines.filter((_, j) => j !== l.i) })} /> },
            ]}
          />
          <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setDraft({ ...draft, lines: [...draft.lines, { account: "", side: "debit" }] })}>
            添加分录
          </Button>
        </FormModal>
      )}
    </>
  );
}
