// Proves that the one-time codes match the RFC 6238 and RFC 4226 test vectors, that verification accepts exactly the configured window of steps and refuses malformed input, and that base32 and the otpauth URI follow RFC 4648 and the Key Uri Format.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  TOTP_WINDOW_MAX,
  base32Decode,
  base32Encode,
  generateTotpSecret,
  otpauthUri,
  totpCode,
  verifyTotp,
} from "./totp.ts";

/** The RFC's HMAC-SHA1 secret, ASCII "12345678901234567890". */
const rfcSecret = base32Encode(Buffer.from("12345678901234567890", "ascii"));
const STEP_MS = 30_000;

describe("base32Encode and base32Decode", () => {
  const rfc4648Vectors: [string, string][] = [
    ["", ""],
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foob", "MZXW6YQ"],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI"],
  ];

  it("encode the RFC 4648 vectors without padding", () => {
    for (const [plain, encoded] of rfc4648Vectors) expect(base32Encode(Buffer.from(plain, "ascii"))).toBe(encoded);
    expect(rfcSecret).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  });

  it("decode the RFC 4648 vectors, with or without padding", () => {
    for (const [plain, encoded] of rfc4648Vectors) {
      expect(base32Decode(encoded).toString("ascii")).toBe(plain);
      const padded = encoded + "=".repeat((8 - (encoded.length % 8)) % 8);
      expect(base32Decode(padded).toString("ascii")).toBe(plain);
    }
  });

  it("decode lower case and ignore spaces, as people type secrets", () => {
    expect(base32Decode("gezd gnbv gy3t qojq\tgezd gnbv gy3t qojq")).toEqual(base32Decode(rfcSecret));
    expect(base32Decode("mzXw6yTbOi======").toString("ascii")).toBe("foobar");
  });

  it("round-trip any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const encoded = base32Encode(Buffer.from(bytes));
        expect(encoded).toMatch(/^[A-Z2-7]*$/);
        expect(base32Decode(encoded)).toEqual(Buffer.from(bytes));
        expect(base32Decode(encoded.toLowerCase())).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it("refuse characters outside the alphabet", () => {
    for (const bad of ["MZXW1YQ", "MZXW0YQ", "MZXW8YQ", "MZ-XW6", "MZXW6Ä", "MZXW6+", "ＭＹ"]) {
      expect(() => base32Decode(bad)).toThrow(/无效字符/);
    }
  });

  it("refuse lengths no encoder produces, which mean a truncated secret", () => {
    for (const bad of ["M", "MZX", "MZXW6Y", "MZXW6YTBO"]) expect(() => base32Decode(bad)).toThrow(/长度/);
  });
});

