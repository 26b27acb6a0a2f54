// 会计科目: the chosen account set's chart as a tree — search by code or name, filter by 财务/预算会计
// and by 会计要素 — and its upkeep: 增设明细 and a leaf's 辅助核算 (ledger.post), 导入科目表 (CSV) and
// 补齐标准明细 (ledger.close; the preview lists what will be added and what is skipped before the
// accountant confirms), and the chart as Excel.
import { PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { ledgerAuxDimensions, ledgerAuxNames, ledgerCategoryNames } from "@xiangcai/shared";
import type { ChartCompletionResult } from "@xiangcai/shared";
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from "antd";
import { useCallback, useEffect, useMemo, useState, type Key } from "react";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ApiError } from "../../lib/problem.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { chartTree, nextSubCode, parentCodes, type ChartNode } from "./chartTree.ts";
import { ledgerApi, type Account, type AuxDimension } from "./ledgerApi.ts";
import { useLedgerSet } from "./useLedgerSet.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const auxOptions = ledgerAuxDimensions.map((d) => ({ value: d, label: ledgerAuxNames[d] }));
const categoryOptions = Object.entries(ledgerCategoryNames).map(([value, label]) => ({ value, label }));
const auxText = (aux: readonly AuxDimension[]) => (aux.length ? aux.map((d) => ledgerAuxNames[d]).join("、") : "—");

interface SubAccountValues {
  parentCode: string;
  code: string;
  name: string;
  requiredAux: AuxDimension[];
}

