// The packs page's words and checks, apart from the page so they can be tested alone. The Rust
// side checks the round, the idea and the version (`preview_pack`/`write_pack`); the meeting date
// is checked here because a date that is not real cannot be sent as one.
import type { PackKind, PackPreview, PackSummary, Stage } from "./api";
import type { Choice } from "./evaluation";
import { countOf } from "./format";
import { stageLabel } from "./stage";

export const PACK_KINDS: Choice<PackKind>[] = [
  { value: "panel", label: "Panel briefing pack for a round" },
  { value: "onePage", label: "One-page summary of an idea" },
  { value: "judge", label: "Briefing pack for one judge: their ideas only, without those they declared an interest in" },
  { value: "results", label: "Results pack after scoring: ranking, spread, disagreements, decisions" },
];

/** Packs made for a round (the others are for one idea). */
export function needsRound(kind: PackKind | ""): boolean {
  return kind === "panel" || kind === "judge" || kind === "results";
}

/** The rounds a panel meets for, in order; the shortlist is where the 2021 panel first sat. */
export const PACK_ROUNDS: Choice<Stage>[] = (["longlist", "shortlist", "semiFinal", "final"] as Stage[]).map((value) => ({
  value,
  label: stageLabel(value),
}));

export const DEFAULT_VERSION = "Version 1";

export type DateBoxes = { day: string; month: string; year: string };

/**
 * The meeting date as the ISO date the Rust side takes: null when all three boxes are empty,
 * an error message when some are filled or the date is not real.
 */
export function meetingDate(boxes: DateBoxes): { date: string | null } | { error: string } {
  const [day, month, year] = [boxes.day.trim(), boxes.month.trim(), boxes.year.trim()];
  if (day === "" && month === "" && year === "") return { date: null };
  if (day === "" || month === "" || year === "") {
    const missing = [day === "" ? "day" : null, month === "" ? "month" : null, year === "" ? "year" : null].filter(Boolean);
    return { error: `The meeting date must include a ${missing.join(" and ")}` };
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { error: "The meeting date must be a real date, for example 14 9 2021" };
  }
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { error: "The meeting date must be a real date, for example 14 9 2021" };
  }
  return { date: `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` };
}

/** "This pack will be 28 pages: 8 ideas", or "… 1 page: 1 idea" for a one-page summary. */
export function previewText(preview: PackPreview): string {
  return `This pack will be ${countOf(preview.pages, "page")}: ${countOf(preview.ideas, "idea")}`;
}

/** A file's size as people read it: "103 KB", "1.4 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1000 * 1000) return `${Math.max(1, Math.round(bytes / 1000)).toLocaleString("en-GB")} KB`;
  return `${(bytes / (1000 * 1000)).toFixed(1)} MB`;
}

/** The file's name without its folder, whichever separator the system uses. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).filter((p) => p !== "").pop() ?? path;
}

/** "Saved DC21 shortlist panel pack.pdf (28 pages, 103 KB)". */
export function savedMessage(summary: PackSummary): string {
  return `Saved ${fileName(summary.path)} (${countOf(summary.pages, "page")}, ${fileSize(summary.bytes)})`;
}
