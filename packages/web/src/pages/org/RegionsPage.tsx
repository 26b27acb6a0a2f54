// 组织机构: the regions in the user's scope as a tree (区县 → 乡镇街道 → 村居), children
// loaded when a row is opened, or as a flat list when searching. Users with org.manage
// add regions under a parent and edit names and population.
import { EditOutlined, PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, InputNumber, Space, Table, Tag, type TableColumnsType } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { orgApi } from "../../api.ts";
import type { Region } from "../../apiTypes.ts";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { formatCount } from "../../lib/format.ts";
import { REGION_LEVEL } from "../../lib/labels.ts";
import { PAGE_SIZE_MAX } from "../../lib/query.ts";
import { childRegionCodeHint, childRegionCodeProblem } from "../../lib/regionCode.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";

/** Children of one region are read in pages of 100; a township has far fewer villages than this cap. */
const CHILD_PAGES_MAX = 20;
/** The largest population the server accepts (shared createRegionBody). */
const POPULATION_MAX = 10_000_000;

const LEVEL_COLORS = { district: "blue", township: "cyan", village: "default" } as const;

interface TreeRow extends Region {
  children?: TreeRow[];
  /** A stand-in child, so that an unopened row shows its expand button. */
  placeholder?: boolean;
}

const FILTER_KEYS = ["q"] as const;

async function loadChildren(parentCode: string): Promise<Region[]> {
  const all: Region[] = [];
  for (let page = 1; page <= CHILD_PAGES_MAX; page += 1) {
    const answer = await orgApi.listRegions({ parentCode, page, pageSize: PAGE_SIZE_MAX });
    all.push(...answer.items);
    if (all.length >= answer.total || answer.items.length === 0) break;
  }
  return all.sort((a, b) => a.regionCode.localeCompare(b.regionCode));
}

type Editing = { mode: "create"; parent: Region | null } | { mode: "edit"; region: Region };

export default function RegionsPage() {
  const me = useMe();
  const { can } = useAuth();
  const canManage = can("org.manage");
  const report = useApiError();
  const query = useListQuery(FILTER_KEYS);
  const searching = query.filters.q !== undefined;

  // Tree mode: the user's own region as the root, children by parent code.
  const [root, setRoot] = useState<Region | null>(null);
  const [children, setChildren] = useState<ReadonlyMap<string, Region[]>>(new Map());
  const [expanded, setExpanded] = useState<string[]>([]);
  const [treeLoading, setTreeLoading] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);

  const openChildren = useCallback(
    async (code: string) => {
      try {
        const list = await loadChildren(code);
        setChildren((previous) => new Map(previous).set(code, list));
      } catch (error) {
        report(error);
      }
    },
    [report],
  );

  const loadRoot = useCallback(async () => {
    setTreeLoading(true);
    try {
      const region = await orgApi.getRegion(me.regionCode);
      setRoot(region);
      setChildren(new Map());
      if (region.level !== "village") {
        await openChildren(region.regionCode);
        setExpanded([region.regionCode]);
      }
    } catch (error) {
      report(error);
    } finally {
      setTreeLoading(false);
    }
  }, [me.regionCode, openChildren, report]);

  useEffect(() => {
    if (!searching) void loadRoot();
  }, [searching, loadRoot]);

  const tree = useMemo(() => {
    const build = (region: Region): TreeRow => {
      if (region.level === "village") return region;
      const loaded = children.get(region.regionCode);
      if (loaded === undefined) {
        return { ...region, children: [{ ...region, regionCode: `${region.regionCode}:placeholder`, placeholder: true }] };
      }
      return { ...region, children: loaded.length > 0 ? loaded.map(build) : undefined };
    };
    return root === null ? [] : [build(root)];
  }, [root, children]);

  // Search mode: the server's paged list.
  const searchList = useRemoteList(
    (signal) => orgApi.listRegions({ q: query.filters.q, page: query.page, pageSize: query.pageSize }, signal),
    query.key,
    searching,
  );

  const afterSave = (saved: Region, parentCode: string | null) => {
    setEditing(null);
    if (searching) {
      searchList.reload();
      return;
    }
    if (root !== null && saved.regionCode === root.regionCode) setRoot(saved);
    if (parentCode !== null) {
      void openChildren(parentCode);
      setExpanded((keys) => (keys.includes(parentCode) ? keys : [...keys, parentCode]));
    }
  };

  const columns: TableColumnsType<TreeRow> = [
    {
      title: "名称",
      dataIndex: "name",
      render: (name: string, row) => (row.placeholder ? <span style={{ color: "#8c96a3" }}>正在加载…</span> : name),
    },
    { title: "区划代码", dataIndex: "regionCode", width: 160, render: (code: string, row) => (row.placeholder ? null : <span className="xc-mono">{code}</span>) },
    {
      title: "级别",
      dataIndex: "level",
      width: 130,
      render: (level: Region["level"], row) => (row.placeholder ? null : <Tag color={LEVEL_COLORS[level]}>{REGION_LEVEL[level]}</Tag>),
    },
    { title: "类型", dataIndex: "kindName", width: 130, render: (name: string, row) => (row.placeholder ? null : name) },
    {
      title: "户籍人口",
      dataIndex: "population",
      width: 120,
      align: "right",
      render: (value: number | null, row) => (row.placeholder ? null : formatCount(value)),
    },
  ];
  if (canManage) {
    columns.push({
      title: "操作",
      key: "actions",
      width: 180,
      render: (_: unknown, row) =>
        row.placeholder ? null : (
          <Space size="small">
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ mode: "edit", region: row })}>
              编辑
            </Button>
            {row.level !== "village" && (
              <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setEditing({ mode: "create", parent: row })}>
                添加下级
              </Button>
            )}
          </Space>
        ),
    });
  }

  return (
    <>
      <PageHeader
        title="组织机构"
        description="本辖区的行政区划：区县、乡镇（街道）、村（社区）。区划代码采用国家统计用区划代码。"
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: "create", parent: null })}>
              新增区划
            </Button>
          )
        }
      />
      <Card>
        <Form
          layout="inline"
          className="xc-filters"
          key={query.filters.q ?? ""}
          initialValues={{ q: query.filters.q }}
          onFinish={(values: { q?: string }) => query.setFilters({ q: values.q })}
        >
          <Form.Item name="q">
            <Input allowClear placeholder="按名称或区划代码搜索" prefix={<SearchOutlined />} style={{ width: 280 }} maxLength={100} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              {searching && <Button onClick={() => query.setFilters({})}>返回树形视图</Button>}
            </Space>
          </Form.Item>
        </Form>

        {searching ? (
          <Table<TreeRow>
            rowKey="regionCode"
            size="middle"
            columns={columns}
            dataSource={searchList.page?.items ?? []}
            loading={searchList.loading}
            pagination={tablePagination(query, searchList.page)}
            locale={{ emptyText: "没有找到匹配的区划" }}
          />
        ) : (
          <Table<TreeRow>
            rowKey="regionCode"
            size="middle"
            columns={columns}
            dataSource={tree}
            loading={treeLoading}
            pagination={false}
            expandable={{
              expandedRowKeys: expanded,
              onExpand: (open, row) => {
                if (open) {
                  setExpanded((keys) => [...keys, row.regionCode]);
                  if (!children.has(row.regionCode)) void openChildren(row.regionCode);
                } else {
                  setExpanded((keys) => keys.filter((key) => key !== row.regionCode));
                }
              },
            }}
            locale={{ emptyText: "暂无区划数据" }}
          />
        )}
      </Card>

      {editing !== null && <RegionModal editing={editing} onClose={() => setEditing(null)} onSaved={afterSave} />}
    </>
  );
}

