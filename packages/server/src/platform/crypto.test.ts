// Proves that personal data sealed with SM4-CTR and an HMAC-SM3 tag opens only unchanged and with the right keys, that blind indexes are stable and separated by kind, and that keys and tokens are validated.
import { createDecipheriv, createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PERSONAL_PLAINTEXT_BYTES_MAX,
  PersonalDataError,
  blindIndex,
  decryptPersonal,
  encryptPersonal,
  generateDataKeysHex,
  parseDataKeys,
  randomToken,
  sha256Hex,
  type DataKeys,
} from "./crypto.ts";

const keys = parseDataKeys({
  dataKey: "0123456789abcdeffedcba9876543210",
  macKey: "11".repeat(32),
  indexKey: "22".repeat(32),
});
const otherKeys = parseDataKeys(generateDataKeysHex());
const residentId = "11010519491231002X";

function decryptFailure(open: () => unknown): unknown {
  try {
    open();
  } catch (error) {
    return error;
  }
  return undefined;
}

function expectDecryptFailed(open: () => unknown): void {
  const error = decryptFailure(open);
  expect(error).toBeInstanceOf(PersonalDataError);
  expect((error as PersonalDataError).code).toBe("DECRYPT_FAILED");
}

function sealedBytes(sealed: string): Buffer {
  return Buffer.from(sealed.slice(3), "base64url");
}

function reseal(bytes: Buffer): string {
  return "v1." + bytes.toString("base64url");
}

