// Evidence files of rectification tasks (整改佐证材料), every kind alike: a file is uploaded first for
// the task's township (unbound, its uploader's), then bound to the task when the evidence is
// submitted (service.ts submitEvidence). Whoever may see a task may download its files.
import { scopeCovers } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { attachment, attachmentContent, findAttachment, storeAttachment, type AttachmentView } from "../platform/attachments.ts";
import { scopeCondition } from "../platform/scope.ts";
import type { Actor } from "../identity/index.ts";
import { fail, getRectification, RECTIFICATION_ATTACHMENT_OWNER } from "./service.ts";

const outOfScope = () => fail("OUT_OF_SCOPE", "附件不存在或不在您的数据范围内。");

/** The township a file is uploaded for, refused outside the actor's scope (checked before the file is read). */
export function evidenceRegion(actor: Actor, regionCode: string): string {
  if (!/^[0-9]{9}$/.test(regionCode) || regionCode.endsWith("000") || !scopeCovers(actor.scopePrefix, regionCode)) return fail("OUT_OF_SCOPE", "乡镇不存在或不在您的数据范围内。");
  return regionCode;
}

/** Stores an evidence file for a task of a township in the actor's scope, unbound until the evidence is submitted. */
export async function uploadEvidenceFile(tx: Db, actor: Actor, input: { regionCode: string; fileName: string; bytes: Uint8Array; truncated?: boolean }, at: Date): Promise<AttachmentView> {
  evidenceRegion(actor, input.regionCode);
  return storeAttachment(tx, { regionCode: input.regionCode, ownerKind: RECTIFICATION_ATTACHMENT_OWNER, fileName: input.fileName, bytes: input.bytes, truncated: input.truncated ?? false, uploadedBy: actor.userId }, at);
}

/** An evidence file with its content: whoever sees the task sees its files; an unbound upload is its uploader's. */
export async function downloadEvidenceFile(db: Db, actor: Actor, id: string, now: Date): Promise<{ file: AttachmentView; content: Buffer }> {
  const file = await findAttachment(db, id, scopeCondition(attachment.regionCode, actor.scopePrefix));
  if (!file || file.ownerKind !== RECTIFICATION_ATTACHMENT_OWNER) return outOfScope();
  if (file.ownerId === null) {
    if (file.uploadedBy !== actor.userId) return outOfScope();
  } else {
    await getRectification(db, actor, file.ownerId, now);
  }
  return { file, content: await attachmentContent(db, file.regionCode, file.id) };
}
