// Time-based one-time passwords for second-factor login: RFC 6238 over RFC 4226 HOTP with
// HMAC-SHA1, 6 digits and a 30-second step, the parameters every authenticator app
// understands. SHA-1 stays safe here because HMAC does not rely on collision resistance.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const STEP_MS = 30_000;
const DIGITS = 6;
const DIGITS_MODULUS = 10 ** DIGITS;
const GENERATED_SECRET_BYTES = 20;

/** RFC 4226 requires at least 128 bits of shared secret. */
export const TOTP_SECRET_BYTES_MIN = 16;
/** Longer secrets add nothing to HMAC-SHA1 and suggest a wrong value was pasted. */
export const TOTP_SECRET_BYTES_MAX = 128;
/** More than a few steps of tolerance would turn a 30-second code into a long-lived one. */
export const TOTP_WINDOW_MAX = 10;

/** 20 random bytes (the RFC's HMAC-SHA1 key size) in RFC 4648 base32 without padding. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(GENERATED_SECRET_BYTES));
}

/** RFC 4648 base32, upper case, without padding. */
export function base32Encode(buf: Buffer): string {
  let out = "";
  let bits = 0;
  let bitCount = 0;
  for (const byte of buf) {
    bits = ((bits << 8) | byte) & 0xffff;
    bitCount += 8;
    while (bitCount >= 5) {
      bitCount -= 5;
      out += BASE32_ALPHABET[(bits >> bitCount) & 31];
    }
  }
  if (bitCount > 0) out += BASE32_ALPHABET[(bits << (5 - bitCount)) & 31];
  return out;
}

/**
 * RFC 4648 base32 decoding that accepts what people type or paste: either case, spaces
 * and "=" padding anywhere are ignored. Throws on any other character and on lengths no
 * encoder produces (1, 3 or 6 characters past a multiple of 8), which mean a truncated secret.
 */
export function base32Decode(s: string): Buffer {
  if (typeof s !== "string") throw new TypeError("base32Decode: input must be a string");
  const text = s.replace(/[\s=]/g, "").toUpperCase();
  const invalid = /[^A-Z2-7]/u.exec(text);
  if (invalid !== null) throw new Error(`base32 文本含有无效字符“${invalid[0]}”（只允许 A–Z 和 2–7）。`);
  const remainder = text.length % 8;
  if (remainder === 1 || remainder === 3 || remainder === 6) {
    throw new Error(`base32 文本长度无效（${text.length} 个有效字符），可能不完整。`);
  }
  const out = Buffer.alloc(Math.floor((text.length * 5) / 8));
  let bits = 0;
  let bitCount = 0;
  let written = 0;
  for (let index = 0; index < text.length; index += 1) {
    const value = BASE32_ALPHABET.indexOf(text.charAt(index));
    bits = ((bits << 5) | value) & 0xffff;
    bitCount += 5;
    if (bitCount >= 8) {
      bitCount -= 8;
      out[written] = (bits >> bitCount) & 0xff;
      written += 1;
    }
  }
  return out;
}

/** The 6-digit code for the 30-second step containing `atMs` (milliseconds since 1970). */
export function totpCode(secretBase32: string, atMs: number): string {
  return hotp(decodeSecret(secretBase32), stepAt(atMs));
}

/**
 * Checks a code against the steps from `window` before to `window` after the one
 * containing `atMs`. On success returns the matching step so the caller can refuse a
 * second use of the same step (replay). Codes that are not exactly six ASCII digits are
 * refused; every candidate is compared in constant time and all are compared, so timing
 * says nothing about which step matched. If the code matches several steps, the earliest
 * is returned.
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  atMs: number,
  window = 1,
): { ok: true; step: number } | { ok: false } {
  if (!Number.isInteger(window) || window < 0 || window > TOTP_WINDOW_MAX) {
    throw new RangeError(`verifyTotp: window must be an integer from 0 to ${TOTP_WINDOW_MAX}`);
  }
  const secret = decodeSecret(secretBase32);
  const current = stepAt(atMs);
  if (typeof code !== "string" || !/^[0-9]{6}$/.test(code)) return { ok: false };
  const given = Buffer.from(code, "ascii");
  let matchedStep = -1;
  for (let step = current - window; step <= current + window; step += 1) {
    if (step < 0) continue;
    const matches = timingSafeEqual(given, Buffer.from(hotp(secret, step), "ascii"));
    if (matches && matchedStep < 0) matchedStep = step;
  }
  return matchedStep >= 0 ? { ok: true, step: matchedStep } : { ok: false };
}

/**
 * The provisioning URI that authenticator apps read from a QR code (Key Uri Format):
 * otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30.
 * Issuer and account are percent-encoded as UTF-8 and may not contain ":", which
 * separates them in the label; the secret is written in its canonical form.
 */
export function otpauthUri(secretBase32: string, account: string, issuer = "乡财"): string {
  if (typeof account !== "string" || account.length === 0 || account.includes(":")) {
    throw new TypeError("otpauthUri: account must be a non-empty string without ':'");
  }
  if (typeof issuer !== "string" || issuer.length === 0 || issuer.includes(":")) {
    throw new TypeError("otpauthUri: issuer must be a non-empty string without ':'");
  }
  const secret = base32Encode(decodeSecret(secretBase32));
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return (
    `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}` +
    `&algorithm=SHA1&digits=${DIGITS}&period=${STEP_MS / 1000}`
  );
}

function decodeSecret(secretBase32: string): Buffer {
  const secret = base32Decode(secretBase32);
  if (secret.length < TOTP_SECRET_BYTES_MIN || secret.length > TOTP_SECRET_BYTES_MAX) {
    throw new RangeError(
      `TOTP secret must be ${TOTP_SECRET_BYTES_MIN} to ${TOTP_SECRET_BYTES_MAX} bytes, got ${secret.length}`,
    );
  }
  return secret;
}

function stepAt(atMs: number): number {
  if (!Number.isFinite(atMs) || atMs < 0 || atMs > Number.MAX_SAFE_INTEGER) {
    throw new RangeError("TOTP time must be a finite, non-negative number of milliseconds");
  }
  return Math.floor(atMs / STEP_MS);
}

/** RFC 4226 section 5.3: HMAC-SHA1 over the 8-byte big-endian counter, dynamic truncation. */
function hotp(secret: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", secret).update(message).digest();
  const offset = mac.readUInt8(mac.length - 1) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % DIGITS_MODULUS).padStart(DIGITS, "0");
}
