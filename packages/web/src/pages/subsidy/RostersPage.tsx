// 发放清册: the rosters of the user's scope with their state, totals and check results; a
// village or the township imports a roster from Excel and reads the findings at once.
import { PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Upload, type TableColumnsType } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { FINDING_NAMES, ROSTER_STATUS } from "./labels.ts";
import { ApiError } from "../../api.ts";
import { subsidyApi, type Item, type Roster, type RowFinding } from "./subsidyApi.ts";
import { formatYuanText } from "../../lib/money.ts";

const FILTER_KEYS = ["status", "itemCode", "period", "villageCode"] as const;

export default function RostersPage() {
  const { can } = useAuth();
  const query = useListQuery(FILTER_KEYS);
  const [importing, setImporting] = useState(false);
  const [entering, setEntering] = useState(false);
  const [result, setResult] = useState<{ roster: Roster; findings: RowFinding[] } | null>(null);
  const items = useItems();
  const list = useRemoteList((signal) => subsidyApi.rosters({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);

  const columns: TableColumnsType<Roster> = [
    { title: "补贴项目", dataIndex: "itemName", render: (name: string, r) => <Link to={`/subsidy/rosters/${r.id}`}>{name}</Link> },
    { title: "期间", dataIndex: "period", width: 90 },
    { title: "村（居）", dataIndex: "villageName", width: 110, render: (v: string | null) => v ?? "全镇" },
    { title: "人数", dataIndex: "lineCount", width: 70, align: "right" },
    { title: "金额（元）", dataIndex: "total", width: 120, align: "right", render: (v: string) => <span className="xc-mono">{formatYuanText(v)}</span> },
    {
      title: "检查结果",
      key: "findings",
      width: 150,
      render: (_: unknown, r) => (
        <Space size={4}>
          {r.errorCount > 0 ? <Tag color="red">错误 {r.errorCount}</Tag> : <Tag color="green">无错误</Tag>}
          {r.warningCount > 0 && <Tag color="orange">提示 {r.warningCount}</Tag>}
        </Space>
      ),
    },
    { title: "状态", dataIndex: "status", width: 110, render: (s: Roster["status"]) => <Tag color={ROSTER_STATUS[s].color}>{ROSTER_STATUS[s].label}</Tag> },
    { title: "公示期", key: "notice", width: 190, render: (_: unknown, r) => (r.noticeStartsOn ? `${r.noticeStartsOn} 至 ${r.noticeEndsOn}` : "—") },
    { title: "导入时间", dataIndex: "createdAt", width: 150, render: (at: string) => formatDateTime(at) },
  ];

  return (
    <>
      <PageHeader
        title="发放清册"
        description="补贴发放清册：村级录入或导入 → 村级审核 → 乡镇审核 → 公示 → 区财政审核 → 发放。导入时逐行检查，错误须改正后才能通过审核。"
        extra={
          can("subsidy.enter") && (
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => setEntering(true)}>
                录入清册
              </Button>
              <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                导入清册
              </Button>
            </Space>
          )
        }
      />
      <Card>
        <Form layout="inline" className="xc-filters" key={JSON.stringify(query.filters)} initialValues={query.filters} onFinish={(v: Record<string, string>) => query.setFilters(v)}>
          <Form.Item name="itemCode">
            <Select allowClear placeholder="全部项目" style={{ width: 180 }} options={items.map((i) => ({ value: i.code, label: i.name }))} />
          </Form.Item>
          <Form.Item name="period">
            <Input allowClear placeholder="期间，如 2026" style={{ width: 130 }} maxLength={7} />
          </Form.Item>
          <Form.Item name="status">
            <Select allowClear placeholder="全部状态" style={{ width: 130 }} options={Object.entries(ROSTER_STATUS).map(([value, s]) => ({ value, label: s.label }))} />
          </Form.Item>
          <Form.Item name="villageCode">
            <RegionSelect levels={["village"]} placeholder="全部村（居）" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">查询</Button>
              <Button onClick={() => query.setFilters({})}>重置</Button>
            </Space>
          </Form.Item>
        </Form>
        <Table<Roster> rowKey="id" size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} locale={{ emptyText: "暂无清册" }} scroll={{ x: 1100 }} />
      </Card>
      {importing && (
        <ImportRosterModal
          items={items}
          onClose={() => setImporting(false)}
          onImported={(answer) => {
            setImporting(false);
            setResult(answer);
            list.reload();
          }}
        />
      )}
      {result && <FindingsModal result={result} onClose={() => setResult(null)} />}
      {entering && <ImportRosterModal items={items} manual onClose={() => setEntering(false)} onImported={() => undefined} />}
    </>
  );
}

