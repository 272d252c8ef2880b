// @vitest-environment jsdom
// Svelte's client runtime (effects run) is what the jsdom environment resolves to.
import { flushSync } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import { BackendError } from "./backend";
import { loader, type Loader } from "./loader.svelte";

/** A promise answered by hand, to answer questions in the order a test chooses. */
function answer<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});

/** A loader made as a component would make it, inside an effect root. */
function mount<T>(make: () => Loader<T>): Loader<T> {
  let made!: Loader<T>;
  stop = $effect.root(() => {
    made = make();
  });
  flushSync();
  return made;
}

describe("a page's loader", () => {
  it("is loading, then loaded", async () => {
    const pending = answer<string>();
    const loaded = mount(() => loader(() => pending.promise));
    expect(loaded.status).toBe("loading");
    pending.resolve("the board");
    await settle();
    expect(loaded.status).toBe("loaded");
    expect(loaded.data).toBe("the board");
  });

  it("tells not found from other problems", async () => {
    const missing = mount(() => loader(() => Promise.reject(new BackendError({ code: "notFound", message: "No such idea", fields: [] }))));
    const broken = mount(() => loader(() => Promise.reject(new Error("bridge gone"))));
    await settle();
    expect([missing.status, missing.notFound, missing.failed]).toEqual(["notFound", true, false]);
    expect([broken.status, broken.failed, broken.error?.code]).toEqual(["problem", true, "internal"]);
  });

  it("drops the answer to a question no longer asked, however late it comes", async () => {
    let id = $state(1);
    const answers = new Map([1, 2].map((n) => [n, answer<string>()]));
    const loaded = mount(() => loader(() => answers.get(id)!.promise));
    id = 2;
    flushSync();
    answers.get(2)!.resolve("idea 2");
    await settle();
    answers.get(1)!.resolve("idea 1");
    await settle();
    expect(loaded.data).toBe("idea 2");
  });

  it("keeps what it shows while it asks again, and an answer set by the page wins over one on its way", async () => {
    let calls = 0;
    const answers = [answer<string>(), answer<string>()];
    const loaded = mount(() => loader(() => answers[calls++].promise));
    answers[0].resolve("as loaded");
    await settle();
    const reloading = loaded.reload();
    expect(loaded.data).toBe("as loaded");
    loaded.set("as saved");
    answers[1].resolve("the reload");
    await reloading;
    expect(loaded.data).toBe("as saved");
  });
});
