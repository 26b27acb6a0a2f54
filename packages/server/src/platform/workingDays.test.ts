// Proves that deadlines are counted in China-time working days, skipping weekends and configured holidays and counting 调休 weekend workdays, that counting between two instants agrees with adding, and that malformed dates, day counts and calendars are refused.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CALENDAR_DATES_MAX,
  WORKING_DAYS_MAX,
  addWorkingDays,
  chinaDate,
  chinaDateTime,
  chinaDayStart,
  chinaMinute,
  defaultCalendar,
  isWorkingDay,
  parseCalendar,
  workingDaysBetween,
  type WorkCalendar,
} from "./workingDays.ts";

const DAY_MS = 86_400_000;

/** An instant given as China wall-clock time. */
function china(text: string): Date {
  return new Date(`${text}+08:00`);
}

/** The deadline instant for a China date: the last millisecond of that day in UTC+8. */
function endOfChinaDay(date: string): Date {
  return china(`${date}T23:59:59.999`);
}

/** 2025 as published by the State Council: 端午 31 May–2 June (Monday 2 June off); 国庆 1–8 October, with Sunday 28 September and Saturday 11 October worked. */
const calendar2025 = parseCalendar({
  holidays: ["2025-05-31", "2025-06-01", "2025-06-02", ...["01", "02", "03", "04", "05", "06", "07", "08"].map((d) => `2025-10-${d}`)],
  extraWorkdays: ["2025-09-28", "2025-10-11"],
});

describe("isWorkingDay", () => {
  it("counts Monday to Friday and not Saturday or Sunday in plain weeks", () => {
    const week = ["2025-06-09", "2025-06-10", "2025-06-11", "2025-06-12", "2025-06-13", "2025-06-14", "2025-06-15"];
    expect(week.map((date) => isWorkingDay(date, defaultCalendar))).toEqual([true, true, true, true, true, false, false]);
  });

  it("takes a configured holiday on a Monday off", () => {
    expect(isWorkingDay("2025-06-02", calendar2025)).toBe(false);
    expect(isWorkingDay("2025-06-02", defaultCalendar)).toBe(true);
    expect(isWorkingDay("2025-06-03", calendar2025)).toBe(true);
  });

  it("works a configured 调休 Saturday and Sunday", () => {
    expect(isWorkingDay("2025-10-11", calendar2025)).toBe(true);
    expect(isWorkingDay("2025-09-28", calendar2025)).toBe(true);
    expect(isWorkingDay("2025-10-11", defaultCalendar)).toBe(false);
    expect(isWorkingDay("2025-10-12", calendar2025)).toBe(false);
  });

  it("is unchanged by a weekend listed as a holiday or a weekday listed as a workday", () => {
    const redundant: WorkCalendar = { holidays: new Set(["2025-06-14"]), extraWorkdays: new Set(["2025-06-10"]) };
    expect(isWorkingDay("2025-06-14", redundant)).toBe(false);
    expect(isWorkingDay("2025-06-10", redundant)).toBe(true);
  });

  it("gives a day off when a hand-made calendar lists a date as both", () => {
    const both: WorkCalendar = { holidays: new Set(["2025-06-14", "2025-06-10"]), extraWorkdays: new Set(["2025-06-14", "2025-06-10"]) };
    expect(isWorkingDay("2025-06-14", both)).toBe(false);
    expect(isWorkingDay("2025-06-10", both)).toBe(false);
  });

  it("accepts 29 February only in leap years", () => {
    expect(isWorkingDay("2024-02-29", defaultCalendar)).toBe(true);
    expect(() => isWorkingDay("2025-02-29", defaultCalendar)).toThrow(RangeError);
  });

  it("refuses malformed and impossible dates", () => {
    for (const bad of ["2025-6-2", "2025-13-01", "2025-00-10", "2025-04-31", "2025-06-00", " 2025-06-02", "2025-06-02T00:00", "20250602", ""]) {
      expect(() => isWorkingDay(bad, defaultCalendar), bad).toThrow(RangeError);
    }
  });
});

