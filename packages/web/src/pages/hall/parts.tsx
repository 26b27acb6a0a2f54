// What the service hall's pages share: the options of the filters and forms, and the promised
// deadline (承诺办结时限) as the list and the detail show it.
import { Tag } from "antd";
import { matterCategoryNames, matterChannelNames, matterStatusNames, type MatterCategory, type MatterChannel, type MatterStatus } from "@xiangcai/shared";
import type { Matter } from "./hallApi.ts";
import { formatDate } from "../../lib/format.ts";

const options = <K extends string>(names: Record<K, string>) => (Object.entries(names) as [K, string][]).map(([value, label]) => ({ value, label }));
export const categoryOptions = options<MatterCategory>(matterCategoryNames);
export const channelOptions = options<MatterChannel>(matterChannelNames);
export const statusOptions = options<MatterStatus>(matterStatusNames);

/** 承诺办结时限: the promised date, red when the matter is still open past it. */
export function promisedTag(m: Matter) {
  const date = formatDate(m.promisedBy);
  if (m.overdue) return <Tag color="red">{date} 已超期</Tag>;
  if (m.status === "answered") return <span style={{ color: m.onTime === false ? "#cf1322" : undefined }}>{date}{m.onTime === false ? "（超时办结）" : ""}</span>;
  return <span>{date}</span>;
}