export function useItems(): Item[] {
  const [items, setItems] = useState<Item[]>([]);
  const report = useApiError();
  useEffect(() => {
    subsidyApi.items({ pageSize: 100, active: true }).then((p) => setItems(p.items), report);
  }, [report]);
  return items;
}

/** Imports a roster file, or (manual) starts an empty roster and opens it to enter the people. */
function ImportRosterModal({ items, manual = false, onClose, onImported }: { items: Item[]; manual?: boolean; onClose: () => void; onImported: (r: { roster: Roster; findings: RowFinding[] }) => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const isVillage = me.regionCode.length === 12;
  type Values = { itemCode: string; period: string; villageCode?: string };
  const create = (values: Values) => subsidyApi.createRoster({ itemCode: values.itemCode, period: values.period, ...(isVillage || !values.villageCode ? {} : { villageCode: values.villageCode }) });
  const importFile = (values: Values) => {
    if (!file) return Promise.reject(new ApiError(0, "FILE_REQUIRED", "请选择清册文件（.xlsx）"));
    return subsidyApi.importRoster(file, { itemCode: values.itemCode, period: values.period, villageCode: isVillage ? undefined : values.villageCode, sourceName: file.name });
  };
  return manual ? (
    <FormModal<Values, Roster> title="录入补贴发放清册" okText="创建并录入人员" initialValues={{ period: String(new Date().getFullYear()) }} send={create} onDone={(roster) => navigate(`/subsidy/rosters/${roster.id}`)} onClose={onClose}>
      <RosterFields items={items} isVillage={isVillage} />
    </FormModal>
  ) : (
    <FormModal<Values, { roster: Roster; findings: RowFinding[] }> title="导入补贴发放清册" okText="导入并检查" initialValues={{ period: String(new Date().getFullYear()) }} send={importFile} onDone={onImported} onClose={onClose}>
      <RosterFields items={items} isVillage={isVillage} />
      <Form.Item label="清册文件" extra="Excel（.xlsx），表头须含：姓名、身份证号、银行卡号、补贴金额；可含序号、开户银行、村（居）、数量、补贴标准、备注，列的顺序不限。">
        <Upload accept=".xlsx" maxCount={1} beforeUpload={(f) => { setFile(f); return false; }} onRemove={() => setFile(null)}>
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
      </Form.Item>
    </FormModal>
  );
}

function RosterFields({ items, isVillage }: { items: Item[]; isVillage: boolean }) {
  return (
    <>
      <Form.Item name="itemCode" label="补贴项目" rules={[{ required: true, message: "请选择补贴项目" }]}>
        <Select options={items.map((i) => ({ value: i.code, label: `${i.name}（${formatYuanText(i.standard)} 元/${i.unit}，${i.periodKind === "year" ? "按年" : "按月"}）` }))} />
      </Form.Item>
      <Form.Item name="period" label="期间" rules={[{ required: true, pattern: /^[0-9]{4}(-(0[1-9]|1[0-2]))?$/, message: "按年填 YYYY，按月填 YYYY-MM" }]}>
        <Input maxLength={7} />
      </Form.Item>
      {!isVillage && (
        <Form.Item name="villageCode" label="村（居）" extra="不选则为全镇清册">
          <RegionSelect levels={["village"]} placeholder="选择村（居）" />
        </Form.Item>
      )}
    </>
  );
}

export function FindingsModal({ result, onClose }: { result: { roster: Roster; findings: RowFinding[] }; onClose: () => void }) {
  const navigate = useNavigate();
  const errors = result.findings.filter((f) => f.severity === "error").length;
  return (
    <Modal
      open
      width={820}
      title={`检查结果：${result.roster.lineCount} 行，错误 ${errors} 项，提示 ${result.findings.length - errors} 项`}
      okText="查看清册"
      cancelText="关闭"
      onOk={() => navigate(`/subsidy/rosters/${result.roster.id}`)}
      onCancel={onClose}
    >
      <Table<RowFinding>
        rowKey={(f) => `${f.row}-${f.code}`}
        size="small"
        dataSource={result.findings}
        pagination={{ pageSize: 10 }}
        locale={{ emptyText: "全部通过检查" }}
        columns={[
          { title: "行号", dataIndex: "row", width: 70 },
          { title: "类别", dataIndex: "severity", width: 70, render: (s: string) => (s === "error" ? <Tag color="red">错误</Tag> : <Tag color="orange">提示</Tag>) },
          { title: "检查项", dataIndex: "code", width: 150, render: (c: string) => FINDING_NAMES[c] ?? c },
          { title: "说明", dataIndex: "message" },
        ]}
      />
    </Modal>
  );
}