describe("encryptPersonal and decryptPersonal", () => {
  it("round-trip ID numbers, Chinese text, emoji and the empty string", () => {
    for (const plaintext of [residentId, "张三 · 河北省石家庄市长安区", "6222 0202 0000 1234 567", "😀𠀀", "", " "]) {
      expect(decryptPersonal(keys, encryptPersonal(keys, plaintext))).toBe(plaintext);
    }
  });

  it("round-trip any well-formed string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (plaintext) => {
        expect(decryptPersonal(keys, encryptPersonal(keys, plaintext))).toBe(plaintext);
      }),
    );
  });

  it("seal to v1 + base64url of IV(16) | ciphertext | tag(32), tagged over v1 | IV | ciphertext, encrypted with SM4-CTR", () => {
    const sealed = encryptPersonal(keys, "乡财");
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    const bytes = sealedBytes(sealed);
    const plainBytes = Buffer.from("乡财", "utf8");
    expect(bytes.length).toBe(16 + plainBytes.length + 32);
    const iv = bytes.subarray(0, 16);
    const ciphertext = bytes.subarray(16, bytes.length - 32);
    const expectedTag = createHmac("sm3", keys.macKey).update("v1").update(iv).update(ciphertext).digest();
    expect(bytes.subarray(bytes.length - 32)).toEqual(expectedTag);
    const decipher = createDecipheriv("sm4-ctr", keys.dataKey, iv);
    expect(Buffer.concat([decipher.update(ciphertext), decipher.final()])).toEqual(plainBytes);
  });

  it("seal the empty string to exactly IV and tag", () => {
    expect(sealedBytes(encryptPersonal(keys, "")).length).toBe(48);
  });

  it("seal the same plaintext differently each time because the IV is random", () => {
    const sealed = new Set(Array.from({ length: 50 }, () => encryptPersonal(keys, residentId)));
    expect(sealed.size).toBe(50);
    const ivs = new Set([...sealed].map((s) => sealedBytes(s).subarray(0, 16).toString("hex")));
    expect(ivs.size).toBe(50);
  });

  it("accept a plaintext of the maximum size and refuse one byte more", () => {
    const largest = "a".repeat(PERSONAL_PLAINTEXT_BYTES_MAX);
    expect(decryptPersonal(keys, encryptPersonal(keys, largest))).toBe(largest);
    expect(() => encryptPersonal(keys, largest + "a")).toThrow(RangeError);
  });

  it("refuse a plaintext with an unpaired surrogate rather than alter it", () => {
    expect(() => encryptPersonal(keys, "a\ud800b")).toThrow(TypeError);
    expect(() => encryptPersonal(keys, "\udc00")).toThrow(TypeError);
  });

  it("fail with DECRYPT_FAILED when any byte of the sealed data is changed", () => {
    const bytes = sealedBytes(encryptPersonal(keys, "张三"));
    for (let index = 0; index < bytes.length; index += 1) {
      for (const flip of [0x01, 0x80]) {
        const tampered = Buffer.from(bytes);
        tampered[index] = (tampered[index] ?? 0) ^ flip;
        expectDecryptFailed(() => decryptPersonal(keys, reseal(tampered)));
      }
    }
  });

  it("fail with DECRYPT_FAILED when any character of the sealed text is changed", () => {
    // Plaintexts of 1, 2 and 18 bytes end the base64url text with 4, 2 and 0 spare bits.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (const plaintext of ["a", "ab", residentId]) {
      const sealed = encryptPersonal(keys, plaintext);
      for (let index = 0; index < sealed.length; index += 1) {
        const current = sealed.charAt(index);
        const replacement = alphabet.charAt((alphabet.indexOf(current) + 1) % alphabet.length);
        const tampered = sealed.slice(0, index) + replacement + sealed.slice(index + 1);
        expectDecryptFailed(() => decryptPersonal(keys, tampered));
      }
    }
  });

  it("fail with DECRYPT_FAILED when bytes are cut off or added", () => {
    const bytes = sealedBytes(encryptPersonal(keys, residentId));
    expectDecryptFailed(() => decryptPersonal(keys, reseal(bytes.subarray(0, bytes.length - 1))));
    expectDecryptFailed(() => decryptPersonal(keys, reseal(bytes.subarray(1))));
    expectDecryptFailed(() => decryptPersonal(keys, reseal(Buffer.concat([bytes, Buffer.from([0])]))));
  });

  it("fail with DECRYPT_FAILED under another set of keys, or another MAC key alone", () => {
    const sealed = encryptPersonal(keys, residentId);
    expectDecryptFailed(() => decryptPersonal(otherKeys, sealed));
    expectDecryptFailed(() => decryptPersonal({ ...keys, macKey: otherKeys.macKey }, sealed));
  });

  it("fail with DECRYPT_FAILED on a wrong version, bad encoding or short input", () => {
    const sealed = encryptPersonal(keys, residentId);
    const body = sealed.slice(3);
    const shortest = sealedBytes(encryptPersonal(keys, ""));
    for (const bad of [
      "v2." + body,
      "V1." + body,
      body,
      "v1" + body,
      "",
      "v1.",
      "v1." + body + "=",
      "v1." + body + "+",
      "v1." + body + "/",
      "v1. " + body,
      "v1.!" + body,
      reseal(shortest.subarray(0, 47)),
    ]) {
      expectDecryptFailed(() => decryptPersonal(keys, bad));
    }
    expectDecryptFailed(() => decryptPersonal(keys, undefined as unknown as string));
    expectDecryptFailed(() => decryptPersonal(keys, "v1." + "A".repeat(200_000)));
  });

  it("open the shortest valid input, the sealed empty string", () => {
    expect(decryptPersonal(keys, reseal(sealedBytes(encryptPersonal(keys, ""))))).toBe("");
  });

  it("report every failure with the same message so the cause does not leak", () => {
    const sealed = encryptPersonal(keys, residentId);
    const messages = new Set(
      ["v2." + sealed.slice(3), "v1.!!", "v1.AAAA", sealed.slice(0, -2) + "AA"].map(
        (bad) => (decryptFailure(() => decryptPersonal(keys, bad)) as Error).message,
      ),
    );
    messages.add((decryptFailure(() => decryptPersonal(otherKeys, sealed)) as Error).message);
    expect(messages.size).toBe(1);
  });
});

