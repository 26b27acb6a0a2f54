// 预算单位: the budget units of the user's scope, searchable by name or credit code and
// filtered by region and status. Clerks with budgetUnit.create register a unit; it starts
// as 待审批 with a registration flow that the township director approves.
import { CheckCircleFilled, PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { creditCodeAuthorityName } from "@xiangcai/shared";
import { Button, Card, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import { useState } from "react";
import { orgApi } from "../../api.ts";
import type { BudgetUnit, BudgetUnitKind, BudgetUnitStatus } from "../../apiTypes.ts";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { FlowDrawer } from "../../flow/FlowDrawer.tsx";
import { creditCodeProblem, normalizeCreditCode } from "../../lib/creditCode.ts";
import { formatDateTime } from "../../lib/format.ts";
import { optionsOf } from "../../lib/labels.ts";
import { BUDGET_UNIT_KIND, BUDGET_UNIT_STATUS } from "./budgetUnitLabels.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["q", "regionCode", "status"] as const;

function isStatus(value: string | undefined): value is BudgetUnitStatus {
  return value !== undefined && value in BUDGET_UNIT_STATUS;
}

export default function BudgetUnitsPage() {
  const { can } = useAuth();
  const query = useListQuery(FILTER_KEYS);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<BudgetUnit | null>(null);
  const [flowId, setFlowId] = useState<string | null>(null);

  const filters = { q: query.filters.q, regionCode: query.filters.regionCode, status: isStatus(query.filters.status) ? query.filters.status : undefined };
  const list = useRemoteList((signal) => orgApi.listBudgetUnits({ ...filters, page: query.page, pageSize: query.pageSize }, signal), query.key);

  // A unit just registered is shown on top even if the list's order would put it elsewhere.
  const items = list.page?.items ?? [];
  const rows = created !== null && query.page === 1 && !items.some((unit) => unit.id === created.id) ? [created, ...items] : items;

  const columns: TableColumnsType<BudgetUnit> = [
    { title: "单位名称", dataIndex: "name", ellipsis: true },
    { title: "统一社会信用代码", dataIndex: "creditCode", width: 190, render: (code: string) => <span className="xc-mono">{code}</span> },
    { title: "所属区划", dataIndex: "regionName", width: 140, ellipsis: true },
    { title: "单位类型", dataIndex: "kind", width: 100, render: (kind: BudgetUnitKind) => BUDGET_UNIT_KIND[kind] ?? kind },
    {
      title: "状态",
      dataIndex: "status",
      width: 100,
      render: (status: BudgetUnitStatus) => {
        const label = BUDGET_UNIT_STATUS[status];
        return label ? <Tag color={label.color}>{label.label}</Tag> : status;
      },
    },
    { title: "登记人", dataIndex: "createdByName", width: 100 },
    { title: "登记时间", dataIndex: "createdAt", width: 150, render: (at: string) => formatDateTime(at) },
    {
      title: "操作",
      key: "actions",
      width: 100,
      render: (_: unknown, unit) =>
        unit.flowInstanceId !== null ? (
          <Button type="link" size="small" onClick={() => setFlowId(unit.flowInstanceId)}>
            审批流程
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="预算单位"
        description="辖区内预算单位的登记信息。新登记的单位经财政所所长审批后生效。"
        extra={
          <Space>
            <DownloadButton download={() => orgApi.exportBudgetUnits(filters)}>
              导出 Excel
            </DownloadButton>
            {can("budgetUnit.create") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                登记预算单位
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Form
          layout="inline"
          className="xc-filters"
          key={JSON.stringify(query.filters)}
          initialValues={query.filters}
          onFinish={(values: Partial<Record<(typeof FILTER_KEYS)[number], string>>) => query.setFilters(values)}
        >
          <Form.Item name="q">
            <Input allowClear placeholder="单位名称或统一社会信用代码" prefix={<SearchOutlined />} style={{ width: 260 }} maxLength={100} />
          </Form.Item>
          <Form.Item name="regionCode">
            <RegionSelect placeholder="全部区划" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="status">
            <Select allowClear placeholder="全部状态" style={{ width: 130 }} options={optionsOf(BUDGET_UNIT_STATUS)} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              <Button onClick={() => query.setFilters({})}>重置</Button>
            </Space>
          </Form.Item>
        </Form>
        <Table<BudgetUnit>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.loading}
          pagination={tablePagination(query, list.page)}
          rowClassName={(unit) => (unit.id === created?.id ? "xc-row-new" : "")}
          locale={{ emptyText: "暂无预算单位" }}
          scroll={{ x: 1000 }}
        />
      </Card>

      {creating && (
        <CreateBudgetUnitModal
          onClose={() => setCreating(false)}
          onCreated={(unit) => {
            setCreating(false);
            setCreated(unit);
            query.setFilters({});
            list.reload();
          }}
        />
      )}
      <FlowDrawer instanceId={flowId} onClose={() => setFlowId(null)} onChanged={list.reload} />
    </>
  );
}

interface CreateValues {
  regionCode: string;
  creditCode: string;
  name: string;
  kind: BudgetUnitKind;
}

function CreateBudgetUnitModal({ onClose, onCreated }: { onClose: () => void; onCreated: (unit: BudgetUnit) => void }) {
  const me = useMe();
  const [form] = Form.useForm<CreateValues>();
  const creditCode = Form.useWatch("creditCode", form) ?? "";
  const creditCodeValid = creditCode.trim().length === 18 && creditCodeProblem(creditCode) === null;
  const create = (values: CreateValues) =>
    orgApi.createBudgetUnit({ regionCode: values.regionCode, creditCode: normalizeCreditCode(values.creditCode), name: values.name.trim(), kind: values.kind });

  return (
    <FormModal<CreateValues, BudgetUnit>
      form={form}
      title="登记预算单位"
      okText="提交登记"
      width={560}
      initialValues={{ regionCode: me.regionCode, kind: "administrative" }}
      formProps={{ validateTrigger: ["onChange", "onBlur"] }}
      send={create}
      success={(unit) => `“${unit.name}”已登记，状态为待审批，已提交财政所所长审批`}
      onDone={onCreated}
      onClose={onClose}
    >
      <Form.Item name="regionCode" label="所属区划" rules={[{ required: true, message: "请选择所属区划" }]}>
        <RegionSelect placeholder="选择乡镇（街道）" allowClear={false} />
      </Form.Item>
      <Form.Item
        name="creditCode"
        label="统一社会信用代码"
        extra={
          creditCodeValid ? (
            <span style={{ color: "#389e0d" }}>
              <CheckCircleFilled /> 格式及校验位正确（登记管理部门：{creditCodeAuthorityName(creditCode.trim().charAt(0))}）
            </span>
          ) : (
            "18 位，见单位法人证书或营业执照"
          )
        }
        rules={[
          { required: true, whitespace: true, message: "请输入统一社会信用代码" },
          {
            validator: async (_, value: string | undefined) => {
              if (value === undefined || value.trim() === "") return;
              const problem = creditCodeProblem(value);
              if (problem !== null) throw new Error(problem);
            },
          },
        ]}
        normalize={(value: string) => value.replace(/[a-z]/g, (letter) => letter.toUpperCase()).replace(/\s/g, "")}
      >
        <Input maxLength={18} showCount placeholder="请输入 18 位统一社会信用代码" className="xc-mono" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="name"
        label="单位名称"
        rules={[
          { required: true, whitespace: true, message: "请输入单位名称" },
          { min: 2, message: "名称至少 2 个字" },
          { max: 100, message: "名称不能超过 100 个字" },
        ]}
      >
        <Input maxLength={100} placeholder="与法人证书上的名称一致" />
      </Form.Item>
      <Form.Item name="kind" label="单位类型" rules={[{ required: true, message: "请选择单位类型" }]}>
        <Select options={optionsOf(BUDGET_UNIT_KIND)} />
      </Form.Item>
    </FormModal>
  );
}
