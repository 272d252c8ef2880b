// The "Close the challenge" page's words and sums, apart from the page so they can be tested
// alone. The counting and the suppression are Rust's (`participation_report`): here a figure is
// only shown, or drawn as a bar.
import type { CategoryRow, Dimension, Figure, LettersPreview, LettersWritten, LonglistWritten, ClosingFileWritten, ParticipationReport } from "./api";
import type { Choice } from "./evaluation";
import { countOf } from "./format";

/** How a withheld count is written, as in the report's PDF and CSV (the ONS convention). */
export const SUPPRESSED = "[c]";

export const DIMENSIONS: Choice<Dimension>[] = [
  { value: "department", label: "Department or agency" },
  { value: "profession", label: "Profession" },
  { value: "grade", label: "Grade" },
  { value: "region", label: "Region" },
  { value: "theme", label: "Theme" },
];

export function dimensionLabel(d: Dimension): string {
  return DIMENSIONS.find((c) => c.value === d)?.label ?? d;
}

/** A figure as printed: the count, or [c] when it is withheld. */
export function figureText(f: Figure): string {
  return f.kind === "shown" ? String(f.count) : SUPPRESSED;
}

/** A share as a percentage with one decimal, or [c] when its count is withheld. */
export function shareText(share: number | null): string {
  return share === null ? SUPPRESSED : `${(share * 100).toFixed(1)}%`;
}

export type Bar = { label: string; value: number; width: number };

/**
 * Bars for the shown figures, each as a share of the largest (0–100, for a CSS width). Withheld
 * figures are left out rather than drawn as zero: a bar of nothing would say "none".
 */
export function bars(items: { label: string; figure: Figure }[], max: number | null = null): Bar[] {
  const shown = items.flatMap((i) => (i.figure.kind === "shown" ? [{ label: i.label, value: i.figure.count }] : []));
  const top = max ?? Math.max(0, ...shown.map((b) => b.value));
  return shown.map((b) => ({ ...b, width: top > 0 ? Math.round((b.value / top) * 1000) / 10 : 0 }));
}

/** A table's rows with a shown total, largest first, at most `limit`: what its chart draws. */
export function chartRows(rows: CategoryRow[], limit = 12): CategoryRow[] {
  return rows
    .filter((r) => r.total.kind === "shown")
    .sort((a, b) => (b.total.kind === "shown" ? b.total.count : 0) - (a.total.kind === "shown" ? a.total.count : 0))
    .slice(0, limit);
}

/** The largest count shown anywhere in a table's cells, for small multiples on one scale. */
export function largestCell(rows: CategoryRow[]): number {
  return Math.max(0, ...rows.flatMap((r) => r.byStage.map((f) => (f.kind === "shown" ? f.count : 0))));
}

/** The sentence under the report's heading about what is hidden. */
export function suppressionNote(report: ParticipationReport, suppressedAny: boolean): string {
  if (report.threshold <= 1) return "No counts are hidden: this view is not for publication.";
  const rule = `Counts of fewer than ${report.threshold} are shown as ${SUPPRESSED}, as in official statistics, so that no one can be identified from them; another count in the same row or column is hidden too where the hidden one could be worked out from a total.`;
  return suppressedAny ? rule : `${rule} None needed hiding in this challenge.`;
}

export function reportSavedMessage(w: ClosingFileWritten): string {
  return w.pages === null ? `Saved the report's counts to ${w.path}` : `Saved the report (${countOf(w.pages, "page")}) to ${w.path}`;
}

export function lettersSummary(p: LettersPreview): string {
  const letters = countOf(p.plan.letters.length, "letter");
  return `${letters} for ${countOf(p.ideas, "idea")}: ${p.draftable} can also go as email drafts.`;
}

export function lettersWrittenMessage(w: LettersWritten): string {
  const drafts = w.drafts > 0 ? ` and ${countOf(w.drafts, "email draft")}` : "";
  return `Wrote ${countOf(w.letters, "letter")} (${countOf(w.pdfFiles, "PDF file")}${drafts}) to ${w.folder}. Nothing was sent`;
}

export function longlistWrittenMessage(w: LonglistWritten): string {
  return `Wrote the longlist of ${countOf(w.ideas, "idea")} to ${w.folder}: ${countOf(w.namesPublished, "name")} published with consent, ${countOf(w.namesWithheld, "name")} left out`;
}

/** A template's form field id for the outcome the backend names (`template-notProgressed`). */
export function templateId(outcome: string): string {
  return `closing-template-${outcome}`;
}
