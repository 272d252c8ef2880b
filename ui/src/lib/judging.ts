// What the judging screens show and how the scoring keys work, kept apart from the pages so the
// rules (which key gives which score, which scores need a comment, what counts as "next") are
// tested on their own. The rounds, the conflict kinds' words and the comment rule are the Rust
// side's, read from the generated rules table.
import type { ApiError, Band, ConflictKind, RankBy, Scale, Stage } from "./api";
import type { FormErrors, SummaryItem } from "./errors";
import { choicesOf, type Choice } from "./evaluation";
import { CHOICES, EXTREME_BANDS, PANEL_STAGES } from "./rules.generated";

/** The rounds a panel of judges scores (`PANEL_STAGES`). */
export const JUDGING_ROUNDS = PANEL_STAGES satisfies readonly Stage[];
export type JudgingRound = (typeof JUDGING_ROUNDS)[number];

/** The ranking the results page shows, as its link says it (`rank=raw`). */
export type RankChoice = "raw" | "normalised";

export function rankByOf(choice: RankChoice): RankBy {
  return choice === "normalised" ? "normalisedMean" : "rawMean";
}

export const CONFLICT_KINDS: Choice<ConflictKind>[] = choicesOf<ConflictKind>(CHOICES.ConflictKind);

/** "same team", for "You declared an interest: same team". */
export function conflictKindText(kind: ConflictKind): string {
  return (CONFLICT_KINDS.find((k) => k.value === kind)?.label ?? kind).toLowerCase();
}

/** Every score the scale allows, lowest first. */
export function scaleValues(scale: Scale): number[] {
  const values: number[] = [];
  for (let v = scale.min; v <= scale.max; v++) values.push(v);
  return values;
}

/**
 * The score a key gives on a scale, or null. Digits give themselves; on a scale that reaches 10
 * but has no 0 (1 to 10), "0" gives 10, since there is no 0 to give; where 0 is a score (0 to
 * 10), "t" gives 10.
 */
export function keyToScore(key: string, scale: Scale): number | null {
  const inScale = (v: number) => v >= scale.min && v <= scale.max;
  if (/^[0-9]$/.test(key)) {
    const digit = Number(key);
    if (digit === 0 && !inScale(0) && inScale(10)) return 10;
    return inScale(digit) ? digit : null;
  }
  if ((key === "t" || key === "T") && inScale(10)) return 10;
  return null;
}

/** How to type each score on the scale, for the hint and the help panel. */
export function scoreKeysText(scale: Scale): string {
  const base = `Type ${scale.min} to ${Math.min(scale.max, 9)} to give that score`;
  if (scale.max < 10) return base;
  if (scale.min === 0) return `${base}; type t for 10`;
  return `${base}; type 0 for 10`;
}

/** The band a score falls in, if any. */
export function bandFor(value: number | null, bands: Band[]): Band | null {
  if (value === null) return null;
  return bands.find((b) => value >= b.min && value <= b.max) ?? null;
}

/**
 * Whether a score is in an extreme band, the lowest or the highest (`EXTREME_BANDS` at each end):
 * the rubric's rule for a comment, as `Rubric::requires_comment` has it. Bands may come in any
 * order; a score off the scale is in no band.
 */
export function isExtreme(value: number | null, bands: readonly Pick<Band, "min" | "max">[]): boolean {
  if (value === null) return false;
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  const at = sorted.findIndex((b) => value >= b.min && value <= b.max);
  return at >= 0 && (at < EXTREME_BANDS || at >= sorted.length - EXTREME_BANDS);
}

/**
 * The criterion to go to for "n": the next one after `from` without a score, going round to the
 * start; -1 when every criterion has one.
 */
export function nextUnscored(scores: (number | null)[], from: number): number {
  for (let step = 1; step <= scores.length; step++) {
    const i = (from + step) % scores.length;
    if (scores[i] === null) return i;
  }
  return -1;
}

/** A work item as the scoring screen needs it. */
export type WorkStatus = { idea: number; scorable: boolean; scored: number; submitted: boolean };

/** The idea to go to when this one is done: the next one (going round) with anything unscored. */
export function nextIdeaToScore(items: WorkStatus[], current: number | null, criteria: number): number | null {
  const start = items.findIndex((i) => i.idea === current);
  for (let step = 1; step <= items.length; step++) {
    const item = items[(start + step + items.length) % items.length];
    if (item.idea !== current && item.scorable && !item.submitted && item.scored < criteria) return item.idea;
  }
  return null;
}

/** "Not started", "3 of 5", "Submitted" or "Declared interest", for the judge's list. */
export function workStatusText(item: { scored: number; submitted: boolean; assigned: boolean; conflict: unknown }, criteria: number): string {
  if (item.conflict) return "Declared interest";
  if (!item.assigned) return "Not assigned";
  if (item.submitted) return "Submitted";
  if (item.scored === 0) return "Not started";
  return `${item.scored} of ${criteria}`;
}

/** A mean or spread as shown in tables: two decimal places, or "—" when there is none. */
export function formatScore(value: number | null | undefined, places = 2): string {
  return value === null || value === undefined ? "—" : value.toFixed(places);
}

/** "+0.4 more generous", "−0.3 more severe" or "0.0 in line with the panel". */
export function severityText(severity: number | null): string {
  if (severity === null) return "—";
  const rounded = Math.round(severity * 10) / 10;
  if (rounded > 0) return `+${rounded.toFixed(1)} more generous`;
  // A true minus sign, as GOV.UK style asks for negative numbers.
  if (rounded < 0) return `\u2212${Math.abs(rounded).toFixed(1)} more severe`;
  return "0.0 in line with the panel";
}

/** "2 weighted", or "" when every criterion weighs the same (weights are ratios). */
export function weightText(weight: number | null, all: (number | null)[]): string {
  const given = all.map((w) => w ?? 1);
  if (given.every((w) => w === given[0])) return "equal weight";
  const total = given.reduce((a, b) => a + b, 0);
  return `${Math.round(((weight ?? 1) / total) * 100)}% of the total`;
}

/**
 * An ApiError as the GOV.UK error pattern on a judging page shows it, with the backend's field
 * names (`name`, `kind`) turned into the ids of this page's inputs (`judge-name`,
 * `conflict-kind-lineManagement`). A refusal that names fields (a submit with criteria still to
 * score) is shown by field too.
 */
export function pageErrors(error: ApiError, idOf: (field: string) => string): FormErrors {
  const named = error.code === "validation" || error.code === "refused";
  if (!named || error.fields.length === 0) return { summary: [], byField: {}, general: error.message };
  const byField: Record<string, string> = {};
  const summary: SummaryItem[] = [];
  for (const { field, message } of error.fields) {
    const id = idOf(field);
    if (id in byField) continue;
    byField[id] = message;
    summary.push({ href: `#${id}`, text: message });
  }
  return { summary, byField, general: null };
}
