// 政策文件台账: the documents that govern the township's money — number, issuer and level, dates,
// subject, the original file — searched by title, subject, number or issuer, filtered and paged;
// documents expiring within 30 days listed on top; register one, change it (with a reason, kept in
// its history), upload or download its file, import many from Excel and export the register.
import { HistoryOutlined, PaperClipOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Upload, message, type TableColumnsType } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { policyLevelNames, type PolicyDocumentView } from "@xiangcai/shared";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { ImportSheetModal } from "../../components/ImportSheetModal.tsx";
import { atDistrict, HistoryDrawer } from "./parts.tsx";
import { registersApi } from "./registersApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["q", "level", "status", "expiringWithinDays", "regionCode"] as const;
const levelOptions = Object.entries(policyLevelNames).map(([value, label]) => ({ value, label }));

function expiryTag(d: PolicyDocumentView) {
  if (!d.expiryDate) return <Tag>长期有效</Tag>;
  if (d.daysToExpiry !== null && d.daysToExpiry < 0) return <Tag color="default">{d.expiryDate} 已失效</Tag>;
  if (d.daysToExpiry !== null && d.daysToExpiry <= 30) return <Tag color="red">{d.expiryDate}（{d.daysToExpiry} 天后失效）</Tag>;
  return <span>{d.expiryDate}</span>;
}