export default function AccountsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const report = useApiError();
  const ledger = useLedgerSet();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState("");
  const [basis, setBasis] = useState<"financial" | "budget" | undefined>();
  const [category, setCategory] = useState<string | undefined>();
  const [expanded, setExpanded] = useState<readonly Key[]>([]);
  const [adding, setAdding] = useState<{ parentCode?: string } | null>(null);
  const [editingAux, setEditingAux] = useState<Account | null>(null);
  const [importing, setImporting] = useState(false);
  const [completing, setCompleting] = useState(false);

  const load = useCallback(() => {
    if (!ledger.setId) return;
    setLoading(true);
    ledgerApi
      .accounts(ledger.setId)
      .then(setAccounts, report)
      .finally(() => setLoading(false));
  }, [ledger.setId, report]);
  useEffect(load, [load]);

  const filtering = q.trim() !== "" || basis !== undefined || category !== undefined;
  const { roots, matched } = useMemo(() => chartTree(accounts, { q, basis, category }), [accounts, q, basis, category]);
  const allParents = useMemo(() => parentCodes(roots), [roots]);
  // A new search or filter opens the tree down to what it found; clearing it folds the tree back to
  // the first level. Reloading the chart (after adding a 明细) keeps what the accountant opened.
  const filterKey = `${q.trim()}|${basis ?? ""}|${category ?? ""}|${accounts.length > 0}`;
  const [expandedFor, setExpandedFor] = useState("");
  if (expandedFor !== filterKey) {
    setExpandedFor(filterKey);
    setExpanded(filtering ? allParents : []);
  }

  const post = can("ledger.post");
  const close = can("ledger.close");
  const canSplit = (a: Account) => a.code.length < 12;
  const accountOptions = useMemo(() => accounts.filter(canSplit).map((a) => ({ value: a.code, label: `${a.code} ${a.name}` })), [accounts]);

  return (
    <>
      <PageHeader
        title="会计科目"
        description="本账套的会计科目表：新建账套时按《政府会计制度》（单位账套）或《财政总会计制度》（财政总会计账套）复制内置科目，可增设明细、设置辅助核算、导入科目表；早期建立的账套可一键补齐标准明细，使自动记账落到明细科目。"
        extra={
          <Space wrap>
            {post && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding({})} disabled={!ledger.setId}>
                增设明细
              </Button>
            )}
            {close && (
              <Button onClick={() => setCompleting(true)} disabled={!ledger.setId}>
                补齐标准明细
              </Button>
            )}
            {close && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} disabled={!ledger.setId}>
                导入科目表
              </Button>
            )}
            <DownloadButton disabled={!ledger.setId} download={async () => ledger.setId && ledgerApi.exportChart(ledger.setId)}>
              导出 Excel
            </DownloadButton>
          </Space>
        }
      />
      <Card>
        <Form layout="inline" className="xc-filters">
          <Form.Item label="账套">
            <Select style={{ width: 280 }} value={ledger.setId ?? undefined} onChange={ledger.setSetId} options={ledger.sets.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))} />
          </Form.Item>
          <Form.Item label="搜索">
            <Input.Search allowClear placeholder="科目编码或名称" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 200 }} aria-label="搜索科目" />
          </Form.Item>
          <Form.Item label="核算体系">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 120 }}
              value={basis}
              onChange={setBasis}
              options={[
                { value: "financial", label: "财务会计" },
                { value: "budget", label: "预算会计" },
              ]}
            />
          </Form.Item>
          <Form.Item label="会计要素">
            <Select allowClear placeholder="全部" style={{ width: 130 }} value={category} onChange={setCategory} options={categoryOptions} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button onClick={() => setExpanded(allParents)}>全部展开</Button>
              <Button onClick={() => setExpanded([])}>全部折叠</Button>
            </Space>
          </Form.Item>
        </Form>
        <Table<ChartNode>
          rowKey="code"
          size="small"
          loading={loading}
          dataSource={roots}
          pagination={false}
          expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: setExpanded, indentSize: 20 }}
          locale={{ emptyText: <Empty description={filtering ? "没有符合条件的科目" : "暂无科目"} /> }}
          footer={() => `共 ${accounts.length} 个科目${filtering ? `，符合条件 ${matched.size} 个` : ""}`}
          columns={[
            { title: "科目编码", dataIndex: "code", width: 220, render: (code: string) => <span className="xc-mono">{filtering && matched.has(code) ? <Typography.Text mark>{code}</Typography.Text> : code}</span> },
            { title: "科目名称", dataIndex: "name" },
            { title: "会计要素", dataIndex: "category", width: 110, render: (c: string) => (ledgerCategoryNames as Record<string, string>)[c] ?? c },
            { title: "余额方向", dataIndex: "normalSide", width: 90, render: (s: string) => (s === "debit" ? "借" : "贷") },
            { title: "财务/预算", dataIndex: "basis", width: 100, render: (b: string) => (b === "financial" ? <Tag color="blue">财务会计</Tag> : <Tag color="purple">预算会计</Tag>) },
            { title: "辅助核算", dataIndex: "requiredAux", width: 170, render: (aux: AuxDimension[]) => auxText(aux) },
            { title: "末级", dataIndex: "isLeaf", width: 70, render: (leaf: boolean) => (leaf ? <Tag color="green">末级</Tag> : null) },
            {
              title: "操作",
              key: "actions",
              width: 190,
              render: (_: unknown, a) =>
                post && (
                  <Space size="small">
                    {canSplit(a) && (
                      <Button size="small" onClick={() => setAdding({ parentCode: a.code })}>
                        增设明细
                      </Button>
                    )}
                    {a.isLeaf && (
                      <Button size="small" onClick={() => setEditingAux(a)}>
                        辅助核算
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      {adding && ledger.setId && (
        <SubAccountModal
          setId={ledger.setId}
          accounts={accounts}
          accountOptions={accountOptions}
          parentCode={adding.parentCode}
          onClose={() => setAdding(null)}
          onDone={(a) => {
            setAdding(null);
            load();
            if (a.parentCode) setExpanded((keys) => [...new Set([...keys, ...ancestorsOf(accounts, a.parentCode!)])]);
          }}
        />
      )}
      {editingAux && ledger.setId && (
        <FormModal<{ requiredAux: AuxDimension[] }, Account>
          title={`辅助核算：${editingAux.code} ${editingAux.name}`}
          initialValues={{ requiredAux: editingAux.requiredAux }}
          send={(v) => ledgerApi.setAccountAux(ledger.setId!, editingAux.code, v.requiredAux ?? [])}
          success="辅助核算已保存"
          onDone={() => {
            setEditingAux(null);
            load();
          }}
          onClose={() => setEditingAux(null)}
        >
          <Form.Item name="requiredAux" label="必填的辅助核算" extra="记账时该科目的每一行都须填写所选的辅助项。">
            <Select mode="multiple" allowClear options={auxOptions} placeholder="不要求辅助核算" />
          </Form.Item>
        </FormModal>
      )}
      {importing && ledger.setId && (
        <ChartImportModal
          setId={ledger.setId}
          onClose={() => setImporting(false)}
          onDone={(text) => {
            void message.success(text);
            setImporting(false);
            load();
          }}
        />
      )}
      {completing && ledger.setId && <CompleteStandardModal setId={ledger.setId} onClose={() => setCompleting(false)} onDone={load} />}
    </>
  );
}

function ancestorsOf(accounts: readonly Account[], code: string): string[] {
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const out: string[] = [];
  for (let c: string | null | undefined = code; c; c = byCode.get(c)?.parentCode) out.push(c);
  return out;
}

function SubAccountModal({ setId, accounts, accountOptions, parentCode, onClose, onDone }: { setId: string; accounts: Account[]; accountOptions: { value: string; label: string }[]; parentCode: string | undefined; onClose: () => void; onDone: (a: Account) => void }) {
  const [form] = Form.useForm<SubAccountValues>();
  const parentOf = (code: string | undefined) => accounts.find((a) => a.code === code);
  const initial = parentCode ? { parentCode, code: nextSubCode(accounts, parentCode) ?? "", name: "", requiredAux: parentOf(parentCode)?.requiredAux ?? [] } : { requiredAux: [] };
  return (
    <FormModal<SubAccountValues, Account>
      title="增设明细科目"
      form={form}
      initialValues={initial}
      send={(v) => ledgerApi.addAccount(setId, { parentCode: v.parentCode, code: v.code.trim(), name: v.name.trim(), requiredAux: v.requiredAux ?? [] })}
      success={(a) => `已增设明细科目 ${a.code} ${a.name}`}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="parentCode" label="上级科目" rules={[{ required: true, message: "请选择上级科目" }]} extra="上级科目若是末级且已有记账数据，不能再增设明细。">
        <Select
          showSearch
          optionFilterProp="label"
          options={accountOptions}
          placeholder="输入编码或名称查找"
          onChange={(code: string) => form.setFieldsValue({ code: nextSubCode(accounts, code) ?? "", requiredAux: parentOf(code)?.requiredAux ?? [] })}
        />
      </Form.Item>
      <Form.Item
        name="code"
        label="科目编码"
        dependencies={["parentCode"]}
        rules={[
          { required: true, message: "请输入科目编码" },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) => {
              const parent = getFieldValue("parentCode") as string | undefined;
              if (!value || !parent || new RegExp(`^${parent}[0-9]{2}$`).test(value.trim())) return Promise.resolve();
              return Promise.reject(new Error(`明细科目编码为上级编码 ${parent} 后加两位数字`));
            },
          }),
        ]}
      >
        <Input maxLength={12} className="xc-mono" />
      </Form.Item>
      <Form.Item name="name" label="科目名称" rules={[{ required: true, whitespace: true, message: "请输入科目名称" }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="requiredAux" label="必填的辅助核算" extra="默认与上级科目相同。">
        <Select mode="multiple" allowClear options={auxOptions} placeholder="不要求辅助核算" />
      </Form.Item>
    </FormModal>
  );
}

const CSV_HEADER = "code,name,basis,category,normal_side[,required_aux]";

function ChartImportModal({ setId, onClose, onDone }: { setId: string; onClose: () => void; onDone: (text: string) => void }) {
  const report = useApiError();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<{ path: string; message: string }[] | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const send = async () => {
    if (!file) return;
    setSending(true);
    setProblems(null);
    setDetail(null);
    try {
      const result = await ledgerApi.importChart(setId, await file.text());
      onDone(`导入完成：新增 ${result.added} 个科目，更新名称 ${result.updated} 个`);
    } catch (error) {
      if (error instanceof ApiError && error.status < 500 && error.code !== "FORBIDDEN") {
        setDetail(error.detail);
        setProblems(error.errors);
      } else report(error);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal open title="导入科目表" okText="导入" cancelText="取消" okButtonProps={{ disabled: !file }} confirmLoading={sending} onOk={() => void send()} onCancel={onClose} width={640} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        CSV 文件（UTF-8），表头 <Typography.Text code>{CSV_HEADER}</Typography.Text>。basis 为 financial（财务会计）或 budget（预算会计）；明细科目为上级编码加两位，须列在上级之后；已有科目只更新名称。全部无误才导入，有一行出错则不导入任何科目。
      </Typography.Paragraph>
      <Upload
        accept=".csv,text/csv"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          setProblems(null);
          setDetail(null);
          return false;
        }}
        onRemove={() => setFile(null)}
        fileList={file ? [{ uid: "chart", name: file.name, status: "done" }] : []}
      >
        <Button icon={<UploadOutlined />}>选择 CSV 文件</Button>
      </Upload>
      {detail && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          message="科目表未导入"
          description={
            problems && problems.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 20, maxHeight: 240, overflow: "auto" }}>
                {problems.map((p) => (
                  <li key={`${p.path}-${p.message}`}>{/^row\d+$/.test(p.path) ? `第 ${p.path.slice(3)} 行：${p.message}` : p.message}</li>
                ))}
              </ul>
            ) : (
              detail
            )
          }
        />
      )}
    </Modal>
  );
}

