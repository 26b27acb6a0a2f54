// Protection of personal data (ARCHITECTURE decision 9): ID numbers and bank accounts are
// stored sealed with SM4-CTR plus an HMAC-SM3 tag, and found again through an HMAC-SM3
// blind index. Only Node's own crypto is used; it offers SM4 but no authenticated SM4
// mode (no SM4-GCM), so integrity comes from encrypt-then-MAC with a separate key.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The three keys, from configuration, never from the repository. Each has one use. */
export interface DataKeys {
  /** 16 bytes: SM4 key that encrypts personal data. */
  dataKey: Buffer;
  /** 32 bytes: HMAC-SM3 key for the tag over the ciphertext. */
  macKey: Buffer;
  /** 32 bytes: HMAC-SM3 key for blind indexes. */
  indexKey: Buffer;
}

const DATA_KEY_BYTES = 16;
const MAC_KEY_BYTES = 32;
const INDEX_KEY_BYTES = 32;
const IV_BYTES = 16;
const TAG_BYTES = 32;
const SEALED_VERSION = "v1";
const SEALED_PREFIX = `${SEALED_VERSION}.`;

/** Personal fields are short (names, ID numbers, accounts, addresses); anything larger is a bug. */
export const PERSONAL_PLAINTEXT_BYTES_MAX = 64 * 1024;
const SEALED_CHARS_MAX = SEALED_PREFIX.length + Math.ceil(((IV_BYTES + PERSONAL_PLAINTEXT_BYTES_MAX + TAG_BYTES) * 4) / 3);

/** Token sizes accepted by randomToken: below 16 bytes a token is guessable, above 1 KiB it is a mistake. */
export const RANDOM_TOKEN_BYTES_MIN = 16;
export const RANDOM_TOKEN_BYTES_MAX = 1024;

export type PersonalDataErrorCode = "DECRYPT_FAILED";

/**
 * A sealed value could not be opened. One code and one message for every cause (wrong
 * version, bad encoding, too short, tag mismatch, wrong key) so the error tells an
 * attacker nothing about which check failed.
 */
export class PersonalDataError extends Error {
  readonly code: PersonalDataErrorCode;
  constructor(code: PersonalDataErrorCode = "DECRYPT_FAILED") {
    super("个人信息解密失败：数据已损坏或密钥不符。");
    this.name = "PersonalDataError";
    this.code = code;
  }
}

/** Reads the keys from hex configuration; throws an Error naming the faulty key otherwise. */
export function parseDataKeys(hex: { dataKey: string; macKey: string; indexKey: string }): DataKeys {
  const dataKey = parseKeyHex("dataKey", hex.dataKey, DATA_KEY_BYTES);
  const macKey = parseKeyHex("macKey", hex.macKey, MAC_KEY_BYTES);
  const indexKey = parseKeyHex("indexKey", hex.indexKey, INDEX_KEY_BYTES);
  // One key for two purposes would let a tag and an index be compared with each other.
  if (macKey.equals(indexKey)) {
    throw new Error("数据密钥配置错误：macKey 与 indexKey 必须是两把不同的密钥。");
  }
  return { dataKey, macKey, indexKey };
}

/** Fresh random keys as hex, for setting up a new deployment. */
export function generateDataKeysHex(): { dataKey: string; macKey: string; indexKey: string } {
  return {
    dataKey: randomBytes(DATA_KEY_BYTES).toString("hex"),
    macKey: randomBytes(MAC_KEY_BYTES).toString("hex"),
    indexKey: randomBytes(INDEX_KEY_BYTES).toString("hex"),
  };
}

/**
 * Seals a personal value: `"v1." + base64url(iv(16) | ciphertext | tag(32))`, SM4-CTR with a
 * random IV, tag = HMAC-SM3(macKey, "v1" | iv | ciphertext). The same plaintext seals
 * differently each time; equality lookups go through blindIndex.
 */
