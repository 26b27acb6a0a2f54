// Proves times are shown in Beijing time whatever the machine's zone, and empty values as a dash.
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDateTimeSeconds } from "./format.ts";

describe("formatDateTime", () => {
  it("shows a deadline at the end of a China day as 23:59", () => {
    expect(formatDateTime("2026-11-17T15:59:59.999Z")).toBe("2026-11-17 23:59");
    expect(formatDateTimeSeconds("2026-11-17T15:59:59.999Z")).toBe("2026-11-17 23:59:59");
  });

  it("crosses midnight into the next China day", () => {
    expect(formatDateTime("2026-12-31T16:00:00Z")).toBe("2027-01-01 00:00");
  });

  it("shows a dash for no value and the text itself for a non-date", () => {
    expect(formatDateTime(null)).toBe("—");
    expect(formatDateTime("")).toBe("—");
    expect(formatDateTime("not a date")).toBe("not a date");
  });
});

describe("formatDate", () => {
  it("gives the China date of an instant, the day turning at 16:00 UTC, and a bare date as it is", () => {
    expect(formatDate("2026-11-17T15:59:59.999Z")).toBe("2026-11-17");
    expect(formatDate("2026-11-17T16:00:00.000Z")).toBe("2026-11-18");
    expect(formatDate("2024-02-29")).toBe("2024-02-29");
    expect(formatDate(null)).toBe("—");
    expect(formatDate("")).toBe("—");
  });
});
