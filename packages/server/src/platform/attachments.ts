// Attachments (附件): files uploaded for a document, stored in the database beside it so a backup
// holds them. A file is uploaded first, unbound; the document binds it when it is submitted, and from
// then on the database refuses to change or delete it (migration 0007). The type is told by the file's
// first bytes, never by its name; the size limit is a setting. Whoever may read the owner may read its
// attachments: the owner's domain checks that before calling here.
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Db } from "./db.ts";
import { defineErrorCodes } from "./errors.ts";
import { uuidv7 } from "./ids.ts";
import { defineSetting, readSetting } from "./settings.ts";
import type { AttachmentView } from "@xiangcai/shared";
export type { AttachmentView };

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const attachment = pgTable(
  "attachment",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    ownerKind: text("owner_kind").notNull(),
    ownerId: uuid("owner_id"),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: uuid("uploaded_by").notNull(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull(),
    boundAt: timestamp("bound_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), index("attachment_owner").on(t.regionCode, t.ownerKind, t.ownerId)],
);

export const fail = defineErrorCodes({
  ATTACHMENT_TOO_LARGE: 413,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  ATTACHMENT_LOCKED: 409,
  ATTACHMENT_INVALID: 400,
});

// ---------------------------------------------------------------- the rules

export const ATTACHMENT_BYTES_DEFAULT = 10 * 1024 * 1024;
export const ATTACHMENT_BYTES_LIMIT = 50 * 1024 * 1024;
export const ATTACHMENT_NAME_MAX = 200;

export const attachmentBytesSetting = defineSetting<number>({
  key: "platform.attachmentBytesMax",
  name: "附件大小上限（字节）",
  description: `上传的单个附件（发票、合同等）最大的字节数；默认 ${ATTACHMENT_BYTES_DEFAULT} 字节（10 MB），最大可设 ${ATTACHMENT_BYTES_LIMIT} 字节（50 MB）。`,
  kind: "integer",
  levels: ["district", "township"],
  parse: (raw) => {
    if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 1024 || raw > ATTACHMENT_BYTES_LIMIT) throw new Error(`须为 1024-${ATTACHMENT_BYTES_LIMIT} 的整数`);
    return raw;
  },
  fallback: ATTACHMENT_BYTES_DEFAULT,
});

export function attachmentBytesMax(db: Db, regionCode: string): Promise<number> {
  return readSetting(db, regionCode, attachmentBytesSetting);
}

export interface FileType {
  contentType: string;
  label: string;
  extensions: readonly string[];
}

const PDF: FileType = { contentType: "application/pdf", label: "PDF", extensions: ["pdf"] };
const PNG: FileType = { contentType: "image/png", label: "PNG 图片", extensions: ["png"] };
const JPEG: FileType = { contentType: "image/jpeg", label: "JPEG 图片", extensions: ["jpg", "jpeg"] };
const GIF: FileType = { contentType: "image/gif", label: "GIF 图片", extensions: ["gif"] };
const WEBP: FileType = { contentType: "image/webp", label: "WebP 图片", extensions: ["webp"] };
const BMP: FileType = { contentType: "image/bmp", label: "BMP 图片", extensions: ["bmp"] };
const TIFF: FileType = { contentType: "image/tiff", label: "TIFF 图片", extensions: ["tif", "tiff"] };
const XLSX: FileType = { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "Excel", extensions: ["xlsx"] };
const DOCX: FileType = { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "Word", extensions: ["docx"] };
const XLS: FileType = { contentType: "application/vnd.ms-excel", label: "Excel 97-2003", extensions: ["xls"] };
const DOC: FileType = { contentType: "application/msword", label: "Word 97-2003", extensions: ["doc"] };

export const ALLOWED_TYPES_TEXT = "PDF、图片（JPG/PNG/GIF/WebP/BMP/TIFF）、Excel、Word";

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) => bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The type of a file by its first bytes. Office files: an OOXML file is a ZIP whose first entry names
 * its parts ([Content_Types].xml, then word/ or xl/ parts), an old Office file is an OLE2 compound
 * document; which of Excel or Word is told from the parts (OOXML) or, for OLE2, from the file name's
 * extension among the two (the compound header is the same). Anything else is refused.
 */
