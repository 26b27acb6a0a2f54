// Demo data of the service hall: 青禾镇's hall in every state (answered on time and late, open and
// overdue, reported to the district and waiting, replied by the district and back with its owner,
// a village's matter) and a few matters in every other township for the district's side-by-side view.
import type { AcceptMatterBody, MatterCategory, MatterChannel, Satisfaction } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { DataKeys } from "../platform/crypto.ts";
import type { Actor } from "../identity/index.ts";
import { transition } from "../flow/index.ts";
import { acceptMatter, answerMatter, followUpMatter } from "./service.ts";

const DAY = 86_400_000;

/** What the demo needs of the composition root's context: users, keys, the instant, the townships. */
export interface HallDemoContext {
  actor(username: string): Actor;
  keys: DataKeys;
  now: Date;
  townships: readonly { code: string; staff: { subsidy: string } }[];
}

interface DemoMatter {
  by: string;
  daysAgo: number;
  category: MatterCategory;
  channel: MatterChannel;
  villageCode?: string;
  name: string;
  idNumber?: string;
  phone?: string;
  content: string;
  /** Reported to the district this many days ago, with the note; replied `repliedDaysAgo` if set. */
  report?: { daysAgo: number; note: string; repliedDaysAgo?: number; reply?: string };
  answer?: { daysAgo: number; text: string; satisfaction?: Satisfaction; followUp?: Satisfaction };
}

const QINGHE = "329901101";

const qinghe: DemoMatter[] = [
  { by: "subsidy", daysAgo: 40, category: "policyQuery", channel: "window", name: "钱桂兰", phone: "13912340001", content: "咨询今年耕地地力保护补贴的补贴标准和发放时间。", answer: { daysAgo: 40, text: "今年耕地地力保护补贴按每亩 115 元，经村级公示后于 6 月底前发放到“一卡通”。", satisfaction: "satisfied" } },
  { by: "subsidy", daysAgo: 30, category: "paymentQuery", channel: "window", villageCode: `${QINGHE}201`, name: "赵永福", idNumber: "329901196801101190", phone: "13912340002", content: "查询本人耕地地力保护补贴是否已发放到卡。", answer: { daysAgo: 24, text: "经查，补贴已于发放批次中成功入账，请到代发银行打印流水核对。", followUp: "basic" } },
  { by: "budget", daysAgo: 21, category: "application", channel: "village", villageCode: `${QINGHE}202`, name: "孙德明", phone: "0515-88123456", content: "村代办：申报农机购置补贴，已提交购机发票复印件。", answer: { daysAgo: 17, text: "申报材料齐全，已列入本季度农机购置补贴清册，公示后发放。", satisfaction: "satisfied" } },
  { by: "subsidy", daysAgo: 14, category: "infoChange", channel: "window", villageCode: `${QINGHE}201`, name: "周秀珍", phone: "13912340004", content: "申请变更补贴代发银行卡：原卡已挂失，新卡为农商银行社保卡。" },
  { by: "subsidy", daysAgo: 6, category: "complaint", channel: "phone", name: "吴长根", phone: "13912340005", content: "反映本村公示的种粮补贴面积与实际承包面积不符，要求核实。", report: { daysAgo: 5, note: "涉及确权面积数据，需区农业农村局与区财政局核对确权台账。", repliedDaysAgo: 2, reply: "已与区农业农村局核对，该户确权面积为 6.8 亩，请按确权面积更正清册后答复群众。" } },
  { by: "unitacct", daysAgo: 3, category: "policyQuery", channel: "letter", name: "郑春华", content: "来信咨询高龄老人津贴是否可由子女代领，需带哪些材料。", report: { daysAgo: 2, note: "高龄津贴代领办法区里是否有统一规定，请区财政局答复。" } },
  { by: "director", daysAgo: 0, category: "application", channel: "window", villageCode: `${QINGHE}203`, name: "冯建军", phone: "13912340007", content: "申请困难群众临时救助，已提供家庭收入证明。" },
  { by: "cashier", daysAgo: 1, category: "paymentQuery", channel: "phone", name: "褚美玲", phone: "13912340008", content: "电话查询上月生态公益林补偿资金为何未到账。" },
];

const otherTownshipMatters: Omit<DemoMatter, "by">[] = [
  { daysAgo: 25, category: "policyQuery", channel: "window", name: "陈国庆", content: "咨询农业保险保费补贴的比例。", answer: { daysAgo: 25, text: "中央、省、区三级财政共补贴保费的 80%，个人承担 20%。", satisfaction: "satisfied" } },
  { daysAgo: 16, category: "paymentQuery", channel: "phone", name: "李桂英", content: "查询退役军人优待金发放情况。", answer: { daysAgo: 11, text: "优待金已随季度清册发放，入账日期见银行流水。", followUp: "unsatisfied" } },
  { daysAgo: 9, category: "infoChange", channel: "window", name: "王志强", content: "户主去世，申请变更补贴对象为配偶。" },
  { daysAgo: 2, category: "complaint", channel: "letter", name: "张海燕", content: "反映补贴公示名单中有已故人员。", report: { daysAgo: 1, note: "涉及多村名单核查，请区财政局指导。" } },
];

async function seedMatter(tx: Db, context: HallDemoContext, regionCode: string, m: DemoMatter): Promise<void> {
  const at = (daysAgo: number, hour: number) => new Date(context.now.getTime() - daysAgo * DAY - hour * 3_600_000);
  const accepted = at(m.daysAgo, 3);
  const actor = context.actor(m.by);
  const body: AcceptMatterBody = { regionCode, category: m.category, channel: m.channel, villageCode: m.villageCode ?? null, applicantName: m.name, applicantIdNumber: m.idNumber, applicantPhone: m.phone, content: m.content };
  const matter = await acceptMatter(tx, actor, context.keys, body, accepted);
  if (m.report) {
    await transition(tx, actor, { instanceId: matter.flowInstanceId, action: "report", note: m.report.note, expectedState: "handling" }, at(m.report.daysAgo, 2));
    if (m.report.repliedDaysAgo !== undefined && m.report.reply) {
      await transition(tx, context.actor("supervisor"), { instanceId: matter.flowInstanceId, action: "reply", note: m.report.reply, expectedState: "reported" }, at(m.report.repliedDaysAgo, 2));
    }
  }
  if (m.answer) {
    await answerMatter(tx, actor, matter.id, { answer: m.answer.text, satisfaction: m.answer.satisfaction }, at(m.answer.daysAgo, 1));
    if (m.answer.followUp) await followUpMatter(tx, actor, matter.id, { satisfaction: m.answer.followUp, note: "电话回访" }, at(m.answer.daysAgo, 0));
  }
}

export async function seedHallDemo(tx: Db, context: HallDemoContext): Promise<void> {
  for (const m of qinghe) await seedMatter(tx, context, QINGHE, m);
  // Every other township: some of the four, by its place in the list, so the district's page differs.
  for (const [i, t] of context.townships.entries()) {
    if (t.code === QINGHE) continue;
    const picked = otherTownshipMatters.filter((_, j) => (i + j) % 3 !== 0 || j === 0);
    for (const m of picked) await seedMatter(tx, context, t.code, { ...m, by: t.staff.subsidy });
  }
}
