// The rubric editor's rules, kept apart from its page so they are tested on their own: the
// scales a round may use, the default rubric a round without one starts from, criterion ids made
// from names, bands split evenly over a scale, each weight's share of the total, and the draft
// checked for what only the form can get wrong (a weight or a band edge that is not a number)
// before it goes to the backend, which checks everything else.
import type { Band, Criterion, RubricDraft, Scale } from "./api";
import type { FormErrors, SummaryItem } from "./errors";

/** The scales the editor offers, as their select values say them. */
export const SCALES: { value: string; label: string; scale: Scale }[] = [
  { value: "1-5", label: "1 to 5", scale: { min: 1, max: 5 } },
  { value: "1-10", label: "1 to 10", scale: { min: 1, max: 10 } },
  { value: "0-10", label: "0 to 10", scale: { min: 0, max: 10 } },
];

export function scaleValue(scale: Scale): string {
  return `${scale.min}-${scale.max}`;
}

/** The scale a select value names; null for one the editor does not offer. */
export function parseScale(value: string): Scale | null {
  const match = /^(\d+)-(\d+)$/.exec(value);
  return match ? { min: Number(match[1]), max: Number(match[2]) } : null;
}

/**
 * The challenge default, as the backend's `challenge_default` template has it, for a round with
 * no rubric yet. (No command returns a template's draft, so it is repeated here; the backend
 * checks whatever is saved.)
 */
export function defaultRubric(): RubricDraft {
  const criterion = (id: string, name: string, guidance: string): Criterion => ({ id, name, guidance, weight: 1 });
  return {
    name: "Challenge default (1 to 5)",
    scale: { min: 1, max: 5 },
    criteria: [
      criterion(
        "viability",
        "Viability",
        "Is the data available and good enough, is there a legal basis to use and share it, and is it technically feasible with the skills, money and time it would need?",
      ),
      criterion("benefits", "Benefits", "Who gains, in what way, by how much, and how sure can we be?"),
      criterion(
        "deliverability",
        "Deliverability given the obstacles",
        "How likely is delivery once the obstacles identified in the evaluation are taken into account, and are the mitigations credible?",
      ),
      criterion("scale_of_impact", "Scale of impact", "How far would the benefits reach: one team, a department, or across government and the public?"),
      criterion("innovation", "Innovation", "Does it use data in a new way, or bring a proven approach somewhere it has not been used?"),
    ],
    bands: [
      { min: 1, max: 1, label: "Poor", description: "Does not address the criterion, or the evidence points against it." },
      { min: 2, max: 2, label: "Weak", description: "Addresses the criterion in part, with significant gaps or doubts." },
      { min: 3, max: 3, label: "Adequate", description: "Meets the criterion, with some gaps that could be closed." },
      { min: 4, max: 4, label: "Strong", description: "Meets the criterion well, with good evidence and minor gaps." },
      { min: 5, max: 5, label: "Excellent", description: "Meets the criterion fully and convincingly; an exemplar." },
    ],
  };
}

/**
 * A criterion id from its name, in camelCase ("Value for money" → `valueForMoney`), made unique
 * among `taken` with a number. Existing criteria keep their ids: scores refer to them.
 */
export function criterionIdFrom(name: string, taken: Iterable<string>): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
  const base = words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join("") || "criterion";
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

/**
 * `count` bands covering the scale with no gaps, as even as whole scores allow (the higher
 * bands take any spare score). Labels and descriptions are kept by position from `previous`.
 */
export function evenBands(scale: Scale, count: number, previous: Band[] = []): Band[] {
  const scores = scale.max - scale.min + 1;
  const n = Math.max(1, Math.min(count, scores));
  const bands: Band[] = [];
  let next = scale.min;
  for (let i = 0; i < n; i++) {
    const size = Math.floor(scores / n) + (i >= n - (scores % n) ? 1 : 0);
    bands.push({ min: next, max: next + size - 1, label: previous[i]?.label ?? "", description: previous[i]?.description ?? "" });
    next += size;
  }
  return bands;
}

