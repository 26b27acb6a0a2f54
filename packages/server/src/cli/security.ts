// Security commands of the CLI: the audit chain (verify, checkpoint), the secrets file, and the
// rotation of the personal-data keys. Exit codes as everywhere: 0 done/intact, 1 failure, 2 usage.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { copyHeadsToDistricts, readCheckpoint, signedCheckpoint, verifyAudit, CheckpointError, type ChainPoint } from "../audit/index.ts";
import { generateSecrets, loadConfig, writeSecretsFile, type SecretsFile } from "../platform/config.ts";
import { parseDataKeys } from "../platform/crypto.ts";
import type { Database, Db } from "../platform/db.ts";
import { rotateDataKeys } from "./keyRotation.ts";
import { UsageError } from "./usage.ts";

export const AUDIT_USAGE = `  audit verify [--json] [--checkpoint <文件>]
                                           校验审计链（HMAC-SM3）及区级留存的各乡镇链头；给出检查点文件时
                                           还须经过文件中的链头（发现删尾回退）。完好退出码 0，损坏 1
  audit checkpoint [--out <文件>]          区级留存各乡镇链头，并输出审计员保管的签名检查点（不覆盖已有文件）`;
export const KEYS_USAGE = `  keys rotate --out <新密钥文件>            更换个人信息加密、校验和索引密钥：先写出新密钥文件，再分批重新加密
                                           全部密文并重算索引（须先停止服务器；中断后用 --resume 继续）
  keys rotate --resume <新密钥文件>        继续一次中断的密钥更换`;
export const SECRETS_USAGE = `  secrets generate [--out <文件>]          生成一套新密钥（会话、SM4、MAC、索引、审计）；--out 写入新文件
                                           （权限 0600，已存在则拒绝覆盖），否则打印到标准输出`;

export interface Io {
  print(text: string): void;
  err(text: string): void;
}

type WithDatabase = <T>(fn: (database: Database) => Promise<T>) => Promise<T>;

