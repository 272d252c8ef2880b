// How screenings, evaluations and panel decisions are shown and typed. The choices and their
// words are the Rust side's (each coded enum's `ALL` and `label()` in shortlist-domain), read
// from the generated rules table: the commands carry only the codes, and the history and the
// packs use the Rust labels, so the forms read the same.
import type {
  Beneficiary,
  BenefitKind,
  Confidence,
  CostBand,
  DataAvailability,
  DataQuality,
  DecisionKind,
  Eligibility,
  Evaluation,
  EvaluationInput,
  ObstacleCategory,
  ObstacleStatus,
  Paperwork,
  Rag,
  Recommendation,
  Screening,
  ScreeningInput,
  TimeToValue,
  UnderWay,
} from "./api";
import { CHOICES } from "./rules.generated";

export type Choice<T extends string> = { value: T; label: string };

/**
 * One coded type's choices from the generated table. Naming the bindings' type checks the table
 * against it: a code the bindings do not know does not compile.
 */
export function choicesOf<T extends string>(table: readonly { readonly value: T; readonly label: string }[]): Choice<T>[] {
  return table.map(({ value, label }) => ({ value, label }));
}

export const RAGS = choicesOf<Rag>(CHOICES.Rag);
export const DATA_AVAILABILITY = choicesOf<DataAvailability>(CHOICES.DataAvailability);
export const DATA_QUALITY = choicesOf<DataQuality>(CHOICES.DataQuality);
export const PAPERWORK = choicesOf<Paperwork>(CHOICES.Paperwork);
export const COST_BANDS = choicesOf<CostBand>(CHOICES.CostBand);
export const TIMES_TO_VALUE = choicesOf<TimeToValue>(CHOICES.TimeToValue);
export const BENEFICIARIES = choicesOf<Beneficiary>(CHOICES.Beneficiary);
export const BENEFIT_KINDS = choicesOf<BenefitKind>(CHOICES.BenefitKind);
export const CONFIDENCE = choicesOf<Confidence>(CHOICES.Confidence);
export const OBSTACLE_CATEGORIES = choicesOf<ObstacleCategory>(CHOICES.ObstacleCategory);
export const OBSTACLE_STATUSES = choicesOf<ObstacleStatus>(CHOICES.ObstacleStatus);
export const RECOMMENDATIONS = choicesOf<Recommendation>(CHOICES.Recommendation);
export const ELIGIBILITY = choicesOf<Eligibility>(CHOICES.Eligibility);
export const UNDER_WAY = choicesOf<UnderWay>(CHOICES.UnderWay);
export const DECISION_KINDS = choicesOf<DecisionKind>(CHOICES.DecisionKind);

/** Likelihood and impact of an obstacle: 1 to 5, each with its word. */
export const LIKELIHOODS: Choice<string>[] = [
  { value: "1", label: "1 Rare" },
  { value: "2", label: "2 Unlikely" },
  { value: "3", label: "3 Possible" },
  { value: "4", label: "4 Likely" },
  { value: "5", label: "5 Almost certain" },
];

export const IMPACTS: Choice<string>[] = [
  { value: "1", label: "1 Minor" },
  { value: "2", label: "2 Moderate" },
  { value: "3", label: "3 Significant" },
  { value: "4", label: "4 Major" },
  { value: "5", label: "5 Severe" },
];

/** The label of a coded value, or "Not answered" when there is none. */
export function labelOf<T extends string>(choices: Choice<T>[], value: T | null | undefined, none = "Not answered"): string {
  if (value === null || value === undefined) return none;
  return choices.find((c) => c.value === value)?.label ?? value;
}

const RAG_TAG_CLASSES: Record<Rag, string> = {
  red: "govuk-tag--red",
  amber: "govuk-tag--orange",
  green: "govuk-tag--green",
};

/** The GOV.UK tag for a rating: always its word, never colour alone. */
export function ragTag(rating: Rag | null | undefined): { label: string; className: string } {
  if (rating === null || rating === undefined) return { label: "Not rated", className: "govuk-tag--grey" };
  return { label: labelOf(RAGS, rating), className: RAG_TAG_CLASSES[rating] ?? "govuk-tag--grey" };
}

/** "£250,000" from a whole number of pounds. */
export function pounds(value: number): string {
  return `£${value.toLocaleString("en-GB")}`;
}

/** An estimate's range: "£250,000 to £1,000,000", or one end of it, or "Not answered". */
export function moneyRange(low: number | null, high: number | null): string {
  if (low !== null && high !== null) return low === high ? pounds(low) : `${pounds(low)} to ${pounds(high)}`;
  if (low !== null) return `At least ${pounds(low)}`;
  if (high !== null) return `Up to ${pounds(high)}`;
  return "Not answered";
}

/** An evaluation's progress as the overview shows it. */
export function evaluationStatus(evaluated: boolean, missing: number): string {
  if (!evaluated) return "Not started";
  return missing === 0 ? "Complete" : `${missing} to do`;
}

// ---- The screening form ----

export type ScreeningForm = {
  eligibility: Eligibility | "";
  eligibilityReason: string;
  underWay: UnderWay | "";
  underWayNote: string;
  /** One web address per line. */
  underWayLinks: string;
};

export function screeningFormFrom(screening: Screening | null): ScreeningForm {
  if (screening === null) {
    return { eligibility: "", eligibilityReason: "", underWay: "", underWayNote: "", underWayLinks: "" };
  }
  return {
    eligibility: screening.eligibility,
    eligibilityReason: screening.eligibilityReason,
    underWay: screening.underWay,
    underWayNote: screening.underWayNote,
    underWayLinks: screening.underWayLinks.join("\n"),
  };
}

