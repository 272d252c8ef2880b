// What a move (of one idea or a batch) says when it does not happen. The backend refuses a move
// the rules do not allow ("refused": nothing changed; for a batch, `fields` names each refused
// idea by its reference) and asks before going past a round's target ("needsConfirmation").
import type { ApiError, MoveOutcome, Stage } from "./api";
import { countOf } from "./format";
import { fieldId, noErrors, type FormErrors } from "./errors";
import { stageLabel } from "./stage";

/**
 * The error summary for a failed move. `anchors` maps the request's field names (`reason`,
 * `ideas`, or a refused idea's reference) to the ids of the boxes on this page that they are
 * about; a field with no box is linked to `fallback`.
 */
export function moveErrors(error: ApiError, anchors: (field: string) => string | null, fallback = "main-content"): FormErrors {
  if ((error.code === "refused" || error.code === "validation") && error.fields.length > 0) {
    const byField: Record<string, string> = {};
    const summary = error.fields.map(({ field, message }) => {
      const id = anchors(field) ?? fallback;
      byField[id] ??= message;
      return { href: `#${fieldId(id)}`, text: message };
    });
    return { summary, byField, general: null };
  }
  if (error.code === "needsConfirmation") return noErrors;
  return { summary: [], byField: {}, general: error.message };
}

/** "Moved 3 ideas to Shortlist"; for one idea's own page, "Moved DC21-0042 to Shortlist". */
export function movedMessage(outcome: MoveOutcome, byReference = false): string {
  const what = byReference && outcome.moved.length === 1 ? outcome.moved[0] : countOf(outcome.moved.length, "idea");
  return `Moved ${what} to ${stageLabel(outcome.to)}`;
}

/** Stages the panel decides at: an idea there can have a panel decision recorded. */
export const DECISION_ROUNDS: readonly Stage[] = ["longlist", "shortlist", "semiFinal", "final"];

/** Exits and moves back need a reason; the backend says so too, but the hint should say it first. */
export const REASON_HINT = "Needed to leave the challenge, to return, or to move back";
