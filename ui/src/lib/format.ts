// Dates and counts in the GOV.UK style: "14 May 2021", "1 idea", "200 ideas".

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/**
 * "14 May 2021" from a calendar date (`2021-05-14`) or an RFC 3339 timestamp. A calendar date is
 * taken as it is written; a timestamp is shown on the day it was in this computer's time zone.
 * Text that is neither is returned unchanged rather than shown as "Invalid Date".
 */
export function formatDate(value: string): string {
  const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (calendar) {
    const [, y, m, d] = calendar;
    const month = MONTHS[Number(m) - 1];
    return month ? `${Number(d)} ${month} ${y}` : value;
  }
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) return value;
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

/** "14 May 2021 at 3:07pm", the GOV.UK style for a time. */
export function formatDateTime(value: string): string {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) return value;
  const hours = date.getHours();
  const minutes = date.getMinutes();
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  const time =
    minutes === 0 && hours === 0
      ? "midnight"
      : minutes === 0 && hours === 12
        ? "midday"
        : `${h12}:${String(minutes).padStart(2, "0")}${hours < 12 ? "am" : "pm"}`;
  return `${formatDate(value)} at ${time}`;
}

export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? singular : plural}`;
}

/**
 * Splits free text into paragraphs at blank lines, keeping single line breaks inside a paragraph
 * (shown with `white-space: pre-line`).
 */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/^\n+|\s+$/g, ""))
    .filter((p) => p.trim() !== "");
}

/** The document title: "Ideas – Shortlist", or "Error: Add an idea – Shortlist". */
export function pageTitle(page: string, hasError = false): string {
  return `${hasError ? "Error: " : ""}${page} – Shortlist`;
}

export const DATA_DIR_SOURCE_TEXT = {
  flag: "the --data-dir option Shortlist was started with",
  environment: "the SHORTLIST_DATA_DIR environment variable",
  default: "the default place for this computer",
} as const;

/** The first `max` characters or so, cut at a word where one is near, with "…" when cut. */
export function truncate(text: string, max = 200): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The three boxes of a GOV.UK date input for a calendar date (`2021-05-04` → 4, 5, 2021). */
export function dateParts(value: string): { day: string; month: string; year: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return { day: "", month: "", year: "" };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] };
}

/** Today on this computer's calendar, as the three boxes of a date input. */
export function todayParts(now: Date = new Date()): { day: string; month: string; year: string } {
  return { day: String(now.getDate()), month: String(now.getMonth() + 1), year: String(now.getFullYear()) };
}