export default function PolicyDocumentsPage() {
  const { can, me } = useAuth();
  const district = atDistrict(me?.regionCode);
  const query = useListQuery(FILTER_KEYS);
  const list = useRemoteList((signal) => registersApi.policies({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const [expiring, setExpiring] = useState<PolicyDocumentView[]>([]);
  const [editing, setEditing] = useState<PolicyDocumentView | "new" | null>(null);
  const [importing, setImporting] = useState(false);
  const [history, setHistory] = useState<PolicyDocumentView | null>(null);
  const report = useApiError();
  const manage = can("register.manage");
  useEffect(() => {
    const controller = new AbortController();
    registersApi.policies({ expiringWithinDays: 30, pageSize: 20 }, controller.signal).then((p) => setExpiring(p.items), () => undefined);
    return () => controller.abort();
  }, [list.page]);
  const upload = async (d: PolicyDocumentView, file: File) => {
    try {
      await registersApi.uploadPolicyFile(d.id, file);
      void message.success(`已上传原件 ${file.name}`);
      list.reload();
    } catch (error) {
      report(error);
    }
  };
  const columns: TableColumnsType<PolicyDocumentView> = [
    { title: "文号", dataIndex: "documentNo", width: 170 },
    ...(district ? [{ title: "乡镇", dataIndex: "regionName", width: 90 }] : []),
    { title: "标题", dataIndex: "title", ellipsis: true, render: (t: string, d) => <Space size={4}><span>{t}</span>{d.status === "repealed" && <Tag>已废止</Tag>}</Space> },
    { title: "发文机关", dataIndex: "issuer", width: 150, ellipsis: true },
    { title: "层级", dataIndex: "levelName", width: 60 },
    { title: "发文日期", dataIndex: "issuedDate", width: 110 },
    { title: "失效日期", key: "expiry", width: 210, render: (_, d) => expiryTag(d) },
    {
      title: "原件", key: "file", width: 150,
      render: (_, d) => (
        <Space size={4}>
          {d.attachment ? <Button size="small" type="link" icon={<PaperClipOutlined />} onClick={() => void registersApi.downloadPolicyFile(d.id, d.attachment!.fileName).catch(report)}>下载</Button> : <Tag>未上传</Tag>}
          {manage && <Upload showUploadList={false} maxCount={1} beforeUpload={(file) => { void upload(d, file); return false; }}><Button size="small" type="link">{d.attachment ? "替换" : "上传"}</Button></Upload>}
        </Space>
      ),
    },
    {
      title: "操作", key: "actions", width: 150,
      render: (_, d) => (
        <Space size={0}>
          {manage && <Button size="small" type="link" onClick={() => setEditing(d)}>修改</Button>}
          <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => setHistory(d)}>记录</Button>
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title="政策文件台账"
        description="管理资金所依据的政策文件：文号、发文机关和层级、发文和生效日期、主题、适用范围、有效期和原件，关联的补贴项目和支出科目。可按标题、主题、文号和发文机关搜索；30 天内即将失效的文件列在上方。每次修改都要说明原因并留有记录。"
        extra={
          <Space>
            <DownloadButton download={() => registersApi.exportPolicies(query.filters)}>导出 Excel</DownloadButton>
            {manage && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入 Excel</Button>}
            {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>登记文件</Button>}
          </Space>
        }
      />
      {expiring.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${expiring.length} 份文件将在 30 天内失效`}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{expiring.map((d) => <li key={d.id}>{district ? `【${d.regionName}】` : ""}{d.documentNo} {d.title}：{d.expiryDate} 失效（还有 {d.daysToExpiry} 天）</li>)}</ul>}
        />
      )}
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Record<string, string | undefined>) => query.setFilters(v)}>
          <Form.Item name="q"><Input allowClear placeholder="标题、主题、文号或发文机关" prefix={<SearchOutlined />} style={{ width: 240 }} /></Form.Item>
          {district && <Form.Item name="regionCode"><RegionSelect levels={["township"]} placeholder="全部乡镇" allowClear style={{ width: 160 }} /></Form.Item>}
          <Form.Item name="level"><Select allowClear placeholder="全部层级" style={{ width: 110 }} options={levelOptions} /></Form.Item>
          <Form.Item name="status"><Select allowClear placeholder="全部状态" style={{ width: 110 }} options={[{ value: "active", label: "有效" }, { value: "repealed", label: "已废止" }]} /></Form.Item>
          <Form.Item name="expiringWithinDays"><Select allowClear placeholder="有效期" style={{ width: 140 }} options={[{ value: "30", label: "30 天内失效" }, { value: "90", label: "90 天内失效" }, { value: "365", label: "一年内失效" }]} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
        </Form>
        <Table<PolicyDocumentView> rowKey="id" size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} scroll={{ x: 1250 }} locale={{ emptyText: "暂无政策文件" }} />
      </Card>
      {editing && <PolicyModal document={editing === "new" ? null : editing} defaultRegion={district ? undefined : me?.regionCode} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); list.reload(); }} />}
      {importing && (
        <ImportSheetModal
          title="从 Excel 导入政策文件"
          columns="文号、标题、发文机关、层级（中央/省/市/区）、发文日期、主题、适用范围、生效日期、失效日期（日期为 YYYY-MM-DD）"
          askRegion={district}
          defaultRegion={district ? undefined : me?.regionCode}
          send={registersApi.importPolicies}
          summary={(a) => `已导入 ${a.created ?? 0} 份文件`}
          onClose={() => setImporting(false)}
          onImported={() => { setImporting(false); list.reload(); }}
        />
      )}
      {history && <HistoryDrawer register="policyDocument" recordKey={history.id} title={`${history.documentNo} ${history.title}`} onClose={() => setHistory(null)} />}
    </>
  );
}

type PolicyForm = Record<string, unknown> & { issuedDate?: dayjs.Dayjs; effectiveDate?: dayjs.Dayjs; expiryDate?: dayjs.Dayjs | null; subsidyItemCodes?: string[]; functionalCodes?: string[] };

function PolicyModal({ document, defaultRegion, onClose, onSaved }: { document: PolicyDocumentView | null; defaultRegion: string | undefined; onClose: () => void; onSaved: () => void }) {
  const date = (d: dayjs.Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);
  const send = (v: PolicyForm) => {
    const body = { documentNo: v.documentNo, title: v.title, issuer: v.issuer, level: v.level, issuedDate: date(v.issuedDate), subject: v.subject ?? "", scope: v.scope ?? "", effectiveDate: date(v.effectiveDate), expiryDate: date(v.expiryDate), subsidyItemCodes: v.subsidyItemCodes ?? [], functionalCodes: v.functionalCodes ?? [] };
    return document ? registersApi.updatePolicy(document.id, { ...body, status: v.status, reason: v.reason }) : registersApi.createPolicy({ ...body, regionCode: v.regionCode ?? defaultRegion });
  };
  const initial = document
    ? { ...document, issuedDate: dayjs(document.issuedDate), effectiveDate: dayjs(document.effectiveDate), expiryDate: document.expiryDate ? dayjs(document.expiryDate) : null }
    : { level: "district" };
  return (
    <FormModal<PolicyForm, PolicyDocumentView> title={document ? `修改 ${document.documentNo}` : "登记政策文件"} okText={document ? "保存修改" : "登记"} width={760} initialValues={initial} send={send} success={(d) => `已保存 ${d.documentNo}`} onDone={onSaved} onClose={onClose}>
      {!document && !defaultRegion && <Form.Item name="regionCode" label="乡镇" rules={[{ required: true, message: "请选择乡镇" }]}><RegionSelect levels={["township"]} /></Form.Item>}
      <Space wrap style={{ width: "100%" }}>
        <Form.Item name="documentNo" label="文号" rules={[{ required: true, message: "请填写文号" }]}><Input style={{ width: 220 }} maxLength={100} /></Form.Item>
        <Form.Item name="issuer" label="发文机关" rules={[{ required: true, min: 2, message: "请填写发文机关" }]}><Input style={{ width: 240 }} maxLength={100} /></Form.Item>
        <Form.Item name="level" label="层级"><Select style={{ width: 100 }} options={levelOptions} /></Form.Item>
      </Space>
      <Form.Item name="title" label="标题" rules={[{ required: true, min: 2, message: "请填写标题" }]}><Input maxLength={300} /></Form.Item>
      <Form.Item name="subject" label="主题（可检索）"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      <Space wrap style={{ width: "100%" }}>
        <Form.Item name="issuedDate" label="发文日期" rules={[{ required: true, message: "请选择日期" }]}><DatePicker /></Form.Item>
        <Form.Item name="effectiveDate" label="生效日期" rules={[{ required: true, message: "请选择日期" }]}><DatePicker /></Form.Item>
        <Form.Item name="expiryDate" label="失效日期（长期有效不填）"><DatePicker /></Form.Item>
        <Form.Item name="scope" label="适用范围"><Input style={{ width: 180 }} maxLength={500} /></Form.Item>
      </Space>
      <Space wrap style={{ width: "100%" }}>
        <Form.Item name="subsidyItemCodes" label="关联补贴项目代码"><Select mode="tags" style={{ width: 300 }} tokenSeparators={[",", "，", " "]} placeholder="如 GDDLBH" /></Form.Item>
        <Form.Item name="functionalCodes" label="关联支出功能分类科目"><Select mode="tags" style={{ width: 300 }} tokenSeparators={[",", "，", " "]} placeholder="如 2130135" /></Form.Item>
      </Space>
      {document && (
        <Space wrap style={{ width: "100%" }}>
          <Form.Item name="status" label="状态"><Select style={{ width: 110 }} options={[{ value: "active", label: "有效" }, { value: "repealed", label: "已废止" }]} /></Form.Item>
          <Form.Item name="reason" label="修改原因" rules={[{ required: true, min: 2, message: "请说明修改原因" }]}><Input style={{ width: 420 }} maxLength={200} /></Form.Item>
        </Space>
      )}
    </FormModal>
  );
}