function options(args: string[], spec: Record<string, { type: "string" | "boolean" }>) {
  const { values, positionals } = parseArgs({ args, options: spec, strict: true, allowPositionals: true });
  if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(" ")}`);
  return values as Record<string, string | boolean | undefined>;
}

export async function runAuditCommand(args: string[], io: Io, withDatabase: WithDatabase): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "verify") {
    const o = options(rest, { json: { type: "boolean" }, checkpoint: { type: "string" } });
    const checkpointText = typeof o.checkpoint === "string" ? readFileSync(o.checkpoint, "utf8") : null;
    return withDatabase(async ({ db }) => {
      let checkpoint: ChainPoint[] | undefined;
      if (checkpointText !== null) {
        try {
          checkpoint = readCheckpoint(db, checkpointText);
        } catch (error) {
          if (error instanceof CheckpointError) {
            io.err(`检查点文件无效：${error.message}\n`);
            return 1;
          }
          throw error;
        }
      }
      const result = await verifyAudit(db, "", { checkpoint });
      if (o.json) io.print(JSON.stringify({ ...result, firstBroken: result.firstBroken && { ...result.firstBroken, seq: Number(result.firstBroken.seq) } }));
      else if (result.ok) io.print(`审计链完好：${result.regions} 条链，共 ${result.checked} 条记录${checkpoint ? `，均经过检查点的 ${checkpoint.length} 个链头` : ""}。`);
      else {
        const b = result.firstBroken!;
        io.print(`审计链损坏：区划 ${b.regionCode} 第 ${b.seq} 条记录（${b.reason}），此前 ${result.checked} 条记录完好。`);
      }
      return result.ok ? 0 : 1;
    });
  }
  if (sub === "checkpoint") {
    const o = options(rest, { out: { type: "string" } });
    const out = typeof o.out === "string" ? o.out : null;
    if (out && existsSync(out)) {
      io.err(`文件已存在，未覆盖：${out}\n`);
      return 1;
    }
    return withDatabase(async ({ db }) => {
      const at = new Date();
      const copied = await db.transaction((tx) => copyHeadsToDistricts(tx as unknown as Db, { scopePrefix: "", at }));
      const file = await signedCheckpoint(db, { scopePrefix: "", at });
      const text = `${JSON.stringify(file, null, 2)}\n`;
      if (out) {
        writeFileSync(out, text, { flag: "wx", mode: 0o600 });
        io.print(`已写出检查点：${out}（${file.heads.length} 条链；区级留存 ${copied} 份）。请交审计员在数据库以外保管。`);
      } else {
        io.print(text.trimEnd());
      }
      return 0;
    });
  }
  throw new UsageError(`用法：\n${AUDIT_USAGE}`);
}

export async function runSecretsCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "generate") throw new UsageError(`用法：\n${SECRETS_USAGE}`);
  const o = options(rest, { out: { type: "string" } });
  const secrets = generateSecrets();
  if (typeof o.out !== "string") {
    io.print(JSON.stringify(secrets, null, 2));
    return 0;
  }
  if (existsSync(o.out)) {
    io.err(`文件已存在，未覆盖：${o.out}（密钥文件一旦丢失，加密的个人信息无法恢复，请勿误覆盖）\n`);
    return 1;
  }
  writeSecretsFile(o.out, secrets, { overwrite: false });
  io.print(`已生成密钥文件：${o.out}（权限 0600）。设置 XIANGCAI_SECRETS_FILE=${o.out}，并另行安全备份此文件。`);
  return 0;
}

export async function runKeysCommand(args: string[], io: Io, withDatabase: WithDatabase): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "rotate") throw new UsageError(`用法：\n${KEYS_USAGE}`);
  const o = options(rest, { out: { type: "string" }, resume: { type: "string" } });
  if ((typeof o.out === "string") === (typeof o.resume === "string")) throw new UsageError(`用法：\n${KEYS_USAGE}`);
  const config = loadConfig();
  let next: SecretsFile;
  if (typeof o.out === "string") {
    if (existsSync(o.out)) {
      io.err(`文件已存在，未覆盖：${o.out}。继续一次中断的更换请用 --resume ${o.out}\n`);
      return 1;
    }
    // The new keys are on disk before the first row changes: a crash never strands data under keys nobody has.
    const current = JSON.parse(JSON.stringify({ sessionSecret: config.sessionSecret, auditKey: config.auditKey.toString("hex") })) as Pick<SecretsFile, "sessionSecret" | "auditKey">;
    const fresh = generateSecrets();
    next = { ...fresh, sessionSecret: current.sessionSecret, auditKey: current.auditKey };
    writeSecretsFile(o.out, next, { overwrite: false });
    io.print(`新密钥已写入 ${o.out}（会话密钥和审计密钥不变）。开始重新加密……`);
  } else {
    next = JSON.parse(readFileSync(o.resume as string, "utf8")) as SecretsFile;
  }
  const nextKeys = parseDataKeys(next);
  return withDatabase(async (database) => {
    const report = await rotateDataKeys(database, { from: config.dataKeys, to: nextKeys, at: new Date(), progress: (line) => io.print(line) });
    io.print(`密钥更换完成：重新加密 ${report.resealed} 个密文，重算 ${report.reindexed} 个索引；名单条目 ${report.referenceMapped} 条已改用新索引${report.referenceUnmapped ? `，${report.referenceUnmapped} 条无法对应（请重新导入死亡、公职人员名单）` : ""}。`);
    io.print(`下一步：让服务器使用新密钥文件（XIANGCAI_SECRETS_FILE=${o.out ?? o.resume}，或替换环境变量中的 XIANGCAI_DATA_KEY、XIANGCAI_MAC_KEY、XIANGCAI_INDEX_KEY），再启动服务器；旧密钥文件妥善保存至备份期满。`);
    return 0;
  });
}
