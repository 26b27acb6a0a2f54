// A payment request's attachments (发票、合同): the clerk uploads the files while filling in the form,
// the request binds them when it is entered (submitted), and from then on they cannot change. Reading
// them follows the payment: whoever may see the payment may download its files; an unbound upload is
// its uploader's alone.
import { scopeCovers } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes } from "../platform/errors.ts";
import { scopeCondition } from "../platform/scope.ts";
import { attachment, attachmentContent, deleteUnboundAttachment, findAttachment, listAttachments, storeAttachment, type AttachmentView } from "../platform/attachments.ts";
import type { Actor } from "../identity/index.ts";
import { getPayment, PAYMENT_ATTACHMENT_OWNER } from "./service.ts";

const fail = defineErrorCodes({});

function isTownship(regionCode: string): boolean {
  return /^[0-9]{9}$/.test(regionCode) && !regionCode.endsWith("000");
}

/** The township an upload is for (the actor's own by default), refused outside the actor's scope. */
export function uploadRegion(actor: Actor, regionCode: string | undefined): string {
  const code = regionCode ?? actor.regionCode;
  if (!isTownship(code) || !scopeCovers(actor.scopePrefix, code)) return fail("OUT_OF_SCOPE", "乡镇不存在或不在您的数据范围内。");
  return code;
}

/** Stores a file for a payment request about to be entered in a township of the actor's scope. */
export async function uploadPaymentAttachment(tx: Db, actor: Actor, input: { regionCode?: string | undefined; fileName: string; bytes: Uint8Array; truncated?: boolean }, at: Date): Promise<AttachmentView> {
  const regionCode = uploadRegion(actor, input.regionCode);
  return storeAttachment(tx, { regionCode, ownerKind: PAYMENT_ATTACHMENT_OWNER, fileName: input.fileName, bytes: input.bytes, truncated: input.truncated ?? false, uploadedBy: actor.userId }, at);
}

export async function paymentAttachments(db: Db, actor: Actor, paymentId: string): Promise<AttachmentView[]> {
  const payment = await getPayment(db, actor, paymentId);
  return listAttachments(db, payment.regionCode, PAYMENT_ATTACHMENT_OWNER, payment.id);
}

/** A payment's file with its content, checked like the payment it belongs to. */
export async function downloadPaymentAttachment(db: Db, actor: Actor, id: string): Promise<{ file: AttachmentView; content: Buffer }> {
  const file = await findAttachment(db, id, scopeCondition(attachment.regionCode, actor.scopePrefix));
  if (!file || file.ownerKind !== PAYMENT_ATTACHMENT_OWNER) return fail("OUT_OF_SCOPE", "附件不存在或不在您的数据范围内。");
  if (file.ownerId === null) {
    if (file.uploadedBy !== actor.userId) return fail("OUT_OF_SCOPE", "附件不存在或不在您的数据范围内。");
  } else {
    await getPayment(db, actor, file.ownerId);
  }
  return { file, content: await attachmentContent(db, file.regionCode, file.id) };
}

/** Removes a file uploaded by mistake, before the payment is entered; a bound file stays. */
export async function removePaymentAttachment(tx: Db, actor: Actor, id: string): Promise<void> {
  const file = await findAttachment(tx, id, scopeCondition(attachment.regionCode, actor.scopePrefix));
  if (!file || file.ownerKind !== PAYMENT_ATTACHMENT_OWNER) return fail("OUT_OF_SCOPE", "附件不存在或不在您的数据范围内。");
  await deleteUnboundAttachment(tx, file.regionCode, id, actor.userId);
}
