// 服务事项: the matters residents brought to the township's service hall (一站式服务) — searched by
// 受理编号, name or content, or every matter of one resident by the full ID number; filtered by
// category, channel, status, overdue, acceptance dates and village (a district user by township);
// paged. The window's staff accept a matter here (受理登记, then print the acceptance slip), import
// matters collected on paper from Excel and export the register.
import { PlusOutlined, SearchOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { MATTER_CONTENT_MAX, matterCategoryNames, matterStatusNames, PHONE_PATTERN, type MatterCategory, type MatterStatus } from "@xiangcai/shared";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { DownloadButton } from "../../components/DownloadButton.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { ImportSheetModal } from "../../components/ImportSheetModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { residentIdProblem } from "../../lib/residentId.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { filled, hallApi, statusColours, type AcceptValues, type Matter } from "./hallApi.ts";
import { categoryOptions, channelOptions, promisedTag, statusOptions } from "./parts.tsx";

const FILTER_KEYS = ["q", "idNumber", "category", "channel", "status", "overdue", "villageCode", "regionCode", "acceptedFrom", "acceptedTo"] as const;
export default function MattersPage() {
  const { can } = useAuth();
  const me = useMe();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const district = me.regionCode.endsWith("000");
  const query = useListQuery(FILTER_KEYS);
  const list = useRemoteList((signal) => hallApi.matters({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const [accepting, setAccepting] = useState(false);
  const [importing, setImporting] = useState(false);
  const accept = can("hall.accept");

  const columns: TableColumnsType<Matter> = [
    { title: "受理编号", dataIndex: "matterNo", width: 150, render: (no: string, m) => <Link className="xc-mono" to={`/hall/matters/${m.id}`}>{no}</Link> },
    ...(district ? [{ title: "乡镇", dataIndex: "regionName", width: 90 }] : []),
    { title: "类别", dataIndex: "category", width: 110, render: (c: MatterCategory) => matterCategoryNames[c] },
    { title: "来办人", dataIndex: "applicantName", width: 90, render: (name: string, m) => (m.villageName ? <Tooltip title={m.villageName}>{name}</Tooltip> : name) },
    { title: "事项内容", dataIndex: "content", ellipsis: { showTitle: true } },
    { title: "受理时间", dataIndex: "acceptedAt", width: 140, render: (at: string) => formatDateTime(at) },
    { title: "首问负责人", dataIndex: "ownerName", width: 110 },
    { title: "承诺办结时限", key: "promisedBy", width: 160, render: (_, m) => promisedTag(m) },
    { title: "状态", dataIndex: "status", width: 120, fixed: "right", render: (s: MatterStatus) => <Tag color={statusColours[s]}>{matterStatusNames[s]}</Tag> },
  ];

  const filterValues = { ...query.filters, dates: query.filters.acceptedFrom && query.filters.acceptedTo ? [dayjs(query.filters.acceptedFrom), dayjs(query.filters.acceptedTo)] : undefined };
  const accepted = (m: Matter) => {
    setAccepting(false);
    list.reload();
    modal.confirm({
      title: `已受理，受理编号 ${m.matterNo}`,
      content: `请打印受理回执交来办人 ${m.applicantName} 留存，承诺 ${formatDate(m.promisedBy)} 前办结答复。`,
      okText: "打印受理回执",
      cancelText: "关闭",
      onOk: () => navigate(`/hall/matters/${m.id}/slip`),
    });
  };
  return (
    <>
      <PageHeader
        title="服务事项"
        description="群众到乡镇财政所服务大厅办理的政策咨询、补贴发放查询、补贴申报、信息变更和投诉举报等事项：首问负责、限时办结，乡镇不能单独答复的上报区财政局，办结后回访满意度。超过承诺时限仍未办结的事项标红。"
        extra={
          <Space>
            <DownloadButton download={() => hallApi.exportMatters(query.filters)}>导出 Excel</DownloadButton>
            {accept && <DownloadButton download={hallApi.template}>下载模板</DownloadButton>}
            {accept && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入 Excel</Button>}
            {accept && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAccepting(true)}>受理登记</Button>}
          </Space>
        }
      />
      <Card>
        <Form
          layout="inline"
          className="xc-filters"
          key={JSON.stringify(query.filters)}
          initialValues={filterValues}
          onFinish={(v: Record<string, unknown>) => {
            const dates = v.dates as [Dayjs, Dayjs] | null | undefined;
            const text = (name: string) => v[name] as string | undefined;
            query.setFilters({
              q: text("q"), idNumber: text("idNumber"), category: text("category"), channel: text("channel"), status: text("status"), overdue: text("overdue"),
              villageCode: text("villageCode"), regionCode: text("regionCode"), acceptedFrom: dates?.[0]?.format("YYYY-MM-DD"), acceptedTo: dates?.[1]?.format("YYYY-MM-DD"),
            });
          }}
        >
          <Form.Item name="q"><Input allowClear placeholder="受理编号、姓名或事项内容" prefix={<SearchOutlined />} style={{ width: 250 }} /></Form.Item>
          <Form.Item name="idNumber" rules={[{ len: 18, message: "请输入完整的 18 位身份证号" }]}><Input allowClear placeholder="来办人身份证号" className="xc-mono" maxLength={18} style={{ width: 200 }} /></Form.Item>
          {district && <Form.Item name="regionCode"><RegionSelect levels={["township"]} placeholder="全部乡镇" style={{ width: 140 }} /></Form.Item>}
          {!district && <Form.Item name="villageCode"><RegionSelect levels={["village"]} placeholder="全部村（社区）" style={{ width: 160 }} /></Form.Item>}
          <Form.Item name="category"><Select allowClear placeholder="全部类别" style={{ width: 130 }} options={categoryOptions} /></Form.Item>
          <Form.Item name="channel"><Select allowClear placeholder="全部渠道" style={{ width: 140 }} options={channelOptions} /></Form.Item>
          <Form.Item name="status"><Select allowClear placeholder="全部状态" style={{ width: 150 }} options={statusOptions} /></Form.Item>
          <Form.Item name="overdue"><Select allowClear placeholder="是否超期" style={{ width: 110 }} options={[{ value: "true", label: "已超期" }, { value: "false", label: "未超期" }]} /></Form.Item>
          <Form.Item name="dates"><DatePicker.RangePicker placeholder={["受理日期起", "止"]} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
        </Form>
        <Table<Matter>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.page?.items ?? []}
          loading={list.loading}
          pagination={tablePagination(query, list.page)}
          scroll={{ x: 1150 }}
          rowClassName={(m) => (m.overdue ? "xc-row-overdue" : "")}
          onRow={(m) => ({ onClick: (event) => { if (!(event.target as HTMLElement).closest("a")) navigate(`/hall/matters/${m.id}`); }, style: { cursor: "pointer" } })}
          locale={{ emptyText: "暂无服务事项" }}
        />
      </Card>
      {accepting && <AcceptModal district={district} regionCode={me.regionCode} onClose={() => setAccepting(false)} onDone={accepted} />}
      {importing && (
        <ImportSheetModal
          title="从 Excel 导入服务事项"
          columns="村（社区）、姓名、身份证号、联系电话、事项类别、事项内容（事项类别填 政策咨询、补贴发放查询、补贴申报、信息变更、投诉举报 或 其他事项）"
          rule="导入的事项按“村（社区）代办”受理，村（社区）填本乡镇的村名，首问负责人为导入人。"
          askRegion={district}
          defaultRegion={district ? undefined : me.regionCode}
          send={hallApi.importMatters}
          summary={(a) => `已导入 ${a.created ?? 0} 件事项`}
          onClose={() => setImporting(false)}
          onImported={() => { setImporting(false); list.reload(); }}
        />
      )}
    </>
  );
}

type AcceptForm = Omit<AcceptValues, "regionCode"> & { regionCode?: string };

function AcceptModal({ district, regionCode, onClose, onDone }: { district: boolean; regionCode: string; onClose: () => void; onDone: (m: Matter) => void }) {
  const send = (v: AcceptForm, key: string) =>
    hallApi.accept(
      {
        regionCode: district ? (v.regionCode ?? "") : regionCode,
        category: v.category,
        channel: v.channel,
        villageCode: v.villageCode ?? null,
        applicantName: v.applicantName.trim(),
        applicantIdNumber: filled(v.applicantIdNumber),
        applicantPhone: filled(v.applicantPhone),
        content: v.content.trim(),
      },
      key,
    );
  return (
    <FormModal<AcceptForm, Matter> title="受理登记" okText="受理" width={680} initialValues={{ channel: "window" }} send={send} onDone={onDone} onClose={onClose}>
      {district && <Form.Item name="regionCode" label="乡镇" rules={[{ required: true, message: "请选择乡镇" }]}><RegionSelect levels={["township"]} /></Form.Item>}
      <Space wrap style={{ width: "100%" }} align="start">
        <Form.Item name="category" label="事项类别" rules={[{ required: true, message: "请选择事项类别" }]}><Select style={{ width: 180 }} placeholder="选择类别" options={categoryOptions} /></Form.Item>
        <Form.Item name="channel" label="受理渠道" rules={[{ required: true, message: "请选择受理渠道" }]}><Select style={{ width: 180 }} options={channelOptions} /></Form.Item>
        <Form.Item noStyle dependencies={["channel"]}>
          {({ getFieldValue }) => (
            <Form.Item name="villageCode" label="村（社区）" rules={getFieldValue("channel") === "village" ? [{ required: true, message: "村（社区）代办的事项须选择村（社区）" }] : []}>
              <RegionSelect levels={["village"]} placeholder="选择村（社区）" style={{ width: 200 }} />
            </Form.Item>
          )}
        </Form.Item>
      </Space>
      <Space wrap style={{ width: "100%" }} align="start">
        <Form.Item name="applicantName" label="来办人姓名" rules={[{ required: true, whitespace: true, message: "请填写来办人姓名" }, { max: 30, message: "姓名最多30个字" }]}><Input style={{ width: 180 }} maxLength={30} autoComplete="off" /></Form.Item>
        <Form.Item
          name="applicantIdNumber"
          label="身份证号（选填）"
          rules={[{ validator: (_, value: string | undefined) => { const problem = residentIdProblem(value); return problem ? Promise.reject(new Error(problem)) : Promise.resolve(); } }]}
        >
          <Input style={{ width: 220 }} maxLength={18} className="xc-mono" autoComplete="off" />
        </Form.Item>
        <Form.Item name="applicantPhone" label="联系电话（选填）" rules={[{ validator: (_, value: string | undefined) => (!value?.trim() || PHONE_PATTERN.test(value.trim()) ? Promise.resolve() : Promise.reject(new Error("应为11位手机号或带区号的固定电话"))) }]}>
          <Input style={{ width: 180 }} maxLength={20} autoComplete="off" />
        </Form.Item>
      </Space>
      <Form.Item name="content" label="事项内容" rules={[{ required: true, whitespace: true, message: "请填写事项内容" }, { min: 2, message: "请填写事项内容" }]}>
        <Input.TextArea rows={4} maxLength={MATTER_CONTENT_MAX} showCount placeholder="群众反映的问题或申请办理的事项" />
      </Form.Item>
    </FormModal>
  );
}
