// Turns an ApiError from the Rust side into what the GOV.UK error pattern shows: an error summary
// whose links go to the fields, and a message beside each field.
import type { ApiError } from "./api";

export type SummaryItem = { href: string; text: string };

export type FormErrors = {
  /** Items for the error summary, in the order the backend gave them. */
  summary: SummaryItem[];
  /** The message to show beside each field, by the field's input name. */
  byField: Record<string, string>;
  /** A message for a problem that is not about one field (not found, internal, database). */
  general: string | null;
};

export const noErrors: FormErrors = { summary: [], byField: {}, general: null };

/**
 * Where an error summary link for `field` should go. Fields are named by their camelCase input
 * names, which are also the ids of their inputs; the first box of a date input carries the name
 * of the whole date (`closingDay`) and the first radio carries the group's name (`marking`), or
 * the group's fieldset does (`eligibility`, which focusTarget takes to its first radio). A row of
 * a list is named with dots (`obstacles.0.likelihood`); its input's id uses dashes
 * (`obstacles-0-likelihood`), because a dot in an id would need escaping in every selector.
 */
export function fieldAnchor(field: string): string {
  return `#${fieldId(field)}`;
}

/** The element id for a field name: `obstacles.0.likelihood` → `obstacles-0-likelihood`. */
export function fieldId(field: string): string {
  return field.replace(/\./g, "-");
}

export function toFormErrors(error: ApiError): FormErrors {
  if (error.code !== "validation") {
    return { summary: [], byField: {}, general: error.message };
  }
  const byField: Record<string, string> = {};
  const summary: SummaryItem[] = [];
  for (const { field, message } of error.fields) {
    // One message per field beside it; the first one said is the one shown.
    if (field in byField) continue;
    byField[field] = message;
    summary.push({ href: fieldAnchor(field), text: message });
  }
  if (summary.length === 0) {
    // A validation error that names no field still has to be shown somewhere.
    return { summary: [], byField: {}, general: error.message };
  }
  return { summary, byField, general: null };
}

export function hasErrors(errors: FormErrors): boolean {
  return errors.summary.length > 0 || errors.general !== null;
}

/**
 * A thrown value that is not an ApiError (a bug, or the Tauri bridge missing) still needs a
 * sentence a person can act on, never raw JSON.
 */
export function unexpected(thrown: unknown): ApiError {
  const detail = thrown instanceof Error && thrown.message ? ` (${thrown.message})` : "";
  return {
    code: "internal",
    message: `Something went wrong inside Shortlist${detail}. Try again, and if it happens again, restart Shortlist.`,
    fields: [],
  };
}
