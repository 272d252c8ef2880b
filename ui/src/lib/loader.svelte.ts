// What a page loads when it arrives, written once: the states (loading, loaded, not found, a
// problem), the guard that drops an answer to a question no longer asked (the idea changed, the
// search moved on), and asking again after the page changed something. Pages used to write each
// of these by hand with a `let stale = false` per effect.
import type { ApiError } from "./api";
import { problemOf } from "./backend";

export type LoadStatus = "loading" | "loaded" | "notFound" | "problem";

export type LoaderOptions<T> = {
  /**
   * Runs with each answer that is still wanted, before the page shows it: for form state that
   * starts from what was loaded (the page then owns it), or for what follows an answer.
   */
  onLoaded?: (data: T) => void;
  /**
   * Keep showing the last answer while a new question is asked (a register search refining
   * itself), rather than going back to "loading". A reload always keeps it.
   */
  keep?: boolean;
};

export class Loader<T> {
  /**
   * The newest answer's data (with `keep`, the last one's until the next arrives). Deeply
   * reactive, so a form that starts from it may be edited in place.
   */
  data = $state<T | null>(null);
  /** Why the newest answer failed, until one succeeds; null while first loading and once loaded. */
  error = $state<ApiError | null>(null);
  /** Whether `data` is an answer (data may be null itself). */
  #answered = $state(false);
  /** Each question asked gets a number; only the newest one's answer is kept. */
  #asked = 0;
  #fetch: () => Promise<T>;
  #options: LoaderOptions<T>;

  constructor(fetch: () => Promise<T>, options: LoaderOptions<T> = {}) {
    this.#fetch = fetch;
    this.#options = options;
    // Whatever `fetch` reads before its first `await` (a prop, a route) is followed: a change
    // asks again, and the answer to the old question is dropped.
    $effect(() => {
      const asked = this.#ask();
      return () => {
        if (this.#asked === asked) this.#asked += 1;
      };
    });
  }

  get status(): LoadStatus {
    if (this.error) return this.error.code === "notFound" ? "notFound" : "problem";
    return this.#answered ? "loaded" : "loading";
  }

  get loading(): boolean {
    return this.status === "loading";
  }

  get notFound(): boolean {
    return this.status === "notFound";
  }

  /** A failure other than not found: what the GOV.UK pattern marks as an error in the title. */
  get failed(): boolean {
    return this.status === "problem";
  }

  /** Asks again, keeping what is shown until the answer comes: after the page changed something. */
  reload(): Promise<void> {
    return this.#run(++this.#asked);
  }

  /**
   * Shows `data` as the newest answer: what a save answered with, so that the page need not ask
   * again. An answer still on its way is dropped.
   */
  set(data: T): void {
    this.#asked += 1;
    this.error = null;
    this.data = data;
    this.#answered = true;
  }

  /** Starts a question from inside the effect, so that `fetch`'s reads are tracked. */
  #ask(): number {
    const asked = ++this.#asked;
    if (!this.#options.keep) {
      this.data = null;
      this.error = null;
      this.#answered = false;
    }
    void this.#run(asked);
    return asked;
  }

  async #run(asked: number): Promise<void> {
    let data: T;
    try {
      data = await this.#fetch();
    } catch (thrown) {
      if (asked !== this.#asked) return;
      this.error = problemOf(thrown);
      return;
    }
    if (asked !== this.#asked) return;
    this.#options.onLoaded?.(data);
    this.error = null;
    this.data = data;
    this.#answered = true;
  }
}

/**
 * Loads `fetch` now and again whenever what it reads changes. Call it while a component is
 * being set up (it owns an effect). `fetch` throws to fail: `need` from lib/backend.ts does.
 */
export function loader<T>(fetch: () => Promise<T>, options: LoaderOptions<T> = {}): Loader<T> {
  return new Loader(fetch, options);
}
