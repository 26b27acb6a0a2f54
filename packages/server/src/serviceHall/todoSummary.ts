// What the to-do shows beside a service matter's moves: who asked what, when it was promised, the
// township's reason for reporting it and the district's reply, so the district can reply (and the
// owner answer) from 我的待办 without opening the matter first.
import { matterCategoryNames, matterChannelNames, type TodoSummaryView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import type { TodoMatter } from "../flow/index.ts";
import { chinaMinute } from "../platform/workingDays.ts";
import { getMatter } from "./service.ts";

export async function hallTodoSummary(db: Db, actor: Actor, matter: TodoMatter): Promise<TodoSummaryView> {
  // The card shows no overdue flag (the to-do row has it), so the instant read against does not matter.
  const m = await getMatter(db, actor, matter.entityId, new Date(0));
  const fields: TodoSummaryView["fields"] = [
    { label: "事项类别", value: matterCategoryNames[m.category] },
    { label: "受理渠道", value: matterChannelNames[m.channel] },
    { label: "来办人", value: `${m.applicantName}${m.villageName ? `（${m.villageName}）` : ""}` },
    { label: "乡镇", value: m.regionName },
    { label: "受理时间", value: chinaMinute(m.acceptedAt) },
    { label: "承诺办结时限", value: chinaMinute(m.promisedBy) },
    { label: "事项内容", value: m.content, wide: true },
  ];
  if (m.reportNote) fields.push({ label: "上报说明", value: m.reportNote, wide: true });
  if (m.districtReply) fields.push({ label: "区财政局答复", value: m.districtReply, wide: true });
  return {
    kindName: "服务大厅事项",
    headline: m.matterNo,
    amount: null,
    fields,
    table: null,
    attachments: [],
    link: { label: "查看服务事项", path: `/hall/matters/${m.id}` },
    warnings: m.status === "handling" && m.districtReply ? ["区财政局已答复，请据此答复群众并办结。"] : [],
  };
}
