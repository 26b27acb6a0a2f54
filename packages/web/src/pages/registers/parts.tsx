// What the register pages share: the Excel import (choose the township, upload, every bad row listed,
// nothing saved), the history drawer of one record (who changed what, when, with the figures before
// and after), and a year picker.
import { UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Drawer, Empty, List, Modal, Select, Space, Timeline, Typography, Upload, message } from "antd";
import { useEffect, useState } from "react";
import type { RegisterEventView } from "@xiangcai/shared";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { AuditDiff } from "../audit/AuditDiff.tsx";
import { registersApi, type RegisterImportAnswer, type RegisterName } from "./registersApi.ts";

export function ImportSheetModal({ title, columns, defaultRegion, send, summary, onClose, onImported }: {
  title: string;
  columns: string;
  defaultRegion: string | undefined;
  send: (regionCode: string, file: File) => Promise<RegisterImportAnswer>;
  summary: (answer: RegisterImportAnswer) => string;
  onClose: () => void;
  onImported: () => void;
}) {
  const [regionCode, setRegionCode] = useState<string | undefined>(defaultRegion);
  const [answer, setAnswer] = useState<RegisterImportAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const report = useApiError();
  const upload = async (file: File) => {
    if (!regionCode) return void message.warning("请先选择乡镇");
    setBusy(true);
    try {
      const result = await send(regionCode, file);
      setAnswer(result);
      if (result.ok !== false) {
        void message.success(summary(result));
        onImported();
      }
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={title} footer={null} onCancel={onClose} width={720}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`表头：${columns}。任一行有错，全部不导入，逐行指出错误。`} />
      <Space direction="vertical" style={{ width: "100%" }}>
        {!defaultRegion && <RegionSelect levels={["township"]} value={regionCode} onChange={setRegionCode} placeholder="导入到哪个乡镇" style={{ width: 240 }} />}
        <Upload accept=".xlsx" maxCount={1} showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}>
          <Button icon={<UploadOutlined />} loading={busy}>选择 Excel 文件</Button>
        </Upload>
        {answer && answer.ok === false && (
          <List size="small" bordered header={<b style={{ color: "#cf1322" }}>有 {answer.errors.length} 处错误，未导入任何数据：</b>} dataSource={answer.errors} renderItem={(e) => <List.Item>{e.message}</List.Item>} style={{ maxHeight: 320, overflow: "auto" }} />
        )}
      </Space>
    </Modal>
  );
}

const ACTIONS: Record<string, string> = { created: "登记", createdByImport: "导入时登记", updated: "修改", fileAttached: "上传原件", imported: "导入", replaced: "重新导入（替换）" };

export function HistoryDrawer({ register, recordKey, title, onClose }: { register: RegisterName; recordKey: string; title: string; onClose: () => void }) {
  const [items, setItems] = useState<RegisterEventView[] | null>(null);
  const report = useApiError();
  useEffect(() => {
    const controller = new AbortController();
    registersApi.history(register, recordKey, controller.signal).then((a) => setItems(a.items), (error: unknown) => { if (!controller.signal.aborted) report(error); });
    return () => controller.abort();
  }, [register, recordKey, report]);
  return (
    <Drawer open width={720} title={`变更记录：${title}`} onClose={onClose}>
      {items && items.length === 0 && <Empty description="没有变更记录" />}
      {items && (
        <Timeline
          items={items.map((e) => ({
            children: (
              <div>
                <Typography.Text strong>{ACTIONS[e.action] ?? e.action}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{e.actorName} · {formatDateTime(e.at)}</Typography.Text>
                <AuditDiff before={e.before} after={e.after} />
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}

export function YearSelect({ value, onChange, around }: { value: number; onChange: (year: number) => void; around: number }) {
  return <Select value={value} onChange={onChange} style={{ width: 110 }} options={[around + 1, around, around - 1, around - 2].map((y) => ({ value: y, label: `${y} 年` }))} />;
}

/** Whether the user sits at the district (sees every township, picks one to act on). */
export const atDistrict = (regionCode: string | undefined) => (regionCode ?? "").endsWith("000");
