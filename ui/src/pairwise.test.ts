// @vitest-environment jsdom
// Pairwise rounds against a fake backend (issue #17): a judge compares pairs by keyboard, and the
// secretariat chooses how a round is judged and sees the plan of pairs.
import { unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { click, type MountedApp, ok, openApp, pressKey, seriousViolations, settle, text } from "./testing";
import { backend, resetBackend } from "./testing/backend";
import type { Comparison, ComparisonInput, JudgePairs, PairPlan, PairView } from "./bindings";

vi.mock("./bindings", async () => ({ commands: (await import("./testing/backend")).backend }));
vi.mock("./lib/dialogs", () => ({ chooseImportFile: vi.fn(), chooseExportPath: vi.fn() }));

import App from "./App.svelte";

let app: MountedApp | null = null;

async function start(hash: string) {
  app = await openApp(App, hash);
}

const idea = (id: number) => ({
  id,
  reference: `DC21-${String(id).padStart(4, "0")}`,
  title: `Idea number ${id}`,
  summary: `What idea ${id} would do.`,
  evaluation: null,
});

const pair = (position: number, left: number, right: number): PairView => ({ position, left: idea(left), right: idea(right), choices: [] });

const pairs: JudgePairs = {
  challenge: 1,
  stage: "shortlist",
  judge: 1,
  settings: { method: "pairwise", pairsPerJudge: 2, perCriterion: false },
  criteria: [],
  pairs: [pair(0, 12, 13), pair(1, 14, 12)],
  compared: 0,
};

function saved(input: ComparisonInput): Comparison {
  return { ...input, choice: input.choice!, revision: 1, updatedAt: "2021-09-01T09:00:00Z", updatedBy: "Dame Ann Judge" };
}

beforeEach(() => {
  document.documentElement.lang = "en-GB";
  document.head.innerHTML = "<title>Shortlist</title>";
  document.body.innerHTML = '<div id="app"></div>';
  window.localStorage.clear();
  window.scrollTo = vi.fn() as unknown as typeof window.scrollTo;
  resetBackend();
  backend.judgePairs.mockResolvedValue(ok(pairs));
  backend.saveComparison.mockImplementation(async (_stage, input) => ok(saved(input)));
});

afterEach(() => {
  if (app) unmount(app);
  app = null;
});

describe("comparing pairs with the keyboard", () => {
  it("shows both ideas side by side; ← chooses the left and moves on, = records a tie", async () => {
    await start("#/judging/compare?round=shortlist&judge=1");
    expect(text("#pair-heading")).toBe("Pair 1 of 2");
    expect(text("#pair-left-title")).toBe("Idea number 12");
    expect(text("#pair-right-title")).toBe("Idea number 13");
    expect(text("#pairs-progress")).toContain("0 of 2 pairs compared");

    await pressKey("ArrowLeft");
    expect(backend.saveComparison).toHaveBeenCalledWith("shortlist", { judge: 1, left: 12, right: 13, criterion: "", choice: "left", comment: "" });
    expect(text("#pair-heading")).toBe("Pair 2 of 2");
    expect(text("#pairs-progress")).toContain("1 of 2 pairs compared");

    await pressKey("=");
    expect(backend.saveComparison).toHaveBeenLastCalledWith("shortlist", { judge: 1, left: 14, right: 12, criterion: "", choice: "tie", comment: "" });
    expect(text("#pairs-done")).toContain("Every pair is compared");
    expect(text("#pair-choice-tag")).toBe("Can't separate them");
    expect(await seriousViolations()).toEqual([]);
  }, 20_000);

  it("moves between pairs with [ and ] without choosing, and keys typed in the comment are text", async () => {
    await start("#/judging/compare?round=shortlist&judge=1");
    await pressKey("]");
    expect(text("#pair-heading")).toBe("Pair 2 of 2");
    await pressKey("[");
    expect(text("#pair-heading")).toBe("Pair 1 of 2");
    const comment = document.getElementById("pair-comment") as HTMLTextAreaElement;
    comment.focus();
    await pressKey("ArrowRight");
    expect(backend.saveComparison).not.toHaveBeenCalled();
  }, 20_000);
});

describe("comparing pairs on each criterion", () => {
  it("saves a criterion's choice without moving on or losing a comment being typed", async () => {
    backend.judgePairs.mockResolvedValue(ok({ ...pairs, criteria: [["viability", "Viability"]] }));
    await start("#/judging/compare?round=shortlist&judge=1");
    const comment = document.getElementById("pair-comment") as HTMLTextAreaElement;
    comment.value = "Clearer benefits";
    comment.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    (document.getElementById("criterion-viability-right") as HTMLInputElement).click();
    await settle();
    expect(backend.saveComparison).toHaveBeenCalledWith("shortlist", { judge: 1, left: 12, right: 13, criterion: "viability", choice: "right", comment: "" });
    expect(text("#pair-heading")).toBe("Pair 1 of 2");
    expect((document.getElementById("pair-comment") as HTMLTextAreaElement).value).toBe("Clearer benefits");
    expect((document.getElementById("criterion-viability-right") as HTMLInputElement).checked).toBe(true);
  }, 20_000);

  it("says where to choose a judge when none is given", async () => {
    await start("#/judging/compare?round=shortlist");
    expect(text("#pairs-problem")).toContain("Choose whose pairs to compare");
    expect(backend.judgePairs).not.toHaveBeenCalled();
  }, 20_000);
});

describe("how the panel judges", () => {
  const plan: PairPlan = {
    settings: { method: "pairwise", pairsPerJudge: 0, perCriterion: false },
    planned: true,
    pairsPerJudge: 7,
    ideas: 8,
    judges: [{ judge: 1, name: "Dame Ann Judge", pairs: 7, compared: 3 }],
    fewestPerIdea: 6,
    mostPerIdea: 7,
    choices: 3,
  };

  beforeEach(() => {
    backend.roundPanel.mockResolvedValue(ok({ challenge: 1, stage: "shortlist", judges: [], rubric: null, commentRequiredForExtremes: true, scoringStartedAt: null }));
    backend.listJudges.mockResolvedValue(ok([]));
    backend.roundOverview.mockResolvedValue(ok([]));
    backend.roundConflicts.mockResolvedValue(ok([]));
    backend.pairwiseSettings.mockResolvedValue(ok(plan.settings));
    backend.pairPlan.mockResolvedValue(ok(plan));
    backend.setPairwiseSettings.mockImplementation(async (_c, _s, settings) => ok(settings));
  });

  it("shows the plan for each judge and saves a new method with the pairs typed", async () => {
    await start("#/judging?round=shortlist");
    expect(text("#pair-plan-summary")).toContain("every idea is in 6 to 7 comparisons. 3 choices recorded so far");
    expect(text("#pair-plan-judges")).toContain("Dame Ann Judge");
    expect(document.getElementById("plan-pairs")).toBeNull();

    (document.getElementById("judging-method-both") as HTMLInputElement).click();
    await settle();
    const count = document.getElementById("pairs-per-judge") as HTMLInputElement;
    count.value = "10";
    count.dispatchEvent(new Event("input", { bubbles: true }));
    click("save-method");
    await settle();
    expect(backend.setPairwiseSettings).toHaveBeenCalledWith(1, "shortlist", { method: "both", pairsPerJudge: 10, perCriterion: false });
  }, 20_000);
});