interface RegionFormValues {
  parentCode?: string;
  regionCode: string;
  name: string;
  population?: number | null;
}

function RegionModal({
  editing,
  onClose,
  onSaved,
}: {
  editing: Editing;
  onClose: () => void;
  onSaved: (region: Region, parentCode: string | null) => void;
}) {
  const [form] = Form.useForm<RegionFormValues>();
  const creating = editing.mode === "create";
  const fixedParent = editing.mode === "create" ? editing.parent : null;
  const parentCode = Form.useWatch("parentCode", form) ?? fixedParent?.regionCode ?? null;

  const initialValues: Partial<RegionFormValues> =
    editing.mode === "edit"
      ? { regionCode: editing.region.regionCode, name: editing.region.name, population: editing.region.population }
      : { parentCode: fixedParent?.regionCode };

  /** Saves the region; answers it with the parent it sits under (the list to refresh). */
  const save = async (values: RegionFormValues): Promise<[Region, string | null]> => {
    const population = values.population ?? undefined;
    if (editing.mode === "edit") return [await orgApi.updateRegion(editing.region.regionCode, { name: values.name.trim(), population }), editing.region.parentCode];
    const parent = values.parentCode ?? fixedParent?.regionCode ?? "";
    return [await orgApi.createRegion({ regionCode: values.regionCode.trim(), name: values.name.trim(), parentCode: parent, population }), parent];
  };

  return (
    <FormModal<RegionFormValues, [Region, string | null]>
      form={form}
      title={creating ? (fixedParent ? `在“${fixedParent.name}”下新增区划` : "新增区划") : `编辑区划：${editing.region.name}`}
      initialValues={initialValues}
      send={save}
      success={([saved]) => (creating ? `已新增区划“${saved.name}”` : "区划信息已保存")}
      onDone={([saved, parent]) => onSaved(saved, parent)}
      onClose={onClose}
    >
      {creating && fixedParent === null && (
        <Form.Item name="parentCode" label="上级区划" rules={[{ required: true, message: "请选择上级区划" }]}>
          <RegionSelect levels={["district", "township"]} placeholder="选择区县或乡镇（街道）" />
        </Form.Item>
      )}
      <Form.Item
        name="regionCode"
        label="区划代码"
        extra={creating ? childRegionCodeHint(parentCode) : undefined}
        rules={
          creating
            ? [
                { required: true, message: "请输入区划代码" },
                {
                  validator: async (_, value: string | undefined) => {
                    if (value === undefined || value === "") return;
                    const problem = childRegionCodeProblem(value.trim(), parentCode);
                    if (problem !== null) throw new Error(problem);
                  },
                },
              ]
            : []
        }
        dependencies={["parentCode"]}
      >
        <Input disabled={!creating} maxLength={12} placeholder="统计用区划代码" className="xc-mono" />
      </Form.Item>
      <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: "请输入名称" }, { max: 100, message: "名称不能超过 100 个字" }]}>
        <Input maxLength={100} placeholder="例如：某某镇、某某村民委员会" />
      </Form.Item>
      <Form.Item name="population" label="户籍人口">
        <InputNumber min={0} max={POPULATION_MAX} precision={0} style={{ width: "100%" }} placeholder="选填" />
      </Form.Item>
    </FormModal>
  );
}
