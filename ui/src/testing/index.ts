// What the page tests share: opening the app at a page, waiting for the UI to settle,
// acting on it as a person would, reading it back, axe-core, and the shape of the fake
// backend's answers. The fake backend itself is ./backend.ts.
import axe from "axe-core";
import { flushSync, mount, type Component } from "svelte";
import type { ErrorCode, FieldError } from "../bindings";

/** A fake command's success. */
export const ok = <T>(data: T) => ({ status: "ok" as const, data });

/** A fake command's ApiError. */
export const failure = (code: ErrorCode, message: string, fields: FieldError[] = []) => ({
  status: "error" as const,
  error: { code, message, fields },
});

/** Lets pending promises and Svelte's effects run until the page is still. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

/** The app as mounted by [`openApp`]. */
export type MountedApp = ReturnType<typeof mount>;

/** Opens `App` at `hash`, as a person following a link would, once the page has drawn. The
 * caller unmounts what it returns. */
export async function openApp(App: Component, hash: string): Promise<MountedApp> {
  window.location.hash = hash;
  await settle();
  const app = mount(App, { target: document.getElementById("app")! });
  await settle();
  return app;
}

/** A key pressed where the focus is, as a person at the keyboard would. */
export async function pressKey(name: string): Promise<void> {
  const target = document.activeElement ?? document.body;
  target.dispatchEvent(new KeyboardEvent("keydown", { key: name, bubbles: true, cancelable: true }));
  await settle();
}

/** An element's text with runs of white space as one space, or undefined when it is not there. */
export const text = (selector: string) => document.querySelector(selector)?.textContent?.replace(/\s+/g, " ").trim();

/** Types `value` into the input or textarea with this id. */
export function type(id: string, value: string): void {
  const input = document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

/** Chooses `value` in the select with this id. */
export function choose(id: string, value: string): void {
  const select = document.getElementById(id) as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
}

export function click(id: string): void {
  (document.getElementById(id) as HTMLElement).click();
}

/** axe-core's serious and critical violations on the page, as `rule: elements` lines. */
export async function seriousViolations(): Promise<string[]> {
  // Colour contrast needs real layout and CSS, which jsdom lacks: checked on screenshots instead.
  const results = await axe.run(document, { resultTypes: ["violations"], rules: { "color-contrast": { enabled: false } } });
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(", ")}`);
}
