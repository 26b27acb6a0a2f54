// 收入预算: the revenue side of a budget draft on the preparation page — own tax and non-tax revenue by
// revenue class, transfer revenue from above, funds brought in and carried over, and on the uses side
// remittances up (上解) and funds taken out — with each budget's balance against the reviewed
// expenditure. The congress can approve only a balanced draft.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag } from "antd";
import { useEffect, useState } from "react";
import { FormModal } from "../../components/FormModal.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { useAction } from "../../lib/useSubmit.ts";
import { budgetApi, yuan } from "../budget/budgetApi.ts";
import { fiscalApi, type RevenueLine, type RevenueLineKind, type RevenueSide } from "./fiscalApi.ts";

const KINDS: { value: RevenueLineKind; label: string; classPrefix?: string }[] = [
  { value: "tax", label: "税收收入", classPrefix: "101" },
  { value: "nonTax", label: "非税收入", classPrefix: "103" },
  { value: "transfer", label: "上级补助收入", classPrefix: "110" },
  { value: "transferIn", label: "调入资金" },
  { value: "carryOver", label: "上年结转" },
  { value: "remittance", label: "上解上级支出" },
  { value: "transferOut", label: "调出资金" },
];
const FUNDS = [
  { value: "generalBudget", label: "一般公共预算" },
  { value: "governmentFund", label: "政府性基金预算" },
];

export function RevenueSideCard({ roundId, fiscalYear, editable, reloadKey, onChanged }: { roundId: string; fiscalYear: number; editable: boolean; reloadKey: number; onChanged: () => void }) {
  const [side, setSide] = useState<RevenueSide | null>(null);
  const [adding, setAdding] = useState(false);
  const [counter, setCounter] = useState(0);
  const report = useApiError();
  useEffect(() => {
    const controller = new AbortController();
    fiscalApi.revenueSide(roundId, controller.signal).then(setSide, report);
    return () => controller.abort();
  }, [roundId, reloadKey, counter, report]);
  const remove = useAction((_key: string, id: string) => fiscalApi.removeRevenueLine(id), { success: "已删除", onDone: () => { setCounter((c) => c + 1); onChanged(); } });
  const sum = (side: "sources" | "uses") => (side === "sources" ? "收入合计" : "支出合计");

  return (
    <Card
      title="收入预算"
      extra={editable && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>添加收入预算</Button>}
    >
      {side && (
        <>
          <Alert
            style={{ marginBottom: 12 }}
            showIcon
            type={side.balance.balanced ? "success" : "warning"}
            title={side.balance.balanced ? "收支平衡：各本预算的收入合计等于支出合计，可以提请人大批准" : "收支不平衡，人大不能批准"}
            description={side.balance.message ?? undefined}
          />
          <Descriptions size="small" bordered column={4} style={{ marginBottom: 12 }} items={side.balance.funds.flatMap((f) => [
            { key: `${f.fund}-s`, label: `${f.fundName}${sum("sources")}`, children: `${yuan(f.sources)} 元` },
            { key: `${f.fund}-e`, label: "本级支出（审核数）", children: `${yuan(f.expenditure)} 元` },
            { key: `${f.fund}-u`, label: "上解、调出", children: `${yuan(f.otherUses)} 元` },
            { key: `${f.fund}-d`, label: "收支差额", children: f.difference === "0.00" ? <Tag color="green">0.00</Tag> : <Tag color="red">{yuan(f.difference)}</Tag> },
          ])} />
          <Table<RevenueLine> rowKey="id" size="small" pagination={false} dataSource={side.lines} columns={[
            { title: "类型", dataIndex: "kindName", width: 130, render: (n: string, l) => <Space size={4}>{n}{l.side === "uses" && <Tag>支出方</Tag>}</Space> },
            { title: "预算", dataIndex: "fundName", width: 130 },
            { title: "收入分类", dataIndex: "revenueCode", width: 110, render: (c: string | null) => <span className="xc-mono">{c ?? "—"}</span> },
            { title: "名称", dataIndex: "name" },
            { title: "金额（元）", dataIndex: "amount", width: 150, align: "right", render: yuan },
            { title: "说明", dataIndex: "note", ellipsis: true },
            ...(editable
              ? [{ title: "操作", key: "ops", width: 80, render: (_: unknown, l: RevenueLine) => (
                  <Popconfirm title="删除这条收入预算？" okText="删除" cancelText="取消" onConfirm={() => void remove.run(l.id)}>
                    <Button size="small" type="link" danger icon={<DeleteOutlined />}>删除</Button>
                  </Popconfirm>
                ) }]
              : []),
          ]} />
        </>
      )}
      {adding && <AddRevenueLineModal roundId={roundId} fiscalYear={fiscalYear} onClose={() => setAdding(false)} onDone={() => { setAdding(false); setCounter((c) => c + 1); onChanged(); }} />}
    </Card>
  );
}

