import { describe, expect, it } from "vitest";
import { countOf, formatDate, formatDateTime, pageTitle, paragraphs } from "./format";

describe("formatDate", () => {
  it("writes calendar dates the GOV.UK way, without a leading zero", () => {
    expect(formatDate("2021-05-14")).toBe("14 May 2021");
    expect(formatDate("2021-12-01")).toBe("1 December 2021");
  });

  it("shows a timestamp on its day in this computer's time zone", () => {
    // Midday UTC is the same calendar day in every time zone from UTC-11 to UTC+11.
    expect(formatDate("2021-05-14T12:00:00Z")).toBe("14 May 2021");
    expect(formatDate("2021-05-14T12:00:00.123456+00:00")).toBe("14 May 2021");
  });

  it("returns text that is not a date unchanged rather than 'Invalid Date'", () => {
    expect(formatDate("soon")).toBe("soon");
    expect(formatDate("2021-13-01")).toBe("2021-13-01");
  });
});

describe("formatDateTime", () => {
  it("uses am/pm, midday and midnight", () => {
    const local = (h: number, m: number) => new Date(2021, 4, 14, h, m).toISOString();
    expect(formatDateTime(local(15, 7))).toBe("14 May 2021 at 3:07pm");
    expect(formatDateTime(local(9, 30))).toBe("14 May 2021 at 9:30am");
    expect(formatDateTime(local(12, 0))).toBe("14 May 2021 at midday");
    expect(formatDateTime(local(0, 0))).toBe("14 May 2021 at midnight");
  });
});

describe("countOf", () => {
  it("agrees in number and groups thousands", () => {
    expect(countOf(0, "idea")).toBe("0 ideas");
    expect(countOf(1, "idea")).toBe("1 idea");
    expect(countOf(200, "idea")).toBe("200 ideas");
    expect(countOf(10000, "idea")).toBe("10,000 ideas");
  });
});

describe("paragraphs", () => {
  it("splits at blank lines and keeps single line breaks inside a paragraph", () => {
    expect(paragraphs("First line\nsecond line\n\n\nNext para\r\n\r\nLast  ")).toEqual([
      "First line\nsecond line",
      "Next para",
      "Last",
    ]);
  });

  it("gives nothing for empty or blank text", () => {
    expect(paragraphs("  \n\n ")).toEqual([]);
  });
});

describe("pageTitle", () => {
  it("names the page and the product, and says Error first when there is one", () => {
    expect(pageTitle("Ideas")).toBe("Ideas – Shortlist");
    expect(pageTitle("Add an idea", true)).toBe("Error: Add an idea – Shortlist");
  });
});