describe("chinaDate", () => {
  it("changes date at 16:00 UTC, which is midnight in China", () => {
    expect(chinaDate(new Date("2025-01-03T15:59:59.999Z"))).toBe("2025-01-03");
    expect(chinaDate(new Date("2025-01-03T16:00:00.000Z"))).toBe("2025-01-04");
    expect(chinaDate(new Date("2024-12-31T16:00:00.000Z"))).toBe("2025-01-01");
  });

  it("ignores daylight saving time because China has none", () => {
    expect(chinaDate(new Date("2025-07-01T15:59:59.999Z"))).toBe("2025-07-01");
    expect(chinaDate(new Date("2025-07-01T16:00:00.000Z"))).toBe("2025-07-02");
  });

  it("refuses an invalid Date", () => {
    expect(() => chinaDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("chinaDateTime", () => {
  it("reads an instant in China time to the second, the day turning at 16:00 UTC", () => {
    expect(chinaDateTime(new Date("2024-12-31T15:59:59.999Z"))).toBe("2024-12-31 23:59:59");
    expect(chinaDateTime(new Date("2024-12-31T16:00:00.000Z"))).toBe("2025-01-01 00:00:00");
    expect(chinaDateTime(new Date("2024-02-28T16:30:05Z"))).toBe("2024-02-29 00:30:05");
  });

  it("starts a China day at 16:00 UTC the day before (chinaDayStart), at a year's turn and on 29 February", () => {
    expect(chinaDayStart("2025-01-01").toISOString()).toBe("2024-12-31T16:00:00.000Z");
    expect(chinaDayStart("2024-02-29").toISOString()).toBe("2024-02-28T16:00:00.000Z");
    expect(chinaDate(chinaDayStart("2024-03-01"))).toBe("2024-03-01");
    expect(chinaDate(new Date(chinaDayStart("2024-03-01").getTime() - 1))).toBe("2024-02-29");
  });

  it("to the minute from ISO text (chinaMinute), the day turning at 16:00 UTC", () => {
    expect(chinaMinute("2024-12-31T15:59:59.999Z")).toBe("2024-12-31 23:59");
    expect(chinaMinute("2025-01-01T00:00:00+08:00")).toBe("2025-01-01 00:00");
  });
});

describe("addWorkingDays", () => {
  it("does not count the start day and skips the weekend", () => {
    const fridayMorning = china("2025-06-06T10:00:00");
    expect(addWorkingDays(fridayMorning, 1, defaultCalendar)).toEqual(endOfChinaDay("2025-06-09"));
    expect(addWorkingDays(china("2025-06-09T08:00:00"), 5, defaultCalendar)).toEqual(endOfChinaDay("2025-06-16"));
  });

  it("ends the deadline at the last millisecond of the day in China", () => {
    const deadline = addWorkingDays(china("2025-06-09T08:00:00"), 1, defaultCalendar);
    expect(deadline.toISOString()).toBe("2025-06-10T15:59:59.999Z");
    expect(chinaDate(deadline)).toBe("2025-06-10");
    expect(chinaDate(new Date(deadline.getTime() + 1))).toBe("2025-06-11");
  });

  it("skips a holiday on a Monday", () => {
    const friday = china("2025-05-30T09:00:00");
    expect(addWorkingDays(friday, 1, calendar2025)).toEqual(endOfChinaDay("2025-06-03"));
    expect(addWorkingDays(friday, 1, defaultCalendar)).toEqual(endOfChinaDay("2025-06-02"));
  });

  it("counts a 调休 Saturday as a working day", () => {
    const friday = china("2025-10-10T09:00:00");
    expect(addWorkingDays(friday, 1, calendar2025)).toEqual(endOfChinaDay("2025-10-11"));
    expect(addWorkingDays(friday, 1, defaultCalendar)).toEqual(endOfChinaDay("2025-10-13"));
  });

  it("crosses the National Day week", () => {
    const start = china("2025-09-30T17:00:00");
    expect(addWorkingDays(start, 1, calendar2025)).toEqual(endOfChinaDay("2025-10-09"));
    expect(addWorkingDays(start, 3, calendar2025)).toEqual(endOfChinaDay("2025-10-11"));
    expect(addWorkingDays(start, 4, calendar2025)).toEqual(endOfChinaDay("2025-10-13"));
  });

  it("starts from the China date when late Friday in UTC is already Saturday in China", () => {
    const lateFridayUtc = new Date("2025-06-06T17:00:00Z");
    expect(chinaDate(lateFridayUtc)).toBe("2025-06-07");
    expect(addWorkingDays(lateFridayUtc, 1, defaultCalendar)).toEqual(endOfChinaDay("2025-06-09"));
    // Before the 调休 Saturday 11 October the difference shows: that Saturday is the start day, so it does not count.
    const lateFridayBeforeWorkedSaturday = new Date("2025-10-10T17:00:00Z");
    expect(addWorkingDays(lateFridayBeforeWorkedSaturday, 1, calendar2025)).toEqual(endOfChinaDay("2025-10-13"));
    expect(addWorkingDays(new Date("2025-10-10T15:59:59.999Z"), 1, calendar2025)).toEqual(endOfChinaDay("2025-10-11"));
  });

  it("accepts 1 and 365 days and refuses 0, negative, fractional, non-finite and 366", () => {
    const monday = china("2025-06-09T08:00:00");
    expect(addWorkingDays(monday, WORKING_DAYS_MAX, defaultCalendar)).toEqual(endOfChinaDay("2026-11-02"));
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, WORKING_DAYS_MAX + 1]) {
      expect(() => addWorkingDays(monday, bad, defaultCalendar), String(bad)).toThrow(RangeError);
    }
  });

  it("refuses an invalid start", () => {
    expect(() => addWorkingDays(new Date(Number.NaN), 1, defaultCalendar)).toThrow(RangeError);
  });

  it("gives up with a clear error when the calendar has almost no working days", () => {
    const holidays = new Set<string>();
    for (let day = Date.UTC(2025, 0, 1); day < Date.UTC(2036, 0, 1); day += DAY_MS) holidays.add(new Date(day).toISOString().slice(0, 10));
    expect(() => addWorkingDays(china("2025-01-01T08:00:00"), 1, { holidays, extraWorkdays: new Set() })).toThrow(/工作日历异常/);
  });
});

describe("workingDaysBetween", () => {
  it("counts the working days after the start date up to and including the end date", () => {
    expect(workingDaysBetween(china("2025-06-06T10:00:00"), china("2025-06-09T09:00:00"), defaultCalendar)).toBe(1);
    expect(workingDaysBetween(china("2025-06-06T10:00:00"), china("2025-06-13T00:00:00"), defaultCalendar)).toBe(5);
    expect(workingDaysBetween(china("2025-06-06T10:00:00"), china("2025-06-08T23:00:00"), defaultCalendar)).toBe(0);
  });

  it("is 0 when the end is not later than the start, or on the same China day", () => {
    const at = china("2025-06-10T10:00:00");
    expect(workingDaysBetween(at, at, defaultCalendar)).toBe(0);
    expect(workingDaysBetween(at, china("2025-06-03T10:00:00"), defaultCalendar)).toBe(0);
    expect(workingDaysBetween(at, china("2025-06-10T23:59:59.999"), defaultCalendar)).toBe(0);
    expect(workingDaysBetween(at, china("2025-06-11T00:00:00"), defaultCalendar)).toBe(1);
  });

  it("leaves out holidays and counts 调休 weekend days", () => {
    const start = china("2025-09-30T10:00:00");
    const end = china("2025-10-12T10:00:00");
    expect(workingDaysBetween(start, end, calendar2025)).toBe(3);
    expect(workingDaysBetween(start, end, defaultCalendar)).toBe(8);
    expect(workingDaysBetween(china("2025-09-26T10:00:00"), china("2025-09-28T10:00:00"), calendar2025)).toBe(1);
  });

  it("counts a whole year arithmetically", () => {
    expect(workingDaysBetween(china("2025-01-01T00:00:00"), china("2026-01-01T00:00:00"), defaultCalendar)).toBe(261);
    expect(workingDaysBetween(china("2025-01-01T00:00:00"), china("2026-01-01T00:00:00"), calendar2025)).toBe(261 - 7 + 2);
  });

  it("refuses invalid dates", () => {
    expect(() => workingDaysBetween(new Date(Number.NaN), new Date(), defaultCalendar)).toThrow(RangeError);
    expect(() => workingDaysBetween(new Date(), new Date(Number.NaN), defaultCalendar)).toThrow(RangeError);
  });
});

describe("working days, properties", () => {
  const START_MS_MIN = Date.UTC(2024, 0, 1);
  const START_MS_MAX = Date.UTC(2027, 0, 1);
  const instant = fc.integer({ min: START_MS_MIN, max: START_MS_MAX }).map((ms) => new Date(ms));
  const dayText = fc.integer({ min: 0, max: (START_MS_MAX - START_MS_MIN) / DAY_MS + 400 }).map((offset) =>
    new Date(START_MS_MIN + offset * DAY_MS).toISOString().slice(0, 10),
  );
  /** Random calendars with up to a third of the days changed, the two lists kept apart. */
  const randomCalendar = fc
    .tuple(fc.uniqueArray(dayText, { maxLength: 400 }), fc.uniqueArray(dayText, { maxLength: 200 }))
    .map(([holidays, extra]): WorkCalendar => ({
      holidays: new Set(holidays),
      extraWorkdays: new Set(extra.filter((date) => !holidays.includes(date))),
    }));
  const calendars = fc.oneof(fc.constant(defaultCalendar), fc.constant(calendar2025), randomCalendar);

  function naiveBetween(from: Date, to: Date, cal: WorkCalendar): number {
    if (to <= from) return 0;
    let count = 0;
    for (let day = Date.parse(`${chinaDate(from)}T00:00:00Z`) + DAY_MS; day <= Date.parse(`${chinaDate(to)}T00:00:00Z`); day += DAY_MS) {
      if (isWorkingDay(new Date(day).toISOString().slice(0, 10), cal)) count += 1;
    }
    return count;
  }

  it("always puts the deadline at the end of a working day, later than for one day fewer", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 2, max: WORKING_DAYS_MAX }), calendars, (start, days, cal) => {
        const deadline = addWorkingDays(start, days, cal);
        expect(isWorkingDay(chinaDate(deadline), cal)).toBe(true);
        expect(chinaDate(new Date(deadline.getTime() + 1))).not.toBe(chinaDate(deadline));
        expect(deadline.getTime()).toBeGreaterThan(start.getTime());
        expect(deadline.getTime()).toBeGreaterThanOrEqual(addWorkingDays(start, days - 1, cal).getTime() + DAY_MS);
      }),
      { numRuns: 200 },
    );
  });

  it("counts back exactly the days that were added", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: WORKING_DAYS_MAX }), calendars, (start, days, cal) => {
        const deadline = addWorkingDays(start, days, cal);
        expect(workingDaysBetween(start, deadline, cal)).toBe(days);
        expect(workingDaysBetween(start, new Date(deadline.getTime() + 1), cal)).toBe(days + (isWorkingDay(chinaDate(new Date(deadline.getTime() + 1)), cal) ? 1 : 0));
      }),
      { numRuns: 200 },
    );
  });

  it("counts between any two instants as a day-by-day count would", () => {
    fc.assert(
      fc.property(instant, instant, calendars, (from, to, cal) => {
        expect(workingDaysBetween(from, to, cal)).toBe(naiveBetween(from, to, cal));
      }),
      { numRuns: 200 },
    );
  });
});