function AddRevenueLineModal({ roundId, fiscalYear, onClose, onDone }: { roundId: string; fiscalYear: number; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Record<string, string | number>>();
  const kind = (Form.useWatch("kind", form) as RevenueLineKind | undefined) ?? "tax";
  const [codes, setCodes] = useState<{ value: string; label: string }[]>([]);
  const [search, setSearch] = useState("");
  const spec = KINDS.find((k) => k.value === kind)!;
  // The revenue classes a kind may carry (税收 under 101, 非税 under 103, transfers under 110), searched by code or name.
  useEffect(() => {
    if (!spec.classPrefix) return setCodes([]);
    const controller = new AbortController();
    budgetApi
      .classifications({ kind: "revenue", fiscalYear, q: search || spec.classPrefix, pageSize: 100 }, controller.signal)
      .then((page) => setCodes(page.items.filter((c) => c.code.startsWith(spec.classPrefix!)).map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))))
      .catch(() => undefined);
    return () => controller.abort();
  }, [spec.classPrefix, search, fiscalYear]);
  const byClass = kind === "tax" || kind === "nonTax";
  return (
    <FormModal
      title="添加收入预算"
      form={form}
      initialValues={{ kind: "tax", fund: "generalBudget" }}
      send={(v) => {
        const amount = typeof v.amount === "number" ? v.amount.toFixed(2) : String(v.amount);
        return fiscalApi.addRevenueLine(roundId, { kind: v.kind, ...(byClass ? {} : { fund: v.fund }), ...(v.revenueCode ? { revenueCode: v.revenueCode } : {}), ...(v.name ? { name: v.name } : {}), amount, ...(v.note ? { note: v.note } : {}) });
      }}
      success="已添加"
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
        <Select options={KINDS.map((k) => ({ value: k.value, label: k.label }))} onChange={() => form.setFieldValue("revenueCode", undefined)} />
      </Form.Item>
      {!byClass && (
        <Form.Item name="fund" label="预算" rules={[{ required: true }]}>
          <Select options={FUNDS} />
        </Form.Item>
      )}
      {spec.classPrefix && (
        <Form.Item name="revenueCode" label="收入分类科目" rules={byClass ? [{ required: true, message: "请选择收入分类科目" }] : []} extra={byClass ? "政府性基金收入（10301…）列入政府性基金预算" : undefined}>
          <Select showSearch={{ filterOption: false, onSearch: setSearch }} allowClear options={codes} placeholder="输入编码或名称查找" />
        </Form.Item>
      )}
      <Form.Item name="name" label="名称" extra="不填则用收入分类科目的名称">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="amount" label="金额（元）" rules={[{ required: true, message: "请输入金额" }]}>
        <InputNumber min={0.01} precision={2} style={{ width: "100%" }} stringMode />
      </Form.Item>
      <Form.Item name="note" label="说明">
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