export function toScreeningInput(form: ScreeningForm): ScreeningInput {
  return {
    eligibility: form.eligibility === "" ? null : form.eligibility,
    eligibilityReason: form.eligibilityReason,
    underWay: form.underWay === "" ? null : form.underWay,
    underWayNote: form.underWayNote,
    underWayLinks: lines(form.underWayLinks),
  };
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

// ---- The evaluation form ----

/** One row of the obstacle register as typed: every answer a string, "" for not chosen yet. */
export type ObstacleRow = {
  category: ObstacleCategory | "";
  description: string;
  likelihood: string;
  impact: string;
  mitigation: string;
  owner: string;
  status: ObstacleStatus | "";
};

export type EvaluationForm = {
  viabilityRating: Rag | "";
  viabilityNarrative: string;
  dataAvailability: DataAvailability | "";
  dataQuality: DataQuality | "";
  dataSharingAgreement: Paperwork | "";
  dpia: Paperwork | "";
  lawfulBasis: string;
  technicalFeasibility: string;
  skillsCapacity: string;
  costBand: CostBand | "";
  timeToValue: TimeToValue | "";
  benefitsRating: Rag | "";
  benefitsNarrative: string;
  beneficiaries: Beneficiary[];
  kinds: BenefitKind[];
  valueLow: string;
  valueHigh: string;
  valueConfidence: Confidence | "";
  peopleAffected: string;
  prioritiesFit: string;
  obstaclesRating: Rag | "";
  obstaclesNarrative: string;
  obstacles: ObstacleRow[];
  recommendation: Recommendation | "";
  rationale: string;
};

export function blankObstacle(): ObstacleRow {
  return { category: "", description: "", likelihood: "", impact: "", mitigation: "", owner: "", status: "open" };
}

const text = (n: number | null): string => (n === null ? "" : String(n));
const orBlank = <T extends string>(value: T | null): T | "" => value ?? "";
const orNull = <T extends string>(value: T | ""): T | null => (value === "" ? null : value);

/** The form filled from a stored evaluation; numbers become the text a person would type. */
export function evaluationFormFrom(e: Evaluation): EvaluationForm {
  const v = e.viability;
  const b = e.benefits;
  return {
    viabilityRating: orBlank(v.rating),
    viabilityNarrative: v.narrative,
    dataAvailability: orBlank(v.dataAvailability),
    dataQuality: orBlank(v.dataQuality),
    dataSharingAgreement: orBlank(v.dataSharingAgreement),
    dpia: orBlank(v.dpia),
    lawfulBasis: v.lawfulBasis,
    technicalFeasibility: v.technicalFeasibility,
    skillsCapacity: v.skillsCapacity,
    costBand: orBlank(v.costBand),
    timeToValue: orBlank(v.timeToValue),
    benefitsRating: orBlank(b.rating),
    benefitsNarrative: b.narrative,
    beneficiaries: [...b.beneficiaries],
    kinds: [...b.kinds],
    valueLow: text(b.valueLow),
    valueHigh: text(b.valueHigh),
    valueConfidence: orBlank(b.valueConfidence),
    peopleAffected: text(b.peopleAffected),
    prioritiesFit: b.prioritiesFit,
    obstaclesRating: orBlank(e.obstacles.rating),
    obstaclesNarrative: e.obstacles.narrative,
    obstacles: e.obstacles.register.map((o) => ({
      category: o.category,
      description: o.description,
      likelihood: String(o.likelihood),
      impact: String(o.impact),
      mitigation: o.mitigation,
      owner: o.owner,
      status: o.status,
    })),
    recommendation: orBlank(e.recommendation),
    rationale: e.rationale,
  };
}

export function toEvaluationInput(f: EvaluationForm): EvaluationInput {
  return {
    viability: {
      rating: orNull(f.viabilityRating),
      narrative: f.viabilityNarrative,
      dataAvailability: orNull(f.dataAvailability),
      dataQuality: orNull(f.dataQuality),
      dataSharingAgreement: orNull(f.dataSharingAgreement),
      dpia: orNull(f.dpia),
      lawfulBasis: f.lawfulBasis,
      technicalFeasibility: f.technicalFeasibility,
      skillsCapacity: f.skillsCapacity,
      costBand: orNull(f.costBand),
      timeToValue: orNull(f.timeToValue),
    },
    benefits: {
      rating: orNull(f.benefitsRating),
      narrative: f.benefitsNarrative,
      beneficiaries: [...f.beneficiaries],
      kinds: [...f.kinds],
      valueLow: f.valueLow,
      valueHigh: f.valueHigh,
      valueConfidence: orNull(f.valueConfidence),
      peopleAffected: f.peopleAffected,
      prioritiesFit: f.prioritiesFit,
    },
    obstaclesRating: orNull(f.obstaclesRating),
    obstaclesNarrative: f.obstaclesNarrative,
    obstacles: f.obstacles.map((o) => ({
      category: orNull(o.category),
      description: o.description,
      likelihood: o.likelihood,
      impact: o.impact,
      mitigation: o.mitigation,
      owner: o.owner,
      status: orNull(o.status),
    })),
    recommendation: orNull(f.recommendation),
    rationale: f.rationale,
  };
}

/** The flash after saving: "Evaluation saved", or how much is still to do. */
export function evaluationSavedMessage(missing: number): string {
  if (missing === 0) return "Evaluation saved";
  return `Evaluation saved: ${missing} ${missing === 1 ? "answer" : "answers"} still to do`;
}
