// Proves the 核减 preview: typed as the amount that stays or as the amount taken off, it gives the
// same from / to / difference exactly; refuses a cut to the full request or below zero; and marks a
// cut of more than half (the case: 10000 typed against 1,920,000.00) as large, to be confirmed.
import { describe, expect, it } from "vitest";
import { cutPreview } from "./cutPreview.ts";

describe("cutPreview", () => {
  it("reads the amount that stays and the amount taken off alike", () => {
    expect(cutPreview("1920000.00", "1910000", "to")).toMatchObject({ ok: true, approved: "1910000.00", difference: "10000.00", large: false });
    expect(cutPreview("1920000.00", "10000", "by")).toMatchObject({ ok: true, approved: "1910000.00", difference: "10000.00", sharePercent: "0.52", large: false });
    expect(cutPreview("1920000.00", "1,910,000.00", "to")).toMatchObject({ ok: true, approved: "1910000.00" });
  });

  it("marks the mistaken cut of the issue as large: 1,920,000.00 down to 10,000.00", () => {
    const p = cutPreview("1920000.00", "10000", "to");
    expect(p).toMatchObject({ ok: true, approved: "10000.00", difference: "1910000.00", sharePercent: "99.48", large: true });
  });

  it("confirms more than half, not exactly half", () => {
    expect(cutPreview("100.00", "50.00", "to")).toMatchObject({ ok: true, large: false, sharePercent: "50.00" });
    expect(cutPreview("100.00", "49.99", "to")).toMatchObject({ ok: true, large: true });
  });

  it("refuses no cut, a cut beyond the request, and text that is not an amount", () => {
    expect(cutPreview("100.00", "100.00", "to").ok).toBe(false);
    expect(cutPreview("100.00", "0", "by").ok).toBe(false);
    expect(cutPreview("100.00", "100.01", "by").ok).toBe(false);
    expect(cutPreview("100.00", "0", "to")).toMatchObject({ ok: true, approved: "0.00", difference: "100.00" });
    expect(cutPreview("100.00", "1.234", "to").ok).toBe(false);
    expect(cutPreview("100.00", "", "to").ok).toBe(false);
  });
});