describe("blindIndex", () => {
  it("gives the same index for the same kind and value", () => {
    expect(blindIndex(keys, "residentId", residentId)).toBe(blindIndex(keys, "residentId", residentId));
    expect(blindIndex(keys, "residentId", residentId)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is HMAC-SM3 of kind, U+0000 and value under the index key", () => {
    const expected = createHmac("sm3", keys.indexKey).update(`bankCard\u0000${residentId}`).digest("hex");
    expect(blindIndex(keys, "bankCard", residentId)).toBe(expected);
  });

  it("separates kinds, values and keys", () => {
    const asResident = blindIndex(keys, "residentId", residentId);
    expect(blindIndex(keys, "bankCard", residentId)).not.toBe(asResident);
    expect(blindIndex(keys, "residentId", residentId.toLowerCase())).not.toBe(asResident);
    expect(blindIndex(otherKeys, "residentId", residentId)).not.toBe(asResident);
    expect(blindIndex(keys, "ab", "c")).not.toBe(blindIndex(keys, "a", "bc"));
  });

  it("does not use the MAC key, so a blind index is not a ciphertext tag", () => {
    const withOtherMac = { ...keys, macKey: otherKeys.macKey };
    expect(blindIndex(withOtherMac, "residentId", residentId)).toBe(blindIndex(keys, "residentId", residentId));
  });

  it("indexes the empty value but refuses an empty kind or one containing U+0000", () => {
    expect(blindIndex(keys, "phone", "")).toMatch(/^[0-9a-f]{64}$/);
    expect(() => blindIndex(keys, "", residentId)).toThrow(TypeError);
    expect(() => blindIndex(keys, "resident\u0000Id", residentId)).toThrow(TypeError);
  });
});

describe("parseDataKeys and generateDataKeysHex", () => {
  const good = { dataKey: "ab".repeat(16), macKey: "cd".repeat(32), indexKey: "EF".repeat(32) };

  it("reads hex keys of 16, 32 and 32 bytes, in either case", () => {
    const parsed: DataKeys = parseDataKeys(good);
    expect(parsed.dataKey).toEqual(Buffer.alloc(16, 0xab));
    expect(parsed.macKey).toEqual(Buffer.alloc(32, 0xcd));
    expect(parsed.indexKey).toEqual(Buffer.alloc(32, 0xef));
  });

  it("refuses a key one hex digit short or long, naming the key", () => {
    expect(() => parseDataKeys({ ...good, dataKey: "ab".repeat(16).slice(1) })).toThrow(/dataKey/);
    expect(() => parseDataKeys({ ...good, dataKey: "ab".repeat(16) + "a" })).toThrow(/dataKey/);
    expect(() => parseDataKeys({ ...good, macKey: "cd".repeat(31) })).toThrow(/macKey.*64/);
    expect(() => parseDataKeys({ ...good, indexKey: "ef".repeat(33) })).toThrow(/indexKey/);
  });

  it("refuses non-hex, empty and missing keys", () => {
    expect(() => parseDataKeys({ ...good, dataKey: "zz".repeat(16) })).toThrow(/dataKey/);
    expect(() => parseDataKeys({ ...good, macKey: "" })).toThrow(/macKey/);
    expect(() => parseDataKeys({ ...good, macKey: " " + "cd".repeat(32).slice(1) })).toThrow(/macKey/);
    expect(() => parseDataKeys({ ...good, indexKey: undefined as unknown as string })).toThrow(/indexKey/);
  });

  it("refuses the same key for the tag and the blind index", () => {
    expect(() => parseDataKeys({ ...good, indexKey: good.macKey })).toThrow(/macKey.*indexKey/);
  });

  it("generates random keys that parseDataKeys accepts", () => {
    const first = generateDataKeysHex();
    const second = generateDataKeysHex();
    expect(first.dataKey).toMatch(/^[0-9a-f]{32}$/);
    expect(first.macKey).toMatch(/^[0-9a-f]{64}$/);
    expect(first.indexKey).toMatch(/^[0-9a-f]{64}$/);
    expect(second).not.toEqual(first);
    const parsed = parseDataKeys(first);
    expect(decryptPersonal(parsed, encryptPersonal(parsed, "李四"))).toBe("李四");
  });
});

describe("randomToken and sha256Hex", () => {
  it("makes 32-byte base64url tokens by default, each different", () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url").length).toBe(32);
    expect(new Set(Array.from({ length: 100 }, () => randomToken())).size).toBe(100);
  });

  it("accepts sizes from 16 to 1024 bytes and refuses others", () => {
    expect(Buffer.from(randomToken(16), "base64url").length).toBe(16);
    expect(Buffer.from(randomToken(1024), "base64url").length).toBe(1024);
    expect(() => randomToken(15)).toThrow(RangeError);
    expect(() => randomToken(1025)).toThrow(RangeError);
    expect(() => randomToken(20.5)).toThrow(RangeError);
    expect(() => randomToken(Number.NaN)).toThrow(RangeError);
  });

  it("hashes UTF-8 text with SHA-256 as lower-case hex", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("乡财")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("SM3 from Node's crypto, on which the tag and the blind index rest", () => {
  it("matches the standard vector SM3(abc)", () => {
    expect(createHash("sm3").update("abc").digest("hex")).toBe(
      "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
    );
  });
});