describe("parseCalendar", () => {
  it("reads holidays and 调休 workdays into sets", () => {
    const cal = parseCalendar({ holidays: ["2025-10-01", "2025-10-02"], extraWorkdays: ["2025-10-11"] });
    expect([...cal.holidays]).toEqual(["2025-10-01", "2025-10-02"]);
    expect([...cal.extraWorkdays]).toEqual(["2025-10-11"]);
  });

  it("treats a missing list as empty and accepts empty lists", () => {
    expect(parseCalendar({}).holidays.size).toBe(0);
    expect(parseCalendar({ holidays: ["2025-10-01"] }).extraWorkdays.size).toBe(0);
    expect(parseCalendar({ holidays: [], extraWorkdays: [] }).holidays.size).toBe(0);
  });

  it("accepts weekend days among the holidays, as the State Council notice lists them", () => {
    expect(parseCalendar({ holidays: ["2025-10-04", "2025-10-05"] }).holidays.has("2025-10-04")).toBe(true);
  });

  it("refuses anything but an object, naming what is expected in Chinese", () => {
    for (const bad of [null, undefined, [], "2025-10-01", 5]) {
      expect(() => parseCalendar(bad)).toThrow(/节假日配置必须是一个对象/);
    }
  });

  it("refuses unknown fields", () => {
    expect(() => parseCalendar({ holidays: [], workdays: [] })).toThrow(/未知字段“workdays”/);
  });

  it("refuses a list that is not an array", () => {
    expect(() => parseCalendar({ holidays: "2025-10-01" })).toThrow(/holidays（节假日）必须是日期字符串数组/);
    expect(() => parseCalendar({ extraWorkdays: { 0: "2025-10-11" } })).toThrow(/extraWorkdays/);
  });

  it("refuses malformed and impossible dates, saying which item", () => {
    expect(() => parseCalendar({ holidays: ["2025-10-01", "2025-10-32"] })).toThrow(/第 2 项“2025-10-32”不是有效日期/);
    expect(() => parseCalendar({ holidays: ["2025/10/01"] })).toThrow(/YYYY-MM-DD/);
    expect(() => parseCalendar({ extraWorkdays: [20251011] })).toThrow(/第 1 项（number）/);
    expect(() => parseCalendar({ holidays: ["2025-02-29"] })).toThrow(/不是有效日期/);
  });

  it("refuses a date listed both as a holiday and as a workday", () => {
    expect(() => parseCalendar({ holidays: ["2025-10-11"], extraWorkdays: ["2025-10-11"] })).toThrow(/2025-10-11 不能既是节假日又是调休上班日/);
  });

  it("accepts the maximum number of dates and refuses one more", () => {
    const dates = Array.from({ length: CALENDAR_DATES_MAX + 1 }, (_, i) => new Date(Date.UTC(2000, 0, 1) + i * DAY_MS).toISOString().slice(0, 10));
    expect(parseCalendar({ holidays: dates.slice(0, CALENDAR_DATES_MAX) }).holidays.size).toBe(CALENDAR_DATES_MAX);
    expect(() => parseCalendar({ holidays: dates })).toThrow(/最多/);
  });
});

describe("defaultCalendar", () => {
  it("has no holidays and no 调休 workdays, because those are configuration", () => {
    expect(defaultCalendar.holidays.size).toBe(0);
    expect(defaultCalendar.extraWorkdays.size).toBe(0);
  });
});
