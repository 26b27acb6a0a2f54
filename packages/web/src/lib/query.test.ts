// Proves that list queries omit empty filters and keep page numbers within the contract.
import { describe, expect, it } from "vitest";
import { pageParamsFrom, positiveInt, toQueryString } from "./query.ts";

describe("toQueryString", () => {
  it("omits undefined, null and blank values and encodes the rest", () => {
    expect(toQueryString({ q: " 财政 ", status: "", regionCode: undefined, role: null, page: 2 })).toBe(
      `?q=${encodeURIComponent("财政").replace(/%20/g, "+")}&page=2`,
    );
  });

  it("answers an empty string when nothing is set", () => {
    expect(toQueryString({ q: "" })).toBe("");
  });
});

describe("positiveInt", () => {
  it("accepts positive integers and clamps to the maximum", () => {
    expect(positiveInt("3", 1)).toBe(3);
    expect(positiveInt("500", 20, 100)).toBe(100);
  });

  it("falls back on missing, zero, negative or non-numeric input", () => {
    expect(positiveInt(null, 1)).toBe(1);
    expect(positiveInt("0", 1)).toBe(1);
    expect(positiveInt("-2", 1)).toBe(1);
    expect(positiveInt("2.5", 1)).toBe(1);
    expect(positiveInt("abc", 7)).toBe(7);
  });
});

describe("pageParamsFrom", () => {
  it("defaults to the first page of twenty rows", () => {
    expect(pageParamsFrom(new URLSearchParams(""))).toEqual({ page: 1, pageSize: 20 });
  });

  it("never asks for more than one hundred rows", () => {
    expect(pageParamsFrom(new URLSearchParams("page=4&pageSize=1000"))).toEqual({ page: 4, pageSize: 100 });
  });
});
