// A page's actions (the forms and buttons that change something), written once: one at a time,
// the last outcome cleared when the next starts, and the outcome shown the GOV.UK way, as a
// success banner or as the error summary (focused, so that a screen reader says it) with each
// message beside its box. A command's refusal and anything thrown take the same path: `need`
// throws the first, `refuse` a check the page makes before asking.
import { tick } from "svelte";
import { BackendError, problemOf } from "./backend";
import { noErrors, type FormErrors } from "./errors";
import { pageErrors } from "./judging";

export class Actions {
  /** An action is running: the page's buttons wait for it. */
  busy = $state(false);
  errors = $state<FormErrors>(noErrors);
  /** What the last action did, for the success banner. */
  done = $state<string | null>(null);
  #idOf: (field: string) => string;
  #after: () => Promise<void>;

  /**
   * `idOf` gives the id of the box a field's message goes beside (the backend names fields,
   * the page names boxes); `after` runs after every action, whatever came of it (a reload).
   */
  constructor(idOf: (field: string) => string, after: () => Promise<void> = async () => {}) {
    this.#idOf = idOf;
    this.#after = after;
  }

  /** Runs `action` unless one is running; what it throws is shown as the page's errors. */
  async run(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.errors = noErrors;
    this.done = null;
    try {
      await action();
    } catch (thrown) {
      this.errors = pageErrors(problemOf(thrown), this.#idOf);
      this.done = null;
      await tick();
      document.querySelector<HTMLElement>(".govuk-error-summary")?.focus();
    }
    try {
      await this.#after();
    } finally {
      this.busy = false;
    }
  }
}

/** Stops an action with `message` beside `field`'s box, as the backend's own check would. */
export function refuse(field: string, message: string): never {
  throw new BackendError({ code: "validation", message, fields: [{ field, message }] });
}
