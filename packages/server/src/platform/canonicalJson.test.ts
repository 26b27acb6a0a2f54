// Proves that canonicalJson writes one exact text per value, the same before and after a real PostgreSQL jsonb round trip, refuses what has no JSON form, and that sm3Hex matches the SM3 standard's vectors.
import { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CANONICAL_JSON_DEPTH_MAX, canonicalJson, sm3Hex } from "./canonicalJson.ts";

/** JSON values as a JavaScript client reads them back, minus the strings jsonb cannot store (U+0000). */
const storableString = fc.string({ unit: "grapheme", maxLength: 12 }).filter((s) => !s.includes("\u0000"));
const storableJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    storableString,
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(storableString, tie("value"), { maxKeys: 6 }),
  ),
})).value;

/** The same value with the keys of every object inserted in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse()) {
    Object.defineProperty(out, key, {
      value: reverseKeys((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function nestedArrays(depth: number): unknown {
  let value: unknown = 0;
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

describe("canonicalJson", () => {
  it("sorts object keys at every level and writes no whitespace", () => {
    const value = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, e: "x y" };
    expect(canonicalJson(value)).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1,"e":"x y"}');
  });

  it("orders keys by UTF-16 code unit, not by number, length or code point", () => {
    // An astral character (surrogate D83D) sorts before U+FF01 by code unit although its code point is larger.
    const value = { "！": 1, "😀": 2, é: 3, z: 4, a: 5, Z: 6, "9": 7, "10": 8, "": 9 };
    expect(canonicalJson(value)).toBe('{"":9,"10":8,"9":7,"Z":6,"a":5,"z":4,"é":3,"😀":2,"！":1}');
  });

  it("keeps array order and writes undefined elements as null", () => {
    expect(canonicalJson([3, 1, undefined, 2])).toBe("[3,1,null,2]");
    expect(canonicalJson([])).toBe("[]");
    expect(canonicalJson({})).toBe("{}");
  });

  it("omits undefined object members", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson({ a: undefined })).toBe("{}");
  });

  it("writes bigint as a decimal string and Date as its ISO text", () => {
    expect(canonicalJson({ amountFen: 123456789012345678901234567890n, refundFen: -5n, zeroFen: 0n })).toBe(
      '{"amountFen":"123456789012345678901234567890","refundFen":"-5","zeroFen":"0"}',
    );
    expect(canonicalJson(new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)))).toBe('"2025-01-02T03:04:05.006Z"');
  });

  it("writes numbers in JSON.stringify's form, so 1.0 and 1 and -0 and 0 agree", () => {
    expect(canonicalJson([1.0, 1, -0, 0, 0.1, 1e21, 1.5e-7, 2 ** 53 + 2])).toBe(
      "[1,1,0,0,0.1,1e+21,1.5e-7,9007199254740994]",
    );
  });

  it("writes scalars and escapes strings as JSON.stringify does", () => {
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson(true)).toBe("true");
    expect(canonicalJson(false)).toBe("false");
    expect(canonicalJson('引号"\\\n\u0001\u2028乡')).toBe(JSON.stringify('引号"\\\n\u0001\u2028乡'));
  });

  it("uses toJSON like JSON.stringify and unwraps boxed primitives", () => {
    expect(canonicalJson({ b: Buffer.from([1, 2]) })).toBe('{"b":{"data":[1,2],"type":"Buffer"}}');
    expect(canonicalJson({ toJSON: () => ({ y: 1, x: 2 }) })).toBe('{"x":2,"y":1}');
    expect(canonicalJson([Object(1), Object("s"), Object(true), Object(7n)])).toBe('[1,"s",true,"7"]');
  });

  it("accepts the same object twice when it is shared, not cyclic", () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: [shared, shared] })).toBe('{"a":{"k":1},"b":[{"k":1},{"k":1}]}');
  });

  it("treats objects without a prototype and class instances by their own enumerable keys", () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 1;
    bare.a = 2;
    class Row {
      constructor(
        readonly regionCode: string,
        readonly id: number,
      ) {}
    }
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
    expect(canonicalJson(new Row("130102001", 5))).toBe('{"id":5,"regionCode":"130102001"}');
  });

  it("refuses functions and symbols, as values and as members", () => {
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(Symbol("s"))).toThrow(TypeError);
    expect(() => canonicalJson({ a: Symbol("s") })).toThrow(TypeError);
    expect(() => canonicalJson([Symbol("s")])).toThrow(TypeError);
  });

  it("refuses non-finite numbers and says where they are", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: [1, Number.POSITIVE_INFINITY] })).toThrow(/\$\.a\[1\]/);
    expect(() => canonicalJson(Number.NEGATIVE_INFINITY)).toThrow(TypeError);
    expect(canonicalJson(Number.MAX_VALUE)).toBe("1.7976931348623157e+308");
  });

  it("refuses what JSON.stringify would write silently wrong or not at all", () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson(new Date(Number.NaN))).toThrow(TypeError);
    expect(() => canonicalJson(new Map([["a", 1]]))).toThrow(TypeError);
    expect(() => canonicalJson({ s: new Set([1]) })).toThrow(TypeError);
    expect(() => canonicalJson({ toJSON: () => undefined })).toThrow(TypeError);
  });

  it("refuses cycles with a TypeError", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
    const list: unknown[] = [];
    list.push([list]);
    expect(() => canonicalJson(list)).toThrow(TypeError);
  });

  it("accepts nesting up to the depth limit and refuses one level more", () => {
    expect(canonicalJson(nestedArrays(CANONICAL_JSON_DEPTH_MAX))).toBe(
      "[".repeat(CANONICAL_JSON_DEPTH_MAX) + "0" + "]".repeat(CANONICAL_JSON_DEPTH_MAX),
    );
    expect(() => canonicalJson(nestedArrays(CANONICAL_JSON_DEPTH_MAX + 1))).toThrow(RangeError);
  });

  it("does not depend on the order in which keys were inserted", () => {
    fc.assert(
      fc.property(storableJson, (value) => {
        expect(canonicalJson(reverseKeys(value))).toBe(canonicalJson(value));
      }),
    );
  });

  it("is valid JSON that reads back to a value with the same canonical form", () => {
    fc.assert(
      fc.property(storableJson, (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(text).not.toMatch(/^\s|\s$/);
      }),
    );
  });
});

describe("canonicalJson through PostgreSQL jsonb", () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  /** Stores the text as jsonb and reads it back as node-postgres would: the jsonb text through JSON.parse. */
  async function throughJsonb(text: string): Promise<unknown> {
    const result = await db.query<{ stored: string }>("select $1::jsonb::text as stored", [text]);
    const row = result.rows[0];
    if (row === undefined) throw new Error("no row");
    return JSON.parse(row.stored);
  }

  it("gives the same text after jsonb reorders keys and rewrites numbers", async () => {
    const row = {
      regionCode: "130102001",
      amountFen: 1234567890123456789n,
      at: new Date(Date.UTC(2025, 9, 1, 16)),
      names: ["张三", "李四"],
      zz: 1.0,
      é: { b: -0, a: 1e21, c: 1.5e-7 },
      note: "制表\t符与\u2028行分隔",
      missing: undefined,
    };
    const text = canonicalJson(row);
    const readBack = await throughJsonb(text);
    expect(Object.keys(readBack as object)).not.toEqual(Object.keys(JSON.parse(text) as object));
    expect(canonicalJson(readBack)).toBe(text);
  });

  it("gives the same text after a jsonb round trip for any storable JSON value", async () => {
    await fc.assert(
      fc.asyncProperty(storableJson, async (value) => {
        expect(canonicalJson(await throughJsonb(JSON.stringify(value)))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });
});

describe("sm3Hex", () => {
  it("matches the GB/T 32905 example vectors", () => {
    expect(sm3Hex("abc")).toBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    expect(sm3Hex("abcd".repeat(16))).toBe("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  });

  it("hashes the empty input and gives lower-case hex of 64 characters", () => {
    expect(sm3Hex("")).toBe("1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b");
    expect(sm3Hex(Buffer.alloc(0))).toBe(sm3Hex(""));
    expect(sm3Hex("乡财")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes a string as its UTF-8 bytes", () => {
    expect(sm3Hex("乡财")).toBe(sm3Hex(Buffer.from("乡财", "utf8")));
    expect(sm3Hex("乡财")).not.toBe(sm3Hex(Buffer.from("乡财", "utf16le")));
  });
});
