// 基础数据台账: per village and year, population, households, registered farmland (耕地) and forest
// (亩) and other bases subsidies are paid on; searched by village, filtered by year and township,
// paged; a village's year entered or corrected (the figures before kept in its history), imported
// from Excel (every bad row named, nothing saved) and exported. A subsidy roster whose areas exceed a
// village's farmland is flagged at township review.
import { EditOutlined, HistoryOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, InputNumber, Select, Space, Table, type TableColumnsType } from "antd";
import { useState } from "react";
import { groupThousands, type BasicDataView } from "@xiangcai/shared";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { ImportSheetModal } from "../../components/ImportSheetModal.tsx";
import { atDistrict, HistoryDrawer } from "./parts.tsx";
import { registersApi } from "./registersApi.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["q", "year", "regionCode"] as const;
const AREA = /^(0|[1-9]\d{0,11})(\.\d{1,4})?$/;
const mu = (s: string) => s.replace(/^(\d+)/, (d) => groupThousands(d));

export default function BasicDataPage() {
  const { can, me } = useAuth();
  const district = atDistrict(me?.regionCode);
  const manage = can("register.manage");
  const query = useListQuery(FILTER_KEYS);
  const list = useRemoteList((signal) => registersApi.basicData({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const [editing, setEditing] = useState<BasicDataView | "new" | null>(null);
  const [importing, setImporting] = useState(false);
  const [history, setHistory] = useState<BasicDataView | null>(null);
  const thisYear = new Date().getFullYear();
  const columns: TableColumnsType<BasicDataView> = [
    ...(district ? [{ title: "乡镇", dataIndex: "townshipName", width: 90 }] : []),
    { title: "村（居）", dataIndex: "villageName", width: 110 },
    { title: "村代码", dataIndex: "regionCode", width: 130, className: "xc-mono" },
    { title: "年度", dataIndex: "year", width: 70 },
    { title: "人口", dataIndex: "population", width: 90, align: "right" },
    { title: "户数", dataIndex: "households", width: 90, align: "right" },
    { title: "耕地面积（亩）", dataIndex: "farmlandMu", width: 130, align: "right", render: mu },
    { title: "林地面积（亩）", dataIndex: "forestMu", width: 130, align: "right", render: mu },
    { title: "其他基数", dataIndex: "otherBases", render: (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join("；") || "—" },
    {
      title: "操作", key: "actions", width: 150,
      render: (_, b) => (
        <Space size={0}>
          {manage && <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(b)}>修改</Button>}
          <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => setHistory(b)}>记录</Button>
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title="基础数据台账"
        description="各村（居）分年度登记人口、户数、耕地面积、林地面积等补贴发放基数。按面积发放的补贴清册，某村申报面积合计超过登记耕地面积时，乡镇审核须填写审核意见说明。修改后原数据保留在变更记录中。"
        extra={
          <Space>
            <DownloadButton download={() => registersApi.exportBasicData(query.filters)}>导出 Excel</DownloadButton>
            {manage && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入 Excel</Button>}
            {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>登记村基础数据</Button>}
          </Space>
        }
      />
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Record<string, string | number | undefined>) => query.setFilters(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === undefined ? undefined : String(x)])))}>
          <Form.Item name="q"><Input allowClear placeholder="村名或村代码" prefix={<SearchOutlined />} style={{ width: 200 }} /></Form.Item>
          {district && <Form.Item name="regionCode"><RegionSelect levels={["township"]} placeholder="全部乡镇" allowClear style={{ width: 160 }} /></Form.Item>}
          <Form.Item name="year"><Select allowClear placeholder="全部年度" style={{ width: 120 }} options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: String(y), label: `${y} 年` }))} /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">查询</Button><Button onClick={() => query.setFilters({})}>重置</Button></Space></Form.Item>
        </Form>
        <Table<BasicDataView> rowKey={(b) => `${b.regionCode}/${b.year}`} size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} scroll={{ x: 1150 }} locale={{ emptyText: "暂无基础数据" }} />
      </Card>
      {editing && <BasicDataModal row={editing === "new" ? null : editing} year={thisYear} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); list.reload(); }} />}
      {importing && (
        <ImportSheetModal
          title="从 Excel 导入基础数据"
          columns="村（居）（或村代码）、年度、人口、户数、耕地面积（亩）、林地面积（亩）"
          askRegion={district}
          defaultRegion={district ? undefined : me?.regionCode}
          send={registersApi.importBasicData}
          summary={(a) => `已导入 ${a.rows ?? 0} 行：新增 ${a.created ?? 0}，更新 ${a.updated ?? 0}`}
          onClose={() => setImporting(false)}
          onImported={() => { setImporting(false); list.reload(); }}
        />
      )}
      {history && <HistoryDrawer register="basicData" recordKey={`${history.regionCode}/${history.year}`} title={`${history.villageName} ${history.year} 年`} onClose={() => setHistory(null)} />}
    </>
  );
}

function BasicDataModal({ row, year, onClose, onSaved }: { row: BasicDataView | null; year: number; onClose: () => void; onSaved: () => void }) {
  const initial = row ? { ...row, otherBases: Object.entries(row.otherBases).map(([name, value]) => ({ name, value })) } : { year, otherBases: [] };
  return (
    <FormModal<Record<string, unknown> & { otherBases?: { name: string; value: string }[] }, BasicDataView>
      title={row ? `修改 ${row.villageName} ${row.year} 年基础数据` : "登记村基础数据"}
      width={640}
      initialValues={initial}
      send={(v) => registersApi.saveBasicData({ regionCode: v.regionCode, year: v.year, population: v.population, households: v.households, farmlandMu: String(v.farmlandMu), forestMu: String(v.forestMu), otherBases: Object.fromEntries((v.otherBases ?? []).filter((b) => b?.name).map((b) => [b.name, b.value])) })}
      success={(b) => `已保存 ${b.villageName} ${b.year} 年基础数据`}
      onDone={onSaved}
      onClose={onClose}
    >
      <Space wrap>
        <Form.Item name="regionCode" label="村（居）" rules={[{ required: true, message: "请选择村" }]}><RegionSelect levels={["village"]} disabled={!!row} style={{ width: 220 }} /></Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true }]}><InputNumber min={2000} max={2100} disabled={!!row} /></Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="population" label="人口" rules={[{ required: true }]}><InputNumber min={0} precision={0} style={{ width: 140 }} /></Form.Item>
        <Form.Item name="households" label="户数" rules={[{ required: true }]}><InputNumber min={0} precision={0} style={{ width: 140 }} /></Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="farmlandMu" label="耕地面积（亩）" rules={[{ required: true, pattern: AREA, message: "最多4位小数" }]}><Input style={{ width: 160 }} /></Form.Item>
        <Form.Item name="forestMu" label="林地面积（亩）" rules={[{ required: true, pattern: AREA, message: "最多4位小数" }]}><Input style={{ width: 160 }} /></Form.Item>
      </Space>
      <Form.List name="otherBases">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline">
                <Form.Item name={[f.name, "name"]} rules={[{ required: true, message: "基数名称" }]}><Input placeholder="如 水面面积亩" style={{ width: 180 }} maxLength={40} /></Form.Item>
                <Form.Item name={[f.name, "value"]} rules={[{ required: true, message: "数值" }]}><Input placeholder="数值" style={{ width: 140 }} maxLength={40} /></Form.Item>
                <Button type="link" danger onClick={() => remove(f.name)}>删除</Button>
              </Space>
            ))}
            <Button type="dashed" onClick={() => add()}>添加其他基数</Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
