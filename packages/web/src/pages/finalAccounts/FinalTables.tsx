// The final accounts' tables as a person reads them: the title, the township and the unit (元), rows
// indented by 类/款/项, totals in bold, amounts in the one money format; a cell a failing audit formula
// reads is tinted, the one a formula link points at is outlined (and scrolled to by the caller).
import { Empty, Table, Tabs, type TableColumnsType } from "antd";
import { formatYuanText } from "../../lib/money.ts";
import { BudgetFinalChart } from "./BudgetFinalChart.tsx";
import { cellDomId, cellKey, type FinalAccountView, type FinalTableRowView, type FinalTableView } from "./finalApi.ts";
import "./finalAccounts.css";

export interface FinalTableProps {
  table: FinalTableView;
  /** The table's address in the formulas ("summary", "<unit id>/unit-summary"). */
  address: string;
  /** Title shown above the table (a unit's table carries the unit's name). */
  title?: string;
  heading?: string;
  failed?: ReadonlySet<string>;
  focus?: string | null;
}

/** A cell's text: blank stays blank, an amount in the one money format. */
export const cellText = (value: string | null) => (value === null ? "" : formatYuanText(value));

export function FinalTable({ table, address, title, heading, failed, focus }: FinalTableProps) {
  const columns: TableColumnsType<FinalTableRowView> = [
    {
      title: "项目",
      dataIndex: "label",
      key: "label",
      render: (label: string, r) => <span style={{ paddingLeft: Math.max(0, r.level - 1) * 16, fontWeight: r.total || r.level === 0 ? 600 : undefined }}>{label}</span>,
    },
    ...table.columns.map((heading, column) => ({
      title: heading,
      key: String(column),
      width: 150,
      align: "right" as const,
      className: "xc-money",
      render: (_: unknown, r: FinalTableRowView) => {
        const ref = { table: address, row: r.key, column };
        const value = r.values[column] ?? null;
        return <span id={cellDomId(ref)} className={value?.startsWith("-") ? "xc-red" : undefined} style={r.total || r.level === 0 ? { fontWeight: 600 } : undefined}>{cellText(value)}</span>;
      },
      onCell: (r: FinalTableRowView) => {
        const key = cellKey({ table: address, row: r.key, column });
        return { className: focus === key ? "xc-final-focus" : failed?.has(key) ? "xc-final-failed" : undefined };
      },
    })),
  ];
  return (
    <div className="xc-final-table">
      <div className="xc-final-title">{title ?? table.title}</div>
      <div className="xc-final-sub">
        <span>{heading}</span>
        <span>单位：元</span>
      </div>
      <Table<FinalTableRowView> rowKey="key" size="small" bordered pagination={false} columns={columns} dataSource={table.rows} scroll={{ x: 300 + table.columns.length * 150 }} locale={{ emptyText: "本表无数据" }} />
      <div className="xc-final-source">数据来源：{table.source}</div>
    </div>
  );
}

/** The tab a table sits on: a township's own table its own tab, every unit's 部门决算 on one tab. */
export const tabOfTable = (address: string) => (address.includes("/") ? "units" : address);

export interface FinalTablesProps {
  view: Pick<FinalAccountView, "tables" | "units"> & { regionName?: string; year?: number };
  active?: string;
  onTab?: (tab: string) => void;
  failed?: ReadonlySet<string>;
  focus?: string | null;
  /** Adds the ECharts comparison of budget and final figures by functional class as the last tab. */
  chart?: boolean;
}

/** Every table of a final account as tabs, the units' 部门决算 together on one, the comparison chart last. */
export function FinalTables({ view, active, onTab, failed, focus, chart }: FinalTablesProps) {
  const heading = view.regionName ? `编报单位：${view.regionName}${view.year ? `\u3000${view.year}年度` : ""}` : undefined;
  const detail = view.tables.find((t) => t.code === "general-detail");
  const items = [
    ...view.tables.map((t) => ({ key: t.code, label: t.title, children: <FinalTable table={t} address={t.code} heading={heading} failed={failed} focus={focus} /> })),
    ...(view.units.length
      ? [{
          key: "units",
          label: `部门决算（${view.units.length}）`,
          children: (
            <>
              {view.units.map((u) => u.tables.map((t) => <FinalTable key={`${u.budgetUnitId}/${t.code}`} table={t} address={`${u.budgetUnitId}/${t.code}`} title={`${u.unitName}${t.title}`} heading={`编报单位：${u.unitName}（账套 ${u.setCode}）`} failed={failed} focus={focus} />))}
            </>
          ),
        }]
      : []),
    ...(chart ? [{ key: "chart", label: "预算与决算对比", children: detail ? <BudgetFinalChart table={detail} /> : <Empty description="没有一般公共预算收支决算明细表" /> }] : []),
  ];
  if (view.tables.length === 0) return <Empty description="没有决算报表" />;
  return <Tabs activeKey={active} onChange={onTab} items={items} />;
}
