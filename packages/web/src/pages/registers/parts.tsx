// What the register pages share (the Excel import is components/ImportSheetModal.tsx): the history drawer of one record (who changed what, when, with the figures before
// and after), and a year picker.
import { Drawer, Empty, Select, Timeline, Typography } from "antd";
import { useEffect, useState } from "react";
import type { RegisterEventView } from "@xiangcai/shared";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { AuditDiff } from "../audit/AuditDiff.tsx";
import { registersApi, type RegisterName } from "./registersApi.ts";

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
