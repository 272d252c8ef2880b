import { describe, expect, it } from "vitest";
import type { ApiError } from "./api";
import { ask, BackendError, need, needAll, problemOf } from "./backend";

const notFound: ApiError = { code: "notFound", message: "No idea has the id 7", fields: [] };
const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const refused = (error: ApiError) => Promise.resolve({ status: "error" as const, error });

describe("asking the backend", () => {
  it("answers a command's data or its ApiError in one shape", async () => {
    expect(await ask(ok(42))).toEqual({ ok: true, data: 42 });
    expect(await ask(refused(notFound))).toEqual({ ok: false, error: notFound });
  });

  it("turns a thrown exception into an internal error a person can act on, never raw text", async () => {
    const answer = await ask(Promise.reject(new Error("invoke is not available")));
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe("internal");
    expect(answer.error.message).toContain("(invoke is not available)");
  });

  it("gives the data, or throws the ApiError so that one catch handles both ways to fail", async () => {
    expect(await need(ok("x"))).toBe("x");
    const thrown = await need(refused(notFound)).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(BackendError);
    expect(problemOf(thrown)).toEqual(notFound);
    expect(problemOf(new TypeError("boom")).code).toBe("internal");
  });

  it("says the first failure in the order asked, however the answers race", async () => {
    const late = new Promise<{ status: "error"; error: ApiError }>((resolve) => setTimeout(() => resolve({ status: "error", error: notFound }), 5));
    const early = refused({ code: "internal", message: "later in the list", fields: [] });
    const thrown = await needAll<[number, number]>([late, early]).catch((e: unknown) => e);
    expect(problemOf(thrown)).toEqual(notFound);
    expect(await needAll<[number, string]>([ok(1), ok("two")])).toEqual([1, "two"]);
  });
});