export function detectFileType(bytes: Uint8Array, fileName: string): FileType | null {
  if (startsWith(bytes, ascii("%PDF-"))) return PDF;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return GIF;
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return WEBP;
  if (startsWith(bytes, ascii("BM")) && bytes.length >= 26) return BMP;
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return TIFF;
  const extension = fileName.toLowerCase().split(".").pop() ?? "";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // Look for the part names in the ZIP's local headers and central directory (plain ASCII).
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
    if (!text.includes("[Content_Types].xml")) return null;
    if (text.includes("xl/")) return XLSX;
    if (text.includes("word/")) return DOCX;
    return null;
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (extension === "xls") return XLS;
    if (extension === "doc") return DOC;
    return null;
  }
  return null;
}

/** A file name as the user gave it, without folders or control characters; empty when nothing is left. */
export function cleanFileName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const base = raw.replace(/^.*[\\/]/, "").replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  return base.length > ATTACHMENT_NAME_MAX ? base.slice(base.length - ATTACHMENT_NAME_MAX) : base;
}

/**
 * The Content-Disposition of a download: an ASCII fallback name for old clients and the real name
 * (Chinese included) in RFC 5987 encoding, which every current browser reads.
 */
export function contentDisposition(fileName: string, disposition: "attachment" | "inline" = "attachment"): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\;]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

// ---------------------------------------------------------------- storing and reading

type AttachmentRow = typeof attachment.$inferSelect;

export function viewAttachment(a: Omit<AttachmentRow, "content">): AttachmentView {
  return { id: a.id, regionCode: a.regionCode, ownerKind: a.ownerKind, ownerId: a.ownerId, fileName: a.fileName, contentType: a.contentType, size: a.sizeBytes, sha256: a.sha256, uploadedBy: a.uploadedBy, uploadedAt: a.uploadedAt.toISOString() };
}

const header = {
  regionCode: attachment.regionCode,
  id: attachment.id,
  ownerKind: attachment.ownerKind,
  ownerId: attachment.ownerId,
  fileName: attachment.fileName,
  contentType: attachment.contentType,
  sizeBytes: attachment.sizeBytes,
  sha256: attachment.sha256,
  uploadedBy: attachment.uploadedBy,
  uploadedAt: attachment.uploadedAt,
  boundAt: attachment.boundAt,
};

