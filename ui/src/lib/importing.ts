// Words for the import of a form's export and for possible duplicates. The field labels repeat
// the Rust side's `Field::label`, because a Mapping carries only the code.
import type { DuplicateCandidate, Field, ImportPreview, ImportSummary, Mapping } from "./api";
import { countOf } from "./format";

/** Every field a column can fill, in the order the select offers them ("Do not import" last). */
export const FIELDS: readonly Field[] = [
  "title", "summary", "problem", "dataDescription", "benefits", "submitterName", "submitterEmail",
  "department", "profession", "grade", "region", "coSubmitters", "consent", "submittedAt", "themes", "tags",
  "links", "notes", "ignore",
];

const LABELS: Record<Field, string> = {
  title: "Title",
  summary: "Summary",
  problem: "The problem it addresses",
  dataDescription: "The data it would use",
  benefits: "Benefits",
  submitterName: "Submitter's name",
  submitterEmail: "Submitter's email address",
  department: "Department or agency",
  profession: "Profession",
  grade: "Grade",
  region: "Region",
  coSubmitters: "Co-submitters",
  consent: "Consent to publish names",
  submittedAt: "Date submitted",
  themes: "Themes",
  tags: "Tags",
  links: "Links",
  notes: "Secretariat notes",
  ignore: "Do not import",
};

export function fieldLabel(field: Field): string {
  return LABELS[field];
}

/** The mapping with each column's field replaced by the one chosen, headers kept in file order. */
export function withFields(mapping: Mapping, fields: readonly Field[]): Mapping {
  return { columns: mapping.columns.map((column, i) => ({ header: column.header, field: fields[i] ?? column.field })) };
}

export function sameFields(mapping: Mapping, fields: readonly Field[]): boolean {
  return mapping.columns.length === fields.length && mapping.columns.every((column, i) => column.field === fields[i]);
}

/** How many rows the report leaves out: a row with two problems is one row. */
export function rowsWithProblems(preview: ImportPreview): number {
  return new Set(preview.problems.map((p) => p.row)).size;
}

/** "46%" from a 0–1 score. */
export function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/** Why a row or an idea looks like a duplicate, e.g. "Similar wording (46%)". */
export function duplicateReason(exact: boolean, score: number | null, style: "brackets" | "comma" = "brackets"): string {
  if (exact) return "Same submitter and title";
  if (score === null) return "Similar wording";
  return style === "brackets" ? `Similar wording (${percent(score)})` : `Similar wording, ${percent(score)}`;
}

/** What a duplicate row resembles: an idea's reference or an earlier row of the file. */
export function matchLabel(candidate: DuplicateCandidate): string {
  if (candidate.matchesReference) return candidate.matchesReference;
  if (candidate.matchesRow !== null) return `row ${candidate.matchesRow}`;
  return "";
}

export function importButtonText(toAdd: number): string {
  return `Import ${countOf(toAdd, "idea")}`;
}

/**
 * What the import is doing while the person waits: a large export takes a second or two to
 * read and compare, and longer on a slow laptop.
 */
export type ImportWork =
  | { step: "reading"; fileName: string }
  | { step: "checking"; rows: number }
  | { step: "importing"; toAdd: number };

/** The words on the button that started `work`, while it runs. */
export function workingButtonText(work: ImportWork): string {
  switch (work.step) {
    case "reading":
      return "Reading the file…";
    case "checking":
      return "Checking…";
    case "importing":
      return "Importing…";
  }
}

/** The status line announced while `work` runs, e.g. "Checking 10,000 responses for problems and duplicates…". */
export function workingStatus(work: ImportWork): string {
  switch (work.step) {
    case "reading":
      return `Reading ${work.fileName} and checking every response…`;
    case "checking":
      return `Checking ${countOf(work.rows, "response")} for problems and duplicates…`;
    case "importing":
      return `Importing ${countOf(work.toAdd, "idea")}…`;
  }
}

/**
 * The banner after an import: "Imported 37 ideas (DC21-0201 to DC21-0237)." and, as a separate
 * part that links to the duplicates, "3 flagged as possible duplicates."
 */
export function importedMessage(summary: ImportSummary): { message: string; duplicates: string | null } {
  const first = summary.firstReference ?? null;
  const last = summary.lastReference ?? null;
  let message: string;
  if (summary.added === 0) {
    message = "No new ideas were imported.";
  } else {
    const range = first && last ? (first === last ? ` (${first})` : ` (${first} to ${last})`) : "";
    message = `Imported ${countOf(summary.added, "idea")}${range}.`;
  }
  const flagged = summary.flaggedDuplicates;
  const duplicates =
    flagged === 0
      ? null
      : flagged === 1
        ? "1 flagged as a possible duplicate."
        : `${flagged.toLocaleString("en-GB")} flagged as possible duplicates.`;
  return { message, duplicates };
}
