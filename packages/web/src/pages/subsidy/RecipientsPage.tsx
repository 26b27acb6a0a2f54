// 补贴对象名册: the registry of recipients (masked ID and card numbers), searched by name or full
// ID number, filtered by village; imported from Excel, edited one by one; reference lists of
// deceased persons, public officials and village cadres imported by ID number.
import { PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Table, Tag, Upload, type TableColumnsType } from "antd";
import { useState } from "react";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { subsidyApi, type Recipient } from "./subsidyApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["q", "villageCode", "alive"] as const;

export default function RecipientsPage() {
  const { can } = useAuth();
  const report = useApiError();
  const { modal } = App.useApp();
  const query = useListQuery(FILTER_KEYS);
  const [editing, setEditing] = useState<Recipient | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useRemoteList((signal) => subsidyApi.recipients({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const imported = (what: string, content: string) => {
    modal.success({ title: `${what}已导入`, content });
    list.reload();
  };
  const importRegistry = (file: File) => {
    subsidyApi.importRecipients(file).then((r) => imported("名册", `共 ${r.rows} 人：新增 ${r.created}，更新 ${r.updated}。`), report);
    return false;
  };
  const importList = (kind: "deceased" | "official" | "cadre", what: string) => (file: File) => {
    subsidyApi.importReferenceList(kind, file).then((r) => imported(what, `共 ${r.rows} 人，名册中匹配 ${r.matched} 人。`), report);
    return false;
  };
  const columns: TableColumnsType<Recipient> = [
    { title: "姓名", dataIndex: "name", width: 90 },
    { title: "身份证号", dataIndex: "residentIdMasked", width: 190, render: (v: string) => <span className="xc-mono">{v}</span> },
    { title: "村（居）", dataIndex: "villageName", width: 100 },
    { title: "户号", dataIndex: "householdNo", width: 80, render: (v: string, r) => <>{v}{r.headOfHousehold && <Tag style={{ marginLeft: 4 }}>户主</Tag>}</> },
    { title: "银行卡号", dataIndex: "cardMasked", width: 110, render: (v: string, r) => <span className="xc-mono">{v}{r.accountType === "passbook" ? "（存折）" : ""}</span> },
    { title: "开户银行", dataIndex: "bankName", width: 120 },
    { title: "标记", key: "flags", render: (_: unknown, r) => <Space size={4}>{!r.alive && <Tag color="default">已死亡</Tag>}{r.official && <Tag color="orange">公职人员</Tag>}{r.cadre && <Tag color="orange">村干部</Tag>}</Space> },
    { title: "操作", key: "ops", width: 80, render: (_: unknown, r) => can("subsidy.enter") && <Button type="link" size="small" onClick={() => setEditing(r)}>修改</Button> },
  ];
  return (
    <>
      <PageHeader
        title="补贴对象名册"
        description="身份证号、银行卡号加密存储，只显示部分号码。可按姓名或完整身份证号查询。"
        extra={
          <Space>
            <DownloadButton download={() => subsidyApi.exportRecipients(query.filters)}>导出 Excel</DownloadButton>
            {can("subsidy.enter") && <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>新增对象</Button>}
            {can("subsidy.enter") && <Upload accept=".xlsx" showUploadList={false} beforeUpload={importRegistry}><Button type="primary" icon={<UploadOutlined />}>导入名册</Button></Upload>}
            {can("subsidy.manage") && (
              <>
                <Upload accept=".xlsx" showUploadList={false} beforeUpload={importList("deceased", "死亡人员名单")}><Button>导入死亡名单</Button></Upload>
                <Upload accept=".xlsx" showUploadList={false} beforeUpload={importList("official", "公职人员名单")}><Button>导入公职人员</Button></Upload>
                <Upload accept=".xlsx" showUploadList={false} beforeUpload={importList("cadre", "村干部名单")}><Button>导入村干部</Button></Upload>
              </>
            )}
          </Space>
        }
      />
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Record<string, string>) => query.setFilters(v)}>
          <Form.Item name="q"><Input allowClear placeholder="姓名或完整身份证号" style={{ width: 240 }} maxLength={18} /></Form.Item>
          <Form.Item name="villageCode"><RegionSelect levels={["village"]} placeholder="全部村（居）" style={{ width: 180 }} /></Form.Item>
          <Form.Item name="alive"><Select allowClear placeholder="全部状态" style={{ width: 120 }} options={[{ value: "true", label: "健在" }, { value: "false", label: "已死亡" }]} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
        </Form>
        <Table<Recipient> rowKey="id" size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} locale={{ emptyText: "名册为空：请导入 Excel（表头：姓名、身份证号、村（居）、户号、户主、银行卡号、开户银行、账户类型）" }} scroll={{ x: 1000 }} />
      </Card>
      {creating && <CreateRecipient onClose={() => setCreating(false)} onSaved={() => { setCreating(false); list.reload(); }} />}
      {editing && <EditRecipient recipient={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); list.reload(); }} />}
    </>
  );
}