/** Checks a file against the region's size limit and the allowed types; the reason in Chinese when refused. */
export async function checkFile(db: Db, regionCode: string, fileName: string, bytes: Uint8Array, truncated = false): Promise<{ name: string; type: FileType }> {
  const name = cleanFileName(fileName);
  if (!name) return fail("ATTACHMENT_INVALID", "附件须有文件名。");
  if (bytes.length === 0) return fail("ATTACHMENT_INVALID", `附件“${name}”是空文件。`);
  const max = await attachmentBytesMax(db, regionCode);
  if (truncated || bytes.length > max) return fail("ATTACHMENT_TOO_LARGE", `附件“${name}”超过大小上限 ${formatBytes(max)}。`);
  const type = detectFileType(bytes, name);
  if (!type) return fail("ATTACHMENT_TYPE_NOT_ALLOWED", `附件“${name}”的文件类型不允许，只能上传${ALLOWED_TYPES_TEXT}（按文件内容识别，不看扩展名）。`);
  return { name, type };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / 1024 / 1024).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} 字节`;
}

/** Stores an uploaded file, unbound; the caller has checked the uploader may write in the region. */
export async function storeAttachment(
  tx: Db,
  input: { regionCode: string; ownerKind: string; fileName: string; bytes: Uint8Array; truncated?: boolean; uploadedBy: string },
  at: Date,
): Promise<AttachmentView> {
  const { name, type } = await checkFile(tx, input.regionCode, input.fileName, input.bytes, input.truncated);
  const content = Buffer.from(input.bytes);
  const row: AttachmentRow = {
    regionCode: input.regionCode,
    id: uuidv7(at.getTime()),
    ownerKind: input.ownerKind,
    ownerId: null,
    fileName: name,
    contentType: type.contentType,
    sizeBytes: content.length,
    sha256: createHash("sha256").update(content).digest("hex"),
    content,
    uploadedBy: input.uploadedBy,
    uploadedAt: at,
    boundAt: null,
  };
  await tx.insert(attachment).values(row);
  return viewAttachment(row);
}

/**
 * Binds unbound attachments, uploaded by `uploadedBy` in the region for this kind of owner, to their
 * owner. Refuses (and binds none) when any of them is missing, someone else's, or bound already.
 */
export async function bindAttachments(tx: Db, input: { regionCode: string; ownerKind: string; ownerId: string; ids: readonly string[]; uploadedBy: string }, at: Date): Promise<AttachmentView[]> {
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) return [];
  const bound = await tx
    .update(attachment)
    .set({ ownerId: input.ownerId, boundAt: at })
    .where(and(eq(attachment.regionCode, input.regionCode), inArray(attachment.id, ids), eq(attachment.ownerKind, input.ownerKind), eq(attachment.uploadedBy, input.uploadedBy), isNull(attachment.ownerId)))
    .returning(header);
  if (bound.length !== ids.length) {
    return fail("ATTACHMENT_INVALID", `有 ${ids.length - bound.length} 个附件不存在、不是您上传的、不在该乡镇或已属于其他单据，请重新上传。`, [{ path: "attachmentIds", message: "附件无效" }]);
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return bound.sort((a, b) => order.get(a.id)! - order.get(b.id)!).map(viewAttachment);
}

export async function listAttachments(db: Db, regionCode: string, ownerKind: string, ownerId: string): Promise<AttachmentView[]> {
  const found = await db
    .select(header)
    .from(attachment)
    .where(and(eq(attachment.regionCode, regionCode), eq(attachment.ownerKind, ownerKind), eq(attachment.ownerId, ownerId)))
    .orderBy(asc(attachment.uploadedAt), asc(attachment.id));
  return found.map(viewAttachment);
}

/** One attachment's header (no content) by id within the regions the scope condition allows. */
export async function findAttachment(db: Db, id: string, scope: SQL): Promise<(AttachmentView & { boundAt: Date | null }) | null> {
  const [found] = await db.select(header).from(attachment).where(and(eq(attachment.id, id), scope));
  return found ? { ...viewAttachment(found), boundAt: found.boundAt } : null;
}

export async function attachmentContent(db: Db, regionCode: string, id: string): Promise<Buffer> {
  const [found] = await db.select({ content: attachment.content }).from(attachment).where(and(eq(attachment.regionCode, regionCode), eq(attachment.id, id)));
  if (!found) return fail("NOT_FOUND", "附件不存在。");
  return found.content;
}

/** Deletes an unbound attachment of its uploader; a bound one belongs to a submitted document and stays. */
export async function deleteUnboundAttachment(tx: Db, regionCode: string, id: string, uploadedBy: string): Promise<void> {
  const [row] = await tx.select(header).from(attachment).where(and(eq(attachment.regionCode, regionCode), eq(attachment.id, id))).for("update");
  if (!row || row.uploadedBy !== uploadedBy) return fail("NOT_FOUND", "附件不存在或不是您上传的。");
  if (row.ownerId !== null) return fail("ATTACHMENT_LOCKED", "单据已提交，附件不能再删除或更改。");
  await tx.delete(attachment).where(and(eq(attachment.regionCode, regionCode), eq(attachment.id, id)));
}
