// The one Excel import dialog (债务台账, 还本付息计划, the three registers): the sheet's header named,
// the township chosen when the user sits at the district, the file uploaded, and a sheet with bad rows
// answered by every row's error listed — nothing saved then.
import { UploadOutlined } from "@ant-design/icons";
import { Alert, Button, List, Modal, Space, Upload, message } from "antd";
import { useState } from "react";
import { useApiError } from "../lib/useApiError.ts";
import { RegionSelect } from "./RegionSelect.tsx";

/** What an import answers: ok, or (ok false) every bad row's message. */
export interface SheetImportAnswer {
  ok?: boolean;
  errors: { message: string }[];
}

export function ImportSheetModal<A extends SheetImportAnswer>({ title, columns, rule, askRegion = false, defaultRegion, send, summary, onClose, onImported, width = 720, accept = ".xlsx" }: {
  title: string;
  /** The sheet's header, as the user should lay it out. */
  columns: string;
  /** A rule of the import beyond "any bad row imports nothing". */
  rule?: string;
  /** The user sits at the district: choose the township first. */
  askRegion?: boolean;
  defaultRegion?: string | undefined;
  send: (file: File, regionCode: string | undefined) => Promise<A>;
  summary: (answer: A) => string;
  onClose: () => void;
  onImported: (answer: A) => void;
  width?: number;
  /** The files offered: Excel only, or Excel and CSV (".xlsx,.csv"). */
  accept?: string;
}) {
  const [regionCode, setRegionCode] = useState<string | undefined>(defaultRegion);
  const [answer, setAnswer] = useState<A | null>(null);
  const [busy, setBusy] = useState(false);
  const report = useApiError();
  const upload = async (file: File) => {
    if (askRegion && !regionCode) return void message.warning("请先选择乡镇");
    setBusy(true);
    try {
      const result = await send(file, regionCode);
      setAnswer(result);
      if (result.ok !== false) {
        void message.success(summary(result));
        onImported(result);
      }
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={title} footer={null} onCancel={onClose} width={width}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`表头：${columns}。${rule ? `${rule}` : ""}任一行有错，全部不导入，逐行指出错误。`} />
      <Space direction="vertical" style={{ width: "100%" }}>
        {askRegion && <RegionSelect levels={["township"]} value={regionCode} onChange={setRegionCode} placeholder="导入到哪个乡镇" style={{ width: 240 }} />}
        <Upload accept={accept} maxCount={1} showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}>
          <Button icon={<UploadOutlined />} loading={busy}>{accept.includes(".csv") ? "选择 Excel 或 CSV 文件" : "选择 Excel 文件"}</Button>
        </Upload>
        {answer && answer.ok === false && (
          <List size="small" bordered header={<b style={{ color: "#cf1322" }}>有 {answer.errors.length} 处错误，未导入任何数据：</b>} dataSource={answer.errors} renderItem={(e) => <List.Item>{e.message}</List.Item>} style={{ maxHeight: 320, overflow: "auto" }} />
        )}
      </Space>
    </Modal>
  );
}
