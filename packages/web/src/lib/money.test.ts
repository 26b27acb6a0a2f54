// Proves the one money format: thousands separators, exactly two decimals, the sign kept, zero never
// negative, empty values as a dash, and text that is not an amount left alone (never rounded).
import { describe, expect, it } from "vitest";
import { formatYuanText } from "./money.ts";

describe("formatYuanText", () => {
  it("groups thousands and keeps two decimals", () => {
    expect(formatYuanText("1983900.00")).toBe("1,983,900.00");
    expect(formatYuanText("1920000")).toBe("1,920,000.00");
    expect(formatYuanText("999.5")).toBe("999.50");
    expect(formatYuanText("1000.05")).toBe("1,000.05");
  });

  it("keeps the sign of a negative amount, and never writes -0.00", () => {
    expect(formatYuanText("-1234567.89")).toBe("-1,234,567.89");
    expect(formatYuanText("-0.00")).toBe("0.00");
    expect(formatYuanText("0")).toBe("0.00");
  });

  it("is exact for amounts beyond what a float holds", () => {
    expect(formatYuanText("12345678901234567.89")).toBe("12,345,678,901,234,567.89");
  });

  it("shows a dash for no amount and leaves other text alone", () => {
    expect(formatYuanText(null)).toBe("—");
    expect(formatYuanText("")).toBe("—");
    expect(formatYuanText("1.234")).toBe("1.234");
    expect(formatYuanText("12%")).toBe("12%");
  });
});