describe("totpCode", () => {
  it("gives the last six digits of the RFC 6238 appendix B SHA1 vectors", () => {
    const vectors: [number, string][] = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [seconds, eightDigits] of vectors) {
      expect(totpCode(rfcSecret, seconds * 1000)).toBe(eightDigits.slice(-6));
    }
  });

  it("gives the RFC 4226 appendix D HOTP values for steps 0 to 9", () => {
    const hotpValues = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    hotpValues.forEach((expected, step) => {
      expect(totpCode(rfcSecret, step * STEP_MS)).toBe(expected);
    });
  });

  it("keeps one code for a whole 30-second step and changes at its boundary", () => {
    expect(totpCode(rfcSecret, 30_000)).toBe("287082");
    expect(totpCode(rfcSecret, 59_999)).toBe("287082");
    expect(totpCode(rfcSecret, 60_000)).toBe("359152");
    expect(totpCode(rfcSecret, 29_999)).toBe("755224");
  });

  it("refuses negative, non-finite and unsafe times", () => {
    expect(() => totpCode(rfcSecret, -1)).toThrow(RangeError);
    expect(() => totpCode(rfcSecret, Number.NaN)).toThrow(RangeError);
    expect(() => totpCode(rfcSecret, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => totpCode(rfcSecret, Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError);
    expect(totpCode(rfcSecret, Number.MAX_SAFE_INTEGER)).toMatch(/^\d{6}$/);
  });

  it("refuses secrets shorter than 128 bits or not base32", () => {
    expect(() => totpCode(base32Encode(Buffer.alloc(15, 1)), 0)).toThrow(RangeError);
    expect(totpCode(base32Encode(Buffer.alloc(16, 1)), 0)).toMatch(/^\d{6}$/);
    expect(() => totpCode("", 0)).toThrow(RangeError);
    expect(() => totpCode("GEZDGNBVGY3TQOJQ!EZDGNBVGY3TQOJQ", 0)).toThrow(/无效字符/);
  });
});

describe("verifyTotp", () => {
  const now = 1_700_000_000_000;
  const step = Math.floor(now / STEP_MS);
  const codeAt = (offsetSteps: number): string => totpCode(rfcSecret, (step + offsetSteps) * STEP_MS);

  it("accepts the current code and returns its step", () => {
    expect(verifyTotp(rfcSecret, codeAt(0), now)).toEqual({ ok: true, step });
  });

  it("accepts one step before and after by default and returns the step that matched", () => {
    expect(verifyTotp(rfcSecret, codeAt(-1), now)).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(rfcSecret, codeAt(1), now)).toEqual({ ok: true, step: step + 1 });
  });

  it("refuses codes just outside the window", () => {
    expect(verifyTotp(rfcSecret, codeAt(-2), now)).toEqual({ ok: false });
    expect(verifyTotp(rfcSecret, codeAt(2), now)).toEqual({ ok: false });
  });

  it("follows the window given: 0 allows only the current step, 2 allows two either side", () => {
    expect(verifyTotp(rfcSecret, codeAt(0), now, 0)).toEqual({ ok: true, step });
    expect(verifyTotp(rfcSecret, codeAt(1), now, 0)).toEqual({ ok: false });
    expect(verifyTotp(rfcSecret, codeAt(-1), now, 0)).toEqual({ ok: false });
    expect(verifyTotp(rfcSecret, codeAt(-2), now, 2)).toEqual({ ok: true, step: step - 2 });
    expect(verifyTotp(rfcSecret, codeAt(3), now, 2)).toEqual({ ok: false });
  });

  it("moves the window with the step boundary, not with the clock's seconds", () => {
    const lastMsOfStep = (step + 1) * STEP_MS - 1;
    expect(verifyTotp(rfcSecret, codeAt(-1), lastMsOfStep)).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(rfcSecret, codeAt(-1), lastMsOfStep + 1)).toEqual({ ok: false });
  });

  it("ignores steps before 1970 near time zero", () => {
    expect(verifyTotp(rfcSecret, "755224", 0, 1)).toEqual({ ok: true, step: 0 });
    expect(verifyTotp(rfcSecret, "287082", 0, 1)).toEqual({ ok: true, step: 1 });
  });

  it("accepts the code it generates at any time", () => {
    const secret = generateTotpSecret();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (atMs) => {
        expect(verifyTotp(secret, totpCode(secret, atMs), atMs)).toEqual({ ok: true, step: Math.floor(atMs / STEP_MS) });
      }),
    );
  });

  it("refuses anything but exactly six ASCII digits", () => {
    const good = codeAt(0);
    for (const bad of ["", good.slice(1), good + "0", ` ${good}`, `${good}\n`, "12345a", "１２３４５６", "-12345", "1e5000"]) {
      expect(verifyTotp(rfcSecret, bad, now)).toEqual({ ok: false });
    }
    expect(verifyTotp(rfcSecret, undefined as unknown as string, now)).toEqual({ ok: false });
  });

  it("refuses a code made with another secret", () => {
    expect(verifyTotp(generateTotpSecret(), codeAt(0), now, TOTP_WINDOW_MAX).ok).toBe(false);
  });

  it("refuses windows that are negative, fractional or larger than the maximum", () => {
    expect(() => verifyTotp(rfcSecret, codeAt(0), now, -1)).toThrow(RangeError);
    expect(() => verifyTotp(rfcSecret, codeAt(0), now, 1.5)).toThrow(RangeError);
    expect(() => verifyTotp(rfcSecret, codeAt(0), now, TOTP_WINDOW_MAX + 1)).toThrow(RangeError);
    expect(verifyTotp(rfcSecret, codeAt(-TOTP_WINDOW_MAX), now, TOTP_WINDOW_MAX)).toEqual({
      ok: true,
      step: step - TOTP_WINDOW_MAX,
    });
  });

  it("throws on a broken secret or time rather than answering", () => {
    expect(() => verifyTotp("not base32!", "123456", now)).toThrow();
    expect(() => verifyTotp(rfcSecret, "123456", Number.NaN)).toThrow(RangeError);
  });
});

describe("generateTotpSecret", () => {
  it("makes 20 random bytes as 32 base32 characters without padding", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret).length).toBe(20);
    expect(generateTotpSecret()).not.toBe(secret);
  });
});

describe("otpauthUri", () => {
  it("writes the Key Uri Format with the default issuer 乡财, percent-encoded", () => {
    expect(otpauthUri(rfcSecret, "zhangsan@130102001")).toBe(
      "otpauth://totp/%E4%B9%A1%E8%B4%A2:zhangsan%40130102001?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" +
        "&issuer=%E4%B9%A1%E8%B4%A2&algorithm=SHA1&digits=6&period=30",
    );
  });

  it("encodes Chinese names, spaces and reserved characters so a URL parser reads them back", () => {
    const uri = otpauthUri(rfcSecret, "张 三&x=1?#/", "长安区 财政所");
    expect(uri).not.toMatch(/[ \u4e00-\u9fff]/);
    const parsed = new URL(uri);
    expect(parsed.protocol).toBe("otpauth:");
    expect(parsed.host).toBe("totp");
    expect(decodeURIComponent(parsed.pathname)).toBe("/长安区 财政所:张 三&x=1?#/");
    expect(parsed.searchParams.get("issuer")).toBe("长安区 财政所");
    expect(parsed.searchParams.get("secret")).toBe(rfcSecret);
    expect([...parsed.searchParams.keys()]).toEqual(["secret", "issuer", "algorithm", "digits", "period"]);
  });

  it("writes the secret in canonical form whatever form it was given in", () => {
    expect(otpauthUri("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", "a")).toContain(`secret=${rfcSecret}&`);
  });

  it("refuses an empty account or issuer, a colon in either, and a bad secret", () => {
    expect(() => otpauthUri(rfcSecret, "")).toThrow(TypeError);
    expect(() => otpauthUri(rfcSecret, "a:b")).toThrow(TypeError);
    expect(() => otpauthUri(rfcSecret, "a", "")).toThrow(TypeError);
    expect(() => otpauthUri(rfcSecret, "a", "乡:财")).toThrow(TypeError);
    expect(() => otpauthUri("GEZDGNBV", "a")).toThrow(RangeError);
  });
});
