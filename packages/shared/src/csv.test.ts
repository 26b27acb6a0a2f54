// Proves CSV reading and writing: quotes, doubled quotes, line ends, byte-order marks, blank
// records, formula guarding, and that what is written reads back the same.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatCsv, parseCsv } from "./csv.ts";
import { looksLikeFormula } from "./text.ts";

describe("parseCsv", () => {
  it("reads plain, quoted and doubled-quote fields across CRLF and LF", () => {
    expect(parseCsv('code,name\r\n201,"一般公共服务,支出"\n202,"说""外交"""')).toEqual([
      ["code", "name"],
      ["201", "一般公共服务,支出"],
      ["202", '说"外交"'],
    ]);
  });

  it("keeps line breaks inside quotes and drops a byte-order mark and blank records", () => {
    expect(parseCsv('\uFEFFa,b\n\n"x\ny",z\n  ,  \n')).toEqual([
      ["a", "b"],
      ["x\ny", "z"],
    ]);
  });

  it("keeps blank records when asked, so record n stays line n", () => {
    expect(parseCsv("a\n\nb\n", { skipBlank: false })).toEqual([["a"], [""], ["b"]]);
  });

  it("keeps empty fields and reads a last record without a line end", () => {
    expect(parseCsv("a,,c\n,b,")).toEqual([
      ["a", "", "c"],
      ["", "b", ""],
    ]);
    expect(parseCsv("")).toEqual([]);
  });
});

describe("formatCsv", () => {
  it("quotes what needs it, ends lines with CRLF, and adds a BOM when asked", () => {
    expect(formatCsv([["a", "b,c"], ['say "hi"', " x"]])).toBe('a,"b,c"\r\n"say ""hi"""," x"\r\n');
    expect(formatCsv([["a"]], { bom: true })).toBe("\uFEFFa\r\n");
  });

  it("guards fields Excel would run as formulas, but not negative numbers", () => {
    expect(formatCsv([["=1+1", "+x", "@a", "-5", "-12.50", "-x"]])).toBe("'=1+1,'+x,'@a,-5,-12.50,'-x\r\n");
    expect(formatCsv([["=1+1"]], { guardFormulas: false })).toBe("=1+1\r\n");
  });

  it("reads back what it wrote", () => {
    const field = fc.string({ unit: "grapheme", maxLength: 12 }).filter((s) => !looksLikeFormula(s));
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (records) => {
        const kept = records.filter((r) => r.some((f) => f.trim() !== ""));
        expect(parseCsv(formatCsv(records))).toEqual(kept);
      }),
    );
  });
});
