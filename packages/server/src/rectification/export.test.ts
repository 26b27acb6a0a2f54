// Proves the rectification tasks' export (整改台账, rectification/xlsx.ts): every task of the list's
// filters and the user's scope — a township's own only, the district's of every township side by
// side — in the list's order, the filters applied, and a bad filter refused.
import { describe, expect, it } from "vitest";
import { allItems, demoUsers, expectRefused, exportedSheet } from "../../test/exports.ts";
import { RECTIFICATION_EXPORT_HEADER } from "./xlsx.ts";

const users = demoUsers("budget", "supervisor");
const col = (name: (typeof RECTIFICATION_EXPORT_HEADER)[number]) => RECTIFICATION_EXPORT_HEADER.indexOf(name);
type Task = { taskNo: string; regionName: string; status: string; overdue: boolean; title: string };

describe("the rectification tasks' export (整改台账)", () => {
  it("holds every task of the township's list, in the list's order", async () => {
    const listed = await allItems<Task>(users.budget, "/rectification/tasks");
    expect(listed.length).toBeGreaterThan(0);
    const { header, rows, disposition } = await exportedSheet(users.budget, "/rectification/tasks/export");
    expect(disposition).toContain(encodeURIComponent("整改台账.xlsx"));
    expect(header).toEqual([...RECTIFICATION_EXPORT_HEADER]);
    expect(rows.map((r) => r[col("整改编号")])).toEqual(listed.map((x) => x.taskNo));
    expect(new Set(rows.map((r) => r[col("乡镇")]))).toEqual(new Set(["青禾镇"]));
    expect(rows.filter((r) => r[col("是否超期")] === "超期")).toHaveLength(listed.filter((x) => x.overdue).length);
  });

  it("applies the list's filters and gives the district every township's tasks", async () => {
    const all = await allItems<Task>(users.supervisor, "/rectification/tasks");
    const exported = await exportedSheet(users.supervisor, "/rectification/tasks/export");
    expect(exported.rows).toHaveLength(all.length);
    expect(new Set(exported.rows.map((r) => r[col("乡镇")])).size).toBeGreaterThan(1);
    const status = all[0]!.status;
    const ofStatus = await exportedSheet(users.supervisor, `/rectification/tasks/export?status=${status}`);
    expect(ofStatus.rows.map((r) => r[col("整改编号")])).toEqual((await allItems<Task>(users.supervisor, `/rectification/tasks?status=${status}`)).map((x) => x.taskNo));
    const word = all[0]!.title.slice(0, 2);
    const searched = await exportedSheet(users.supervisor, `/rectification/tasks/export?q=${encodeURIComponent(word)}`);
    expect(searched.rows.length).toBeGreaterThan(0);
    expect(searched.rows.map((r) => r[col("整改编号")])).toEqual((await allItems<Task>(users.supervisor, `/rectification/tasks?q=${encodeURIComponent(word)}`)).map((x) => x.taskNo));
    expect((await exportedSheet(users.budget, "/rectification/tasks/export?regionCode=329901102")).rows).toEqual([]);
  });

  it("refuses a bad filter and paging parameters", async () => {
    await expectRefused(users.budget, ["/rectification/tasks/export?status=lost", "/rectification/tasks/export?overdue=maybe", "/rectification/tasks/export?page=2"]);
  });
});
