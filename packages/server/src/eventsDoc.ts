// docs/events.md's table of topics, generated from the declarations (each producer's events.ts, listed
// in domains.ts) so the page cannot drift from the code: src/architecture.test.ts fails when it does.
// `npx tsx packages/server/src/eventsDoc.ts --write` rewrites the table in place.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import type { OutboxConsumer, Topic } from "./platform/outbox.ts";
import { consumers, topics } from "./domains.ts";

export const EVENTS_DOC = path.resolve(import.meta.dirname, "../../../docs/events.md");
const BEGIN = "<!-- topics: generated from the topic declarations by packages/server/src/eventsDoc.ts; do not edit by hand -->";
const END = "<!-- /topics -->";

/** A field's type as the page shows it: the named field types (yuan, uuid …), enums, null. */
function typeOf(schema: z.ZodType): string {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType } }).def;
  if (schema.description) return schema.description;
  if (def.type === "nullable" && def.innerType) return `${typeOf(def.innerType)} \\| null`;
  if (def.type === "optional" && def.innerType) return `${typeOf(def.innerType)} (may be absent)`;
  if (def.type === "enum") return (schema as unknown as { options: string[] }).options.map((o) => `"${o}"`).join(" \\| ");
  return def.type;
}

function payloadOf(topic: Topic): string {
  const shape = (topic.schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return typeOf(topic.schema);
  return `\`{ ${Object.entries(shape).map(([name, field]) => `${name}: ${typeOf(field)}`).join(", ")} }\``;
}

export function topicsTable(all: readonly Topic[] = topics, handlers: readonly OutboxConsumer[] = consumers): string {
  const rows = all.map((t) => {
    const by = handlers.filter((c) => c.topics.some((x) => x.name === t.name)).map((c) => c.name);
    return `| \`${t.name}\` | ${t.producer} | ${by.join(", ") || "—"} | ${t.description} | ${payloadOf(t)} |`;
  });
  return [BEGIN, "| topic | producer | consumer(s) | published when | payload (JSON) |", "|---|---|---|---|---|", ...rows, END].join("\n");
}

/** The page with its table as generated; throws when the page has lost its markers. */
export function eventsDocWithTable(page: string): string {
  const from = page.indexOf(BEGIN);
  const to = page.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${EVENTS_DOC} has no generated topics table (markers ${BEGIN} … ${END})`);
  return page.slice(0, from) + topicsTable() + page.slice(to + END.length);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename) && process.argv.includes("--write")) {
  writeFileSync(EVENTS_DOC, eventsDocWithTable(readFileSync(EVENTS_DOC, "utf8")));
  console.log(`rewrote the topics table of ${EVENTS_DOC}`);
}
