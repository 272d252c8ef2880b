// How stages and data availability are shown. The stages, their order and their names are the
// Rust side's (`Stage::ALL`, `Stage::label`), read from the generated rules table, because
// IdeaSummary carries only the code; facets carry the label and agree with these.
import type { Availability, Stage } from "./api";
import type { Choice } from "./evaluation";
import { STAGES as STAGE_TABLE } from "./rules.generated";

/** Every stage, in the order of the ladder and then the ways out. */
export const STAGES: readonly Stage[] = STAGE_TABLE.map((s) => s.value);

const LABELS: ReadonlyMap<string, string> = new Map(STAGE_TABLE.map((s) => [s.value, s.label]));

// GOV.UK tag colours: grey for where every idea starts and for ideas that left, stronger colours
// as an idea goes further, red only for ineligible.
const TAG_CLASSES: Record<Stage, string> = {
  submitted: "govuk-tag--grey",
  screened: "govuk-tag--light-blue",
  longlist: "govuk-tag--blue",
  shortlist: "govuk-tag--turquoise",
  semiFinal: "govuk-tag--purple",
  final: "govuk-tag--pink",
  winner: "govuk-tag--green",
  notProgressed: "govuk-tag--orange",
  withdrawn: "govuk-tag--grey",
  ineligible: "govuk-tag--red",
};

export function stageLabel(stage: string): string {
  return LABELS.get(stage) ?? stage;
}

/** Stages as a select's or radios' choices, each with its label. */
export function stageChoices(stages: readonly Stage[]): Choice<Stage>[] {
  return stages.map((value) => ({ value, label: stageLabel(value) }));
}

export function stageTagClass(stage: string): string {
  return TAG_CLASSES[stage as Stage] ?? "govuk-tag--grey";
}

export const AVAILABILITY: { value: Availability; label: string }[] = [
  { value: "unknown", label: "Not known" },
  { value: "available", label: "Yes" },
  { value: "partly", label: "Partly" },
  { value: "notYet", label: "Not yet" },
];

export function availabilityLabel(value: Availability): string {
  return AVAILABILITY.find((a) => a.value === value)?.label ?? value;
}

/** The twelve UK regions (ITL 1), as the demo data and imports write them. */
export const REGIONS = [
  "North East",
  "North West",
  "Yorkshire and the Humber",
  "East Midlands",
  "West Midlands",
  "East of England",
  "London",
  "South East",
  "South West",
  "Wales",
  "Scotland",
  "Northern Ireland",
] as const;