function EditRecipient({ recipient, onClose, onSaved }: { recipient: Recipient; onClose: () => void; onSaved: () => void }) {
  return (
    <FormModal<Record<string, unknown>>
      title={`修改：${recipient.name}（${recipient.residentIdMasked}）`}
      initialValues={{ name: recipient.name, bankName: recipient.bankName, householdNo: recipient.householdNo, headOfHousehold: recipient.headOfHousehold, accountType: recipient.accountType, alive: recipient.alive, official: recipient.official, cadre: recipient.cadre }}
      send={(v) => subsidyApi.updateRecipient(recipient.id, { ...v, card: v.card ? v.card : undefined })}
      onDone={onSaved}
      onClose={onClose}
    >
      <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true }]}><Input maxLength={50} /></Form.Item>
      <Form.Item name="card" label={`银行卡号（现为 ${recipient.cardMasked || "无"}；不改请留空，修改将记入审计日志）`}><Input maxLength={23} className="xc-mono" autoComplete="off" /></Form.Item>
      <Form.Item name="accountType" label="账户类型"><Radio.Group options={[{ value: "card", label: "银行卡/社保卡" }, { value: "passbook", label: "存折" }]} /></Form.Item>
      <Form.Item name="bankName" label="开户银行"><Input maxLength={50} /></Form.Item>
      <Form.Item name="householdNo" label="户号"><Input maxLength={30} /></Form.Item>
      <Space>
        <Form.Item name="headOfHousehold" valuePropName="checked"><Checkbox>户主</Checkbox></Form.Item>
        <Form.Item name="alive" valuePropName="checked"><Checkbox>健在</Checkbox></Form.Item>
        <Form.Item name="official" valuePropName="checked"><Checkbox>公职人员</Checkbox></Form.Item>
        <Form.Item name="cadre" valuePropName="checked"><Checkbox>村干部</Checkbox></Form.Item>
      </Space>
    </FormModal>
  );
}

/** A new person in the registry, one at a time (the registry can also be imported from Excel). */
function CreateRecipient({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const me = useMe();
  const isVillage = me.regionCode.length === 12;
  return (
    <FormModal<Record<string, unknown>, Recipient>
      width={600}
      title="新增补贴对象"
      initialValues={{ accountType: "card", headOfHousehold: true, alive: true, official: false, cadre: false }}
      send={(v) => subsidyApi.saveRecipient({ ...v, villageCode: isVillage ? me.regionCode : v.villageCode, card: v.card ? v.card : null })}
      success={(saved) => `已保存：${saved.name}（${saved.residentIdMasked}）`}
      onDone={onSaved}
      onClose={onClose}
    >
      {!isVillage && <Form.Item name="villageCode" label="村（居）" rules={[{ required: true, message: "请选择村（居）" }]}><RegionSelect levels={["village"]} placeholder="选择村（居）" /></Form.Item>}
      <Space style={{ display: "flex" }} align="start">
        <Form.Item name="name" label="姓名" style={{ width: 160 }} rules={[{ required: true, whitespace: true, message: "请输入姓名" }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="residentId" label="身份证号" style={{ width: 340 }} rules={[{ required: true, whitespace: true, message: "请输入身份证号" }]}><Input maxLength={18} className="xc-mono" autoComplete="off" /></Form.Item>
      </Space>
      <Space style={{ display: "flex" }} align="start">
        <Form.Item name="card" label="银行卡号（社保卡）" style={{ width: 280 }}><Input maxLength={23} className="xc-mono" autoComplete="off" /></Form.Item>
        <Form.Item name="bankName" label="开户银行" style={{ width: 220 }}><Input maxLength={50} /></Form.Item>
      </Space>
      <Form.Item name="accountType" label="账户类型"><Radio.Group options={[{ value: "card", label: "银行卡/社保卡" }, { value: "passbook", label: "存折" }]} /></Form.Item>
      <Space>
        <Form.Item name="householdNo" label="户号"><Input maxLength={30} style={{ width: 140 }} /></Form.Item>
        <Form.Item name="headOfHousehold" label=" " valuePropName="checked"><Checkbox>户主</Checkbox></Form.Item>
        <Form.Item name="official" label=" " valuePropName="checked"><Checkbox>公职人员</Checkbox></Form.Item>
        <Form.Item name="cadre" label=" " valuePropName="checked"><Checkbox>村干部</Checkbox></Form.Item>
      </Space>
    </FormModal>
  );
}
