// Generated from the Rust rules by crates/shortlist-domain/tests/shortlist-domain/rules_table.rs:
// do not edit. Regenerate with
// UPDATE_RULES=1 cargo test -p shortlist-domain rules_table

/** Every stage, in the order of the ladder and then the ways out (`Stage::ALL`), with its name (`Stage::label`). */
export const STAGES = [
  { value: "submitted", label: "Submitted" },
  { value: "screened", label: "Screened" },
  { value: "longlist", label: "Longlist" },
  { value: "shortlist", label: "Shortlist" },
  { value: "semiFinal", label: "Semi-final" },
  { value: "final", label: "Final" },
  { value: "winner", label: "Winner" },
  { value: "notProgressed", label: "Not progressed" },
  { value: "withdrawn", label: "Withdrawn" },
  { value: "ineligible", label: "Ineligible" },
] as const;

/** The stages at which a panel of judges scores ideas (`PANEL_STAGES`). */
export const PANEL_STAGES = ["shortlist", "semiFinal", "final"] as const;

/**
 * The words of each coded value (`label()`), by its type's name in the bindings, in the order of
 * the type's `ALL`: the order the forms list them in.
 */
export const CHOICES = {
  ConflictKind: [
    { value: "lineManagement", label: "Line management" },
    { value: "sameTeam", label: "Same team" },
    { value: "personalRelationship", label: "Personal relationship" },
    { value: "financialInterest", label: "Financial interest" },
    { value: "other", label: "Other" },
  ],
  Rag: [
    { value: "red", label: "Red" },
    { value: "amber", label: "Amber" },
    { value: "green", label: "Green" },
  ],
  DataAvailability: [
    { value: "available", label: "Available today" },
    { value: "partly", label: "Partly available" },
    { value: "notAvailable", label: "Not available" },
  ],
  DataQuality: [
    { value: "good", label: "Good" },
    { value: "adequate", label: "Adequate" },
    { value: "poor", label: "Poor" },
    { value: "unknown", label: "Not known" },
  ],
  Paperwork: [
    { value: "inPlace", label: "In place" },
    { value: "needed", label: "Needed" },
    { value: "notNeeded", label: "Not needed" },
    { value: "unknown", label: "Not known" },
  ],
  CostBand: [
    { value: "under10k", label: "Under £10,000" },
    { value: "10kTo50k", label: "£10,000 to £50,000" },
    { value: "50kTo250k", label: "£50,000 to £250,000" },
    { value: "250kTo1m", label: "£250,000 to £1 million" },
    { value: "over1m", label: "Over £1 million" },
  ],
  TimeToValue: [
    { value: "under3Months", label: "Under 3 months" },
    { value: "3To6Months", label: "3 to 6 months" },
    { value: "6To12Months", label: "6 to 12 months" },
    { value: "over12Months", label: "Over 12 months" },
  ],
  Beneficiary: [
    { value: "citizens", label: "Citizens" },
    { value: "staff", label: "Staff" },
    { value: "policyMakers", label: "Policy makers" },
  ],
  BenefitKind: [
    { value: "cashable", label: "Cashable saving" },
    { value: "nonCashable", label: "Non-cashable saving" },
    { value: "serviceQuality", label: "Service quality" },
    { value: "policyInsight", label: "Policy insight" },
  ],
  Confidence: [
    { value: "low", label: "Low" },
    { value: "medium", label: "Medium" },
    { value: "high", label: "High" },
  ],
  ObstacleCategory: [
    { value: "dataAccess", label: "Data access" },
    { value: "legalEthical", label: "Legal or ethical" },
    { value: "technology", label: "Technology" },
    { value: "skills", label: "Skills or capacity" },
    { value: "funding", label: "Funding" },
    { value: "commercial", label: "Commercial" },
    { value: "organisational", label: "Organisation or culture" },
  ],
  ObstacleStatus: [
    { value: "open", label: "Open" },
    { value: "mitigating", label: "Being mitigated" },
    { value: "closed", label: "Closed" },
  ],
  Recommendation: [
    { value: "progress", label: "Progress" },
    { value: "hold", label: "Hold" },
    { value: "doNotProgress", label: "Do not progress" },
  ],
  Eligibility: [
    { value: "eligible", label: "Eligible" },
    { value: "ineligible", label: "Ineligible" },
  ],
  UnderWay: [
    { value: "no", label: "No, not found elsewhere" },
    { value: "partly", label: "Partly: something similar exists" },
    { value: "yes", label: "Yes: already built or being built" },
    { value: "notChecked", label: "Not checked yet" },
  ],
  DecisionKind: [
    { value: "progress", label: "Progress" },
    { value: "notProgress", label: "Do not progress" },
    { value: "winner", label: "Winner" },
  ],
  UserRole: [
    { value: "secretariat", label: "I run the challenge (secretariat)" },
    { value: "judge", label: "I am a judge on its panel" },
  ],
} as const;

/**
 * How many bands at each end of a rubric's scale are extreme: a score in one of them needs a
 * comment saying why, when the round asks for one (`shortlist_scoring::EXTREME_BANDS`).
 */
export const EXTREME_BANDS = 1;

/**
 * Rubrics' bands as entered, and for each score from just below the scale to just above it
 * whether `Rubric::requires_comment` asks for a comment: the UI's tests hold its own reading to
 * these.
 */
export const COMMENT_EXAMPLES = [
  {
    rubric: "Challenge default (1 to 5)",
    bands: [{ min: 1, max: 1 }, { min: 2, max: 2 }, { min: 3, max: 3 }, { min: 4, max: 4 }, { min: 5, max: 5 }],
    scores: [0, 1, 2, 3, 4, 5, 6],
    needsComment: [false, true, false, false, false, true, false],
  },
  {
    rubric: "Innovate UK style (1 to 10)",
    bands: [{ min: 1, max: 1 }, { min: 2, max: 3 }, { min: 4, max: 5 }, { min: 6, max: 7 }, { min: 8, max: 10 }],
    scores: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    needsComment: [false, true, false, false, false, false, false, false, true, true, true, false],
  },
  {
    rubric: "Green Book five cases (0 to 10)",
    bands: [{ min: 0, max: 0 }, { min: 1, max: 3 }, { min: 4, max: 6 }, { min: 7, max: 8 }, { min: 9, max: 10 }],
    scores: [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    needsComment: [false, true, false, false, false, false, false, false, false, false, true, true, false],
  },
  {
    rubric: "One band for the whole scale",
    bands: [{ min: 1, max: 5 }],
    scores: [0, 1, 2, 3, 4, 5, 6],
    needsComment: [false, true, true, true, true, true, false],
  },
  {
    rubric: "Two bands, the higher entered first",
    bands: [{ min: 4, max: 5 }, { min: 1, max: 3 }],
    scores: [0, 1, 2, 3, 4, 5, 6],
    needsComment: [false, true, true, true, true, true, false],
  },
  {
    rubric: "Three bands, entered out of order",
    bands: [{ min: 4, max: 5 }, { min: 1, max: 1 }, { min: 2, max: 3 }],
    scores: [0, 1, 2, 3, 4, 5, 6],
    needsComment: [false, true, false, false, true, true, false],
  },
] as const;
