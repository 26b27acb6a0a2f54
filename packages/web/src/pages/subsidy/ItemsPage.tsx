// 补贴项目与政策: the subsidy items as data (per household or person, unit, standard per unit per
// period, fund source) and the policy articles shown on the service-hall touch screen.
import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, Select, Space, Switch, Table, Tabs, Tag } from "antd";
import { useEffect, useState } from "react";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { subsidyApi, type Article, type Item } from "./subsidyApi.ts";
import { formatYuanText } from "../../lib/money.ts";

export default function ItemsPage() {
  return (
    <>
      <PageHeader title="补贴项目与政策" description="补贴项目的对象、计量单位、标准和资金来源；惠民政策文章显示在服务大厅触摸屏（/kiosk）上。" />
      <Tabs items={[{ key: "items", label: "补贴项目", children: <ItemsTab /> }, { key: "articles", label: "政策文章（触摸屏）", children: <ArticlesTab /> }]} />
    </>
  );
}

function ItemsTab() {
  const { can } = useAuth();
  const query = useListQuery(["q"] as const);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Item | null>(null);
  const list = useRemoteList((signal) => subsidyApi.items({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  return (
    <Card extra={can("subsidy.manage") && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新增项目</Button>}>
      <Table<Item>
        rowKey={(i) => `${i.regionCode}-${i.code}`}
        size="middle"
        dataSource={list.page?.items ?? []}
        loading={list.loading}
        pagination={tablePagination(query, list.page)}
        columns={[
          { title: "代码", dataIndex: "code", width: 100, render: (v: string) => <span className="xc-mono">{v}</span> },
          { title: "项目名称", dataIndex: "name" },
          { title: "对象", dataIndex: "basis", width: 80, render: (v: string) => (v === "household" ? "按户" : "按人") },
          { title: "标准", key: "std", width: 150, render: (_: unknown, i) => `${formatYuanText(i.standard)} 元/${i.unit}` },
          { title: "发放周期", dataIndex: "periodKind", width: 90, render: (v: string) => (v === "year" ? "按年" : "按月") },
          { title: "资金来源", dataIndex: "fundSource", width: 110 },
          { title: "功能/经济分类", key: "cls", width: 130, render: (_: unknown, i) => `${i.functionalCode} / ${i.economicCode}` },
          { title: "状态", dataIndex: "active", width: 80, render: (v: boolean) => (v ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          { title: "操作", key: "ops", width: 80, render: (_: unknown, i) => can("subsidy.manage") && <Button type="link" size="small" onClick={() => setEditing(i)}>修改</Button> },
        ]}
      />
      {creating && <CreateItem onClose={() => setCreating(false)} onDone={() => { setCreating(false); list.reload(); }} />}
      {editing && <CreateItem item={editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); list.reload(); }} />}
    </Card>
  );
}

/** A new subsidy item, or (item given) a change to one: the code and township stay. */
function CreateItem({ item, onClose, onDone }: { item?: Item; onClose: () => void; onDone: () => void }) {
  const save = (v: Record<string, unknown>) => {
    if (!item) return subsidyApi.createItem(v);
    const { code: _code, ...patch } = v;
    return subsidyApi.updateItem(item.regionCode, item.code, patch);
  };
  return (
    <FormModal<Record<string, unknown>> title={item ? `修改补贴项目：${item.name}` : "新增补贴项目"} initialValues={item ?? { basis: "household", periodKind: "year", unit: "亩" }} send={save} onDone={onDone} onClose={onClose}>
      <Form.Item name="code" label="项目代码" rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,40}$/, message: "字母、数字、下划线" }]}><Input maxLength={40} disabled={Boolean(item)} /></Form.Item>
      <Form.Item name="name" label="项目名称" rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
      <Space>
        <Form.Item name="basis" label="对象"><Select style={{ width: 100 }} options={[{ value: "household", label: "按户" }, { value: "person", label: "按人" }]} /></Form.Item>
        <Form.Item name="unit" label="计量单位" rules={[{ required: true }]}><Input style={{ width: 80 }} maxLength={10} /></Form.Item>
        <Form.Item name="standard" label="标准（元/单位）" rules={[{ required: true, pattern: /^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$/, message: "元，最多两位小数" }]}><Input style={{ width: 140 }} /></Form.Item>
        <Form.Item name="periodKind" label="周期"><Select style={{ width: 90 }} options={[{ value: "year", label: "按年" }, { value: "month", label: "按月" }]} /></Form.Item>
      </Space>
      <Form.Item name="fundSource" label="资金来源" rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
      <Space>
        <Form.Item name="functionalCode" label="功能分类"><Input style={{ width: 140 }} maxLength={20} /></Form.Item>
        <Form.Item name="economicCode" label="经济分类"><Input style={{ width: 140 }} maxLength={20} /></Form.Item>
        {item && <Form.Item name="active" label="启用" valuePropName="checked"><Switch /></Form.Item>}
      </Space>
    </FormModal>
  );
}

function ArticlesTab() {
  const { can } = useAuth();
  const report = useApiError();
  const [articles, setArticles] = useState<Article[]>([]);
  const [editing, setEditing] = useState<Partial<Article> | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    subsidyApi.articles().then(setArticles, report);
  }, [version, report]);
  return (
    <Card extra={can("subsidy.manage") && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ published: true })}>新增文章</Button>}>
      <Table<Article>
        rowKey="id"
        size="middle"
        dataSource={articles}
        pagination={false}
        columns={[
          { title: "标题", dataIndex: "title" },
          { title: "状态", dataIndex: "published", width: 90, render: (v: boolean) => (v ? <Tag color="green">已发布</Tag> : <Tag>草稿</Tag>) },
          { title: "更新时间", dataIndex: "updatedAt", width: 160, render: (v: string) => formatDateTime(v) },
          { title: "操作", key: "ops", width: 80, render: (_: unknown, a) => can("subsidy.manage") && <Button type="link" size="small" onClick={() => setEditing(a)}>修改</Button> },
        ]}
      />
      {editing && (
        <FormModal<{ title: string; body: string; published: boolean }>
          width={720}
          title={editing.id ? "修改政策文章" : "新增政策文章"}
          initialValues={editing}
          send={(v) => subsidyApi.saveArticle({ title: v.title, body: v.body, published: v.published }, editing.id)}
          success="已保存"
          onDone={() => {
            setEditing(null);
            setVersion((x) => x + 1);
          }}
          onClose={() => setEditing(null)}
        >
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="body" label="正文" rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={10} maxLength={20000} showCount /></Form.Item>
          <Form.Item name="published" label="在触摸屏上发布" valuePropName="checked"><Switch /></Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
