// 科目表: the district's functional, economic and revenue classification of a year; the district imports the
// Ministry's catalogue from CSV or Excel (nothing is written while any row is wrong) and installs the
// shipped top levels.
import { UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Input, Select, Space, Table } from "antd";
import { useState } from "react";
import { useAuth } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { budgetApi, currentFiscalYear, fileAsBase64, type CatalogImportResult, type Classification } from "./budgetApi.ts";

const FILTER_KEYS = ["q", "kind", "fiscalYear"] as const;

export default function CatalogPage() {
  const { can } = useAuth();
  const query = useListQuery(FILTER_KEYS);
  const kind = query.filters.kind ?? "functional";
  const fiscalYear = Number(query.filters.fiscalYear ?? currentFiscalYear());
  const [result, setResult] = useState<CatalogImportResult | null>(null);
  const { message } = App.useApp();
  const report = useApiError();
  const list = useRemoteList((signal) => budgetApi.classifications({ kind, fiscalYear, q: query.filters.q, page: query.page, pageSize: query.pageSize }, signal), query.key);
  const upload = async (file: File) => {
    const xlsx = file.name.toLowerCase().endsWith(".xlsx");
    try {
      const answer = await budgetApi.importCatalog({ fiscalYear, kind, format: xlsx ? "xlsx" : "csv", content: xlsx ? await fileAsBase64(file) : await file.text() });
      setResult(answer);
      if (!answer.errors.length) list.reload();
    } catch (error) {
      report(error);
    }
  };
  return (
    <>
      <PageHeader title="政府收支分类科目" description="支出功能分类（类/款/项：3/5/7 位）、部门预算支出经济分类（类/款：3/5 位）与收入分类（类/款/项/目：3/5/7/9 位），每个预算年度一套，按编码查找。" />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select value={kind} style={{ width: 200 }} onChange={(v) => query.setFilters({ ...query.filters, kind: v })} options={[{ value: "functional", label: "支出功能分类" }, { value: "economic", label: "部门预算支出经济分类" }, { value: "revenue", label: "收入分类" }]} />
          <Select value={fiscalYear} style={{ width: 120 }} onChange={(v) => query.setFilters({ ...query.filters, fiscalYear: String(v) })} options={[-1, 0, 1].map((d) => ({ value: currentFiscalYear() + d, label: `${currentFiscalYear() + d}年度` }))} />
          <Input.Search allowClear placeholder="编码或名称" defaultValue={query.filters.q} onSearch={(q) => query.setFilters({ ...query.filters, q })} style={{ width: 240 }} />
          {can("catalog.manage") && (
            <>
              <label style={{ cursor: "pointer", padding: "4px 15px", border: "1px solid #d9d9d9", borderRadius: 6 }}>
                <UploadOutlined /> 导入 CSV / Excel
                <input type="file" accept=".csv,.xlsx" hidden onChange={(e) => { const f = e.target.files?.[0]; if (f) void upload(f); }} />
              </label>
              <Button onClick={() => void budgetApi.installDefaults(fiscalYear).then(() => { void message.success("已安装内置的类级科目"); list.reload(); }).catch(report)}>安装内置类级科目</Button>
            </>
          )}
        </Space>
        {result && (
          <Alert style={{ marginBottom: 16 }} type={result.errors.length ? "error" : "success"} showIcon closable onClose={() => setResult(null)}
            title={result.errors.length ? `文件有 ${result.errors.length} 处错误，未导入任何科目` : `导入完成：新增 ${result.added}，更名 ${result.renamed}，未变 ${result.unchanged}`}
            description={result.errors.slice(0, 20).map((e) => `第${e.line}行 ${e.code}：${e.message}`).join("；") || undefined} />
        )}
        <Table<Classification> rowKey="code" size="small" dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} columns={[
          { title: "编码", dataIndex: "code", width: 140, render: (c: string, r) => <span className="xc-mono" style={{ paddingLeft: (r.level - 1) * 16 }}>{c}</span> },
          { title: "名称", dataIndex: "name" },
          { title: "级次", dataIndex: "levelName", width: 80 },
          { title: "上级编码", dataIndex: "parentCode", width: 120 },
        ]} />
      </Card>
    </>
  );
}