function CompleteStandardModal({ setId, onClose, onDone }: { setId: string; onClose: () => void; onDone: () => void }) {
  const report = useApiError();
  const [preview, setPreview] = useState<ChartCompletionResult | null>(null);
  const [result, setResult] = useState<ChartCompletionResult | null>(null);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    ledgerApi.standardChartPreview(setId, controller.signal).then(setPreview, (e: unknown) => {
      if (!controller.signal.aborted) report(e);
    });
    return () => controller.abort();
  }, [setId, report]);
  const confirm = async () => {
    setSending(true);
    try {
      setResult(await ledgerApi.completeStandardChart(setId));
      onDone();
    } catch (error) {
      report(error);
    } finally {
      setSending(false);
    }
  };
  const shown = result ?? preview;
  const nothing = shown !== null && shown.added.length === 0 && shown.skipped.length === 0;
  const footer = result || nothing || !preview
    ? [<Button key="close" type="primary" onClick={onClose}>关闭</Button>]
    : [
        <Button key="cancel" onClick={onClose}>取消</Button>,
        <Button key="ok" type="primary" loading={sending} disabled={preview.added.length === 0} onClick={() => void confirm()}>
          确认补齐（增设 {preview.added.length} 个）
        </Button>,
      ];
  return (
    <Modal open title={result ? "补齐结果" : "补齐标准明细"} onCancel={onClose} footer={footer} width={760} destroyOnHidden>
      {!shown && <Typography.Paragraph>正在比对内置标准科目表…</Typography.Paragraph>}
      {shown && nothing && <Alert type="success" showIcon message="本账套已是完整的标准科目，无需补齐。" />}
      {shown && !nothing && (
        <>
          <Alert
            type={result ? "success" : "info"}
            showIcon
            style={{ marginBottom: 12 }}
            message={result ? `已增设 ${result.added.length} 个明细科目${result.skipped.length ? `，${result.skipped.length} 个未增设` : ""}。` : `将按内置标准科目表增设 ${shown.added.length} 个明细科目${shown.skipped.length ? `，${shown.skipped.length} 个不能增设` : ""}。已有科目不会改动。`}
          />
          {shown.added.length > 0 && (
            <>
              <Typography.Title level={5}>{result ? "已增设" : "将增设"}</Typography.Title>
              <Table rowKey="code" size="small" pagination={shown.added.length > 10 ? { pageSize: 10 } : false} dataSource={shown.added} columns={[{ title: "科目编码", dataIndex: "code", width: 160, render: (c: string) => <span className="xc-mono">{c}</span> }, { title: "科目名称", dataIndex: "name" }]} />
            </>
          )}
          {shown.skipped.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 12 }}>
                不能增设
              </Typography.Title>
              <Table rowKey="code" size="small" pagination={shown.skipped.length > 10 ? { pageSize: 10 } : false} dataSource={shown.skipped} columns={[{ title: "科目编码", dataIndex: "code", width: 160, render: (c: string) => <span className="xc-mono">{c}</span> }, { title: "科目名称", dataIndex: "name", width: 200 }, { title: "原因", dataIndex: "reason" }]} />
            </>
          )}
        </>
      )}
    </Modal>
  );
}
