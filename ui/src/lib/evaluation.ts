// How screenings, evaluations and panel decisions are shown and typed. The labels repeat the Rust
// side's `label()` of each coded enum (shortlist-domain's coded.rs and evaluation.rs), because the
// commands carry only the codes; the history and the packs use the Rust labels, and the two must
// read the same.
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

export type Choice<T extends string> = { value: T; label: string };

export const RAGS: Choice<Rag>[] = [
  { value: "red", label: "Red" },
  { value: "amber", label: "Amber" },
  { value: "green", label: "Green" },
];

export const DATA_AVAILABILITY: Choice<DataAvailability>[] = [
  { value: "available", label: "Available today" },
  { value: "partly", label: "Partly available" },
  { value: "notAvailable", label: "Not available" },
];

export const DATA_QUALITY: Choice<DataQuality>[] = [
  { value: "good", label: "Good" },
  { value: "adequate", label: "Adequate" },
  { value: "poor", label: "Poor" },
  { value: "unknown", label: "Not known" },
];

export const PAPERWORK: Choice<Paperwork>[] = [
  { value: "inPlace", label: "In place" },
  { value: "needed", label: "Needed" },
  { value: "notNeeded", label: "Not needed" },
  { value: "unknown", label: "Not known" },
];

export const COST_BANDS: Choice<CostBand>[] = [
  { value: "under10k", label: "Under £10,000" },
  { value: "10kTo50k", label: "£10,000 to £50,000" },
  { value: "50kTo250k", label: "£50,000 to £250,000" },
  { value: "250kTo1m", label: "£250,000 to £1 million" },
  { value: "over1m", label: "Over £1 million" },
];

export const TIMES_TO_VALUE: Choice<TimeToValue>[] = [
  { value: "under3Months", label: "Under 3 months" },
  { value: "3To6Months", label: "3 to 6 months" },
  { value: "6To12Months", label: "6 to 12 months" },
  { value: "over12Months", label: "Over 12 months" },
];

export const BENEFICIARIES: Choice<Beneficiary>[] = [
  { value: "citizens", label: "Citizens" },
  { value: "staff", label: "Staff" },
  { value: "policyMakers", label: "Policy makers" },
];

export const BENEFIT_KINDS: Choice<BenefitKind>[] = [
  { value: "cashable", label: "Cashable saving" },
  { value: "nonCashable", label: "Non-cashable saving" },
  { value: "serviceQuality", label: "Service quality" },
  { value: "policyInsight", label: "Policy insight" },
];

export const CONFIDENCE: Choice<Confidence>[] = [
  { value: "low", label: "Low" },
  { value: "medium", label: "Medium" },
  { value: "high", label: "High" },
];

export const OBSTACLE_CATEGORIES: Choice<ObstacleCategory>[] = [
  { value: "dataAccess", label: "Data access" },
  { value: "legalEthical", label: "Legal or ethical" },
  { value: "technology", label: "Technology" },
  { value: "skills", label: "Skills or capacity" },
  { value: "funding", label: "Funding" },
  { value: "commercial", label: "Commercial" },
  { value: "organisational", label: "Organisation or culture" },
];

export const OBSTACLE_STATUSES: Choice<ObstacleStatus>[] = [
  { value: "open", label: "Open" },
  { value: "mitigating", label: "Being mitigated" },
  { value: "closed", label: "Closed" },
];

export const RECOMMENDATIONS: Choice<Recommendation>[] = [
  { value: "progress", label: "Progress" },
  { value: "hold", label: "Hold" },
  { value: "doNotProgress", label: "Do not progress" },
];

export const ELIGIBILITY: Choice<Eligibility>[] = [
  { value: "eligible", label: "Eligible" },
  { value: "ineligible", label: "Ineligible" },
];

export const UNDER_WAY: Choice<UnderWay>[] = [
  { value: "no", label: "No, not found elsewhere" },
  { value: "partly", label: "Partly: something similar exists" },
  { value: "yes", label: "Yes: already built or being built" },
  { value: "notChecked", label: "Not checked yet" },
];

export const DECISION_KINDS: Choice<DecisionKind>[] = [
  { value: "progress", label: "Progress" },
  { value: "notProgress", label: "Do not progress" },
  { value: "winner", label: "Winner" },
];

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

/** The GOV.UK tag for a rating: always its word, never colour alone. */
export function ragTag(rating: Rag | null | undefined): { label: string; className: string } {
  switch (rating) {
    case "red":
      return { label: "Red", className: "govuk-tag--red" };
    case "amber":
      return { label: "Amber", className: "govuk-tag--orange" };
    case "green":
      return { label: "Green", className: "govuk-tag--green" };
    default:
      return { label: "Not rated", className: "govuk-tag--grey" };
  }
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