/** Whether the bands cover exactly the scale's scores, once each, so a new scale needs no reset. */
export function bandsFit(bands: Band[], scale: Scale): boolean {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  let next = scale.min;
  for (const b of sorted) {
    if (b.min !== next || b.max < b.min) return false;
    next = b.max + 1;
  }
  return next === scale.max + 1;
}

/** A weight as typed, or null when it is not a number above 0. */
export function parseWeight(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value > 0 ? value : null;
}

/** "40%": a weight's share of the total, or "—" while any weight is not a number. */
export function shareText(weights: string[], i: number): string {
  const parsed = weights.map(parseWeight);
  if (parsed.some((w) => w === null)) return "—";
  const total = (parsed as number[]).reduce((a, b) => a + b, 0);
  return `${Math.round(((parsed[i] as number) / total) * 100)}%`;
}

/** A criterion row as the form holds it: the weight as typed. */
export type CriterionRow = { key: number; id: string | null; name: string; guidance: string; weight: string };
/** A band row as the form holds it: the edges as typed. */
export type BandRow = { key: number; min: string; max: string; label: string; description: string };

/**
 * The element a backend field names: `criteria.1.weight` → `criteria-1-weight`; a criterion's id
 * (made from its name) → its name; a band's range → its first score; the lists as a whole →
 * their headings.
 */
export function rubricFieldId(field: string): string {
  if (field === "name") return "rubric-name";
  if (field === "scale") return "rubric-scale";
  if (field === "criteria" || field === "bands") return `${field}-heading`;
  const criterionId = /^criteria\.(\d+)\.id$/.exec(field);
  if (criterionId) return `criteria-${criterionId[1]}-name`;
  const band = /^bands\.(\d+)$/.exec(field);
  if (band) return `bands-${band[1]}-min`;
  return field.replace(/\./g, "-");
}

/**
 * The draft to send, or the errors only the form can make (text where a number belongs). New
 * criteria get ids from their names; existing ones keep theirs.
 */
export function toDraft(
  name: string,
  scale: Scale,
  criteria: CriterionRow[],
  bands: BandRow[],
): { draft: RubricDraft; errors: null } | { draft: null; errors: FormErrors } {
  const byField: Record<string, string> = {};
  const summary: SummaryItem[] = [];
  const problem = (id: string, text: string) => {
    byField[id] = text;
    summary.push({ href: `#${id}`, text });
  };
  const weights = criteria.map((c, i) => {
    const w = parseWeight(c.weight);
    if (w === null) problem(`criteria-${i}-weight`, `Enter the weight of criterion ${i + 1} as a number above 0, such as 1 or 1.5`);
    return w ?? 0;
  });
  const whole = (text: string) => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : null);
  const edges = bands.map((b, j) => {
    const min = whole(b.min);
    const max = whole(b.max);
    if (min === null) problem(`bands-${j}-min`, `Enter the first score of band ${j + 1} as a whole number, such as ${scale.min}`);
    if (max === null) problem(`bands-${j}-max`, `Enter the last score of band ${j + 1} as a whole number, such as ${scale.max}`);
    return { min: min ?? 0, max: max ?? 0 };
  });
  if (summary.length > 0) return { draft: null, errors: { summary, byField, general: null } };

  const taken = criteria.flatMap((c) => (c.id === null ? [] : [c.id]));
  const ids = criteria.map((c) => {
    if (c.id !== null) return c.id;
    const id = criterionIdFrom(c.name, taken);
    taken.push(id);
    return id;
  });
  return {
    errors: null,
    draft: {
      name,
      scale,
      criteria: criteria.map((c, i) => ({ id: ids[i], name: c.name, guidance: c.guidance, weight: weights[i] })),
      bands: bands.map((b, j) => ({ ...edges[j], label: b.label, description: b.description })),
    },
  };
}