export function encryptPersonal(keys: DataKeys, plaintext: string): string {
  if (typeof plaintext !== "string") throw new TypeError("encryptPersonal: plaintext must be a string");
  // An unpaired surrogate has no UTF-8 form and would come back as U+FFFD: refuse it rather than alter data.
  if (/\p{Cs}/u.test(plaintext)) throw new TypeError("encryptPersonal: plaintext contains an unpaired surrogate");
  const plainBytes = Buffer.from(plaintext, "utf8");
  if (plainBytes.length > PERSONAL_PLAINTEXT_BYTES_MAX) {
    throw new RangeError(`encryptPersonal: plaintext longer than ${PERSONAL_PLAINTEXT_BYTES_MAX} bytes`);
  }
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("sm4-ctr", keys.dataKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plainBytes), cipher.final()]);
  const tag = computeTag(keys.macKey, iv, ciphertext);
  return SEALED_PREFIX + Buffer.concat([iv, ciphertext, tag]).toString("base64url");
}

/** Opens a sealed value, checking the tag in constant time before decrypting anything. */
export function decryptPersonal(keys: DataKeys, sealed: string): string {
  if (typeof sealed !== "string" || sealed.length > SEALED_CHARS_MAX || !sealed.startsWith(SEALED_PREFIX)) {
    throw new PersonalDataError();
  }
  const body = sealed.slice(SEALED_PREFIX.length);
  // Node's base64url decoder skips characters it does not know and ignores spare low bits
  // of the last character; requiring the canonical encoding makes every character count.
  if (!/^[A-Za-z0-9_-]*$/.test(body)) throw new PersonalDataError();
  const bytes = Buffer.from(body, "base64url");
  if (bytes.toString("base64url") !== body || bytes.length < IV_BYTES + TAG_BYTES) {
    throw new PersonalDataError();
  }
  const iv = bytes.subarray(0, IV_BYTES);
  const ciphertext = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const expectedTag = computeTag(keys.macKey, iv, ciphertext);
  if (!timingSafeEqual(tag, expectedTag)) throw new PersonalDataError();
  const decipher = createDecipheriv("sm4-ctr", keys.dataKey, iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
}

/**
 * Blind index for equality lookups: HMAC-SM3(indexKey, kind + "\u0000" + value) as hex.
 * The kind separates uses, so one number indexed as "residentId" and as "bankCard" gives
 * two unrelated indexes. The caller normalises the value first (for example upper-case
 * the X of an ID number), because the index matches exact text only.
 */
export function blindIndex(keys: DataKeys, kind: string, value: string): string {
  // A NUL inside the kind would make ("a\u0000b", "c") and ("a", "b\u0000c") collide.
  if (typeof kind !== "string" || kind.length === 0 || kind.includes("\u0000")) {
    throw new TypeError("blindIndex: kind must be a non-empty string without U+0000");
  }
  if (typeof value !== "string") throw new TypeError("blindIndex: value must be a string");
  return createHmac("sm3", keys.indexKey).update(`${kind}\u0000${value}`, "utf8").digest("hex");
}

/**
 * The blind index of a normalised resident ID (18 characters, upper-case X). One formula for every
 * domain (subsidy recipients and roster lines, person payees, users), so one person is found
 * across them by one value.
 */
export function residentIdBlindIndex(keys: DataKeys, normalizedId: string): string {
  return blindIndex(keys, "residentId", normalizedId);
}

/** A random secret token (session ids, one-time links) as base64url. */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < RANDOM_TOKEN_BYTES_MIN || bytes > RANDOM_TOKEN_BYTES_MAX) {
    throw new RangeError(
      `randomToken: bytes must be an integer from ${RANDOM_TOKEN_BYTES_MIN} to ${RANDOM_TOKEN_BYTES_MAX}`,
    );
  }
  return randomBytes(bytes).toString("base64url");
}

/** SHA-256 of a UTF-8 string as lower-case hex, for storing tokens without storing the tokens. */
export function sha256Hex(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("hex");
}

function computeTag(macKey: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  return createHmac("sm3", macKey).update(SEALED_VERSION, "utf8").update(iv).update(ciphertext).digest();
}

function parseKeyHex(name: string, hex: unknown, bytes: number): Buffer {
  if (typeof hex !== "string" || hex.length !== bytes * 2 || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw new Error(`数据密钥配置错误：${name} 必须是 ${bytes * 2} 个十六进制字符（${bytes} 字节）。`);
  }
  return Buffer.from(hex, "hex");
}
