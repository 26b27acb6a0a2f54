// What the register pages share (the Excel import is components/ImportSheetModal.tsx): the history drawer of one record (who changed what, when, with the figures before
// and after), and a year picker.
import { Drawer, Empty, Select, Timeline, Typography } from "antd";
import { useEffect, useState } from "react";
import { policyLevelNames, type RegisterEventView } from "@xiangcai/shared";
import { formatDateTime } from "../../lib/format.ts";
import { displayValue } from "../../lib/jsonDiff.ts";
import { formatYuanText } from "../../lib/money.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { AuditDiff } from "../audit/AuditDiff.tsx";
import { registersApi, type RegisterName } from "./registersApi.ts";

/** The registers' recorded fields by name, as the history shows them. */
const FIELDS: Record<string, string> = {
  documentNo: "文号", title: "标题", issuer: "发文机关", level: "层级", issuedDate: "发文日期", subject: "主题", scope: "适用范围", effectiveDate: "生效日期", expiryDate: "失效日期",
  subsidyItemCodes: "关联补贴项目", functionalCodes: "关联支出科目", status: "状态", reason: "修改原因", regionCode: "区划代码", fileName: "原件", attachmentId: "原件编号", sha256: "原件校验值",
  creditCode: "统一社会信用代码", name: "名称", kind: "类型", industry: "行业", villageCode: "所在村代码", taxKinds: "税种", month: "所属期", taxKind: "税种", amount: "实缴金额（元）",
  year: "年度", population: "人口", households: "户数", farmlandMu: "耕地面积（亩）", forestMu: "林地面积（亩）", otherBases: "其他基数",
};
const VALUES: Record<string, Record<string, string>> = { level: policyLevelNames, kind: { enterprise: "企业", individual: "个体工商户" }, status: { active: "有效", repealed: "已废止" } };

export function fieldLabel(path: string): string {
  const [head = "", ...rest] = path.split(".");
  return [FIELDS[head] ?? head, ...rest].join("·");
}

export function fieldValue(path: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map(String).join("、") : "—";
  if (path === "amount" && typeof value === "string") return formatYuanText(value);
  if (typeof value === "string") return VALUES[path]?.[value] ?? value;
  return displayValue(value);
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
                <AuditDiff before={e.before} after={e.after} label={fieldLabel} show={fieldValue} raw={false} />
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
