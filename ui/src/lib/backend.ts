// How a page asks the Rust side something. A command resolves to tauri-specta's
// `{status, data | error}`, and can also throw (the bridge missing, a bug): two ways to fail that
// every caller used to handle twice. Here they become one: `ask` answers `{ok, data | error}` and
// never throws; `need` gives the data or throws a BackendError; `problemOf` turns whatever was
// thrown into the ApiError that the GOV.UK error pattern shows. Loading on a page's arrival is
// lib/loader.svelte.ts, built on these.
import type { ApiError, Result } from "./api";
import { unexpected } from "./errors";

/** A command's answer with a thrown exception folded into `error`. */
export type Answer<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** What a command resolves to. */
type Call<T> = Promise<Result<T, ApiError>>;

/** The ApiError a command answered with, carried through `throw` by `need`. */
export class BackendError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = "BackendError";
  }
}

/** The answer to `call`, never throwing: a thrown exception is an `internal` ApiError. */
export async function ask<T>(call: Call<T>): Promise<Answer<T>> {
  try {
    const result = await call;
    return result.status === "ok" ? { ok: true, data: result.data } : { ok: false, error: result.error };
  } catch (thrown) {
    return { ok: false, error: problemOf(thrown) };
  }
}

/** The data `call` answers with; its ApiError is thrown as a BackendError. */
export async function need<T>(call: Call<T>): Promise<T> {
  const answer = await ask(call);
  if (!answer.ok) throw new BackendError(answer.error);
  return answer.data;
}

/**
 * Every call's data, in the order asked. The first failure in that order (not the first to
 * arrive) is the one thrown, so a page says the same thing however the answers race.
 */
export async function needAll<T extends readonly unknown[]>(calls: { [K in keyof T]: Call<T[K]> }): Promise<T> {
  const answers = await Promise.all((calls as readonly Call<unknown>[]).map((call) => ask(call)));
  const failed = answers.find((answer) => !answer.ok);
  if (failed && !failed.ok) throw new BackendError(failed.error);
  return answers.map((answer) => (answer.ok ? answer.data : null)) as unknown as T;
}

/** What went wrong, whatever was thrown: a BackendError's ApiError, or `unexpected` for the rest. */
export function problemOf(thrown: unknown): ApiError {
  return thrown instanceof BackendError ? thrown.error : unexpected(thrown);
}

/** The data, or `fallback` when the answer failed: for what a page can do without. */
export function orElse<T, F>(answer: Answer<T>, fallback: F): T | F {
  return answer.ok ? answer.data : fallback;
}
