// @vitest-environment jsdom
// The judging screens against a fake backend: keyboard scoring, the results table, declaring a
// conflict (and an interest at the meeting), editing the rubric, choosing who scores an idea, and
// axe-core's serious/critical checks on what they show.
import { unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type MountedApp, ok, openApp, pressKey, seriousViolations, settle, text } from "./testing";
import { backend, challenge, resetBackend } from "./testing/backend";
import type {
  AutomaticAssignment,
  Idea,
  JudgeWorklist,
  RoundPanel,
  RoundResults,
  RubricVersionView,
  ScoreEntry,
} from "./bindings";

vi.mock("./bindings", async () => ({ commands: (await import("./testing/backend")).backend }));
vi.mock("./lib/dialogs", () => ({ chooseImportFile: vi.fn(), chooseExportPath: vi.fn() }));

import App from "./App.svelte";

const rubric: RubricVersionView = {
  id: 7,
  version: 1,
  createdAt: "2021-06-01T09:00:00Z",
  createdBy: "Priya Secretariat",
  rubric: {
    name: "Challenge default",
    scale: { min: 1, max: 5 },
    criteria: [
      { id: "viability", name: "Viability", guidance: "Can it be done?", weight: null },
      { id: "benefits", name: "Benefits", guidance: "Who gains?", weight: null },
      { id: "innovation", name: "Innovation", guidance: "Is it new?", weight: null },
    ],
    bands: [
      { min: 1, max: 1, label: "Poor", description: "Does not address the criterion." },
      { min: 2, max: 2, label: "Weak", description: "Significant gaps." },
      { min: 3, max: 3, label: "Adequate", description: "Meets the criterion." },
      { min: 4, max: 4, label: "Strong", description: "Meets it well." },
      { min: 5, max: 5, label: "Excellent", description: "An exemplar." },
    ],
  },
};

const judges = [
  { id: 1, challengeId: 1, name: "Dame Ann Judge", role: "Permanent Secretary", organisation: "HM Treasury" },
  { id: 2, challengeId: 1, name: "Sir Bob Panel", role: "Director General", organisation: "DWP" },
];

const roundIdea = (id: number) => ({ id, reference: `DC21-${String(id).padStart(4, "0")}`, title: `Idea number ${id}`, stage: "shortlist" as const });

const worklist = (changes: Partial<JudgeWorklist> = {}): JudgeWorklist => ({
  stage: "shortlist",
  judge: judges[0],
  rubric,
  commentRequiredForExtremes: true,
  criteria: 3,
  items: [12, 13, 14].map((id) => ({ idea: roundIdea(id), assigned: true, conflict: null, scored: 0, submitted: false })),
  ...changes,
});

const entry = (criterion: string, score: number, comment = "", status: "draft" | "submitted" = "draft"): ScoreEntry => ({
  rubricVersion: 7,
  judge: 1,
  idea: 12,
  criterion,
  score,
  comment,
  status,
  revision: 1,
  updatedAt: "2021-06-02T09:00:00Z",
  updatedBy: "Priya Secretariat",
});

const idea = { id: 12, reference: "DC21-0012", title: "Idea number 12", summary: "Link the records.\n\nMore detail." } as Idea;

const panel: RoundPanel = { challenge: 1, stage: "shortlist", judges, commentRequiredForExtremes: true, scoringStartedAt: null, rubric };


let app: MountedApp | null = null;


async function start(hash: string) {
  app = await openApp(App, hash);
}

const focusedCriterion = () => document.activeElement?.closest<HTMLElement>("[data-criterion]")?.dataset.criterion;


beforeEach(() => {
  document.documentElement.lang = "en-GB";
  document.head.innerHTML = "<title>Shortlist</title>";
  document.body.innerHTML = '<div id="app"></div>';
  window.localStorage.clear();
  window.scrollTo = vi.fn() as unknown as typeof window.scrollTo;
  resetBackend();
  backend.getIdea.mockResolvedValue(ok(idea));
  backend.judgeWorklist.mockResolvedValue(ok(worklist()));
  backend.judgeScores.mockResolvedValue(ok([]));
  backend.previousRoundScores.mockResolvedValue(ok(null));
  backend.saveScores.mockImplementation(async (_stage, inputs) => ok(inputs.map((i) => entry(i.criterion, i.score!, i.comment))));
  backend.listJudges.mockResolvedValue(ok(judges));
  backend.roundPanel.mockResolvedValue(ok(panel));
  backend.roundOverview.mockResolvedValue(ok([]));
  backend.roundConflicts.mockResolvedValue(ok([]));
  backend.conflictSuggestions.mockResolvedValue(ok([]));
  backend.assignmentSettings.mockResolvedValue(ok(null));
});

afterEach(() => {
  if (app) unmount(app);
  app = null;
});

describe("scoring with the keyboard", () => {
  it("starts on the first unscored criterion; a digit scores it and saves a draft", async () => {
    backend.judgeScores.mockResolvedValue(ok([entry("viability", 3)]));
    await start("#/judging/score?round=shortlist&judge=1&idea=12");
    expect(text("#scoring-heading")).toBe("DC21-0012: Idea number 12");
    expect(document.activeElement?.id).toBe("score-benefits-1");

    await pressKey("4");
    expect(backend.saveScores).toHaveBeenCalledWith("shortlist", [{ judge: 1, idea: 12, criterion: "benefits", score: 4, comment: "" }]);
    expect((document.getElementById("score-benefits-4") as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement?.id).toBe("score-benefits-4");
    expect(text("#band-benefits")).toContain("Strong");
    expect(text("#save-status")).toBe("Saved");
    expect(document.getElementById("save-status")?.getAttribute("aria-live")).toBe("polite");
    expect(await seriousViolations()).toEqual([]);
  });

  it("moves between criteria with the arrows and j/k, and n goes to the next unscored one", async () => {
    backend.judgeScores.mockResolvedValue(ok([entry("benefits", 2)]));
    await start("#/judging/score?round=shortlist&judge=1&idea=12");
    expect(focusedCriterion()).toBe("viability");
    await pressKey("ArrowDown");
    expect(focusedCriterion()).toBe("benefits");
    expect(document.activeElement?.id).toBe("score-benefits-2"); // the chosen radio of the group
    await pressKey("j");
    expect(focusedCriterion()).toBe("innovation");
    await pressKey("ArrowUp");
    expect(focusedCriterion()).toBe("benefits");
    // Benefits has a score; the next without one, going round, is Innovation.
    await pressKey("n");
    expect(focusedCriterion()).toBe("innovation");
    await pressKey("n");
    expect(focusedCriterion()).toBe("viability");
  });

  it("with every criterion scored, n goes to the next idea with anything unscored", async () => {
    backend.judgeScores.mockResolvedValue(ok([entry("viability", 3), entry("benefits", 3), entry("innovation", 3)]));
    backend.judgeWorklist.mockResolvedValue(
      ok(worklist({ items: [12, 13, 14].map((id) => ({ idea: roundIdea(id), assigned: true, conflict: null, scored: id === 12 ? 3 : 0, submitted: id === 13 })) })),
    );
    await start("#/judging/score?round=shortlist&judge=1&idea=12");
    await pressKey("n");
    expect(window.location.hash).toBe("#/judging/score?round=shortlist&judge=1&idea=14");
  });

  it("Enter submits a fully scored idea", async () => {
    backend.judgeScores.mockResolvedValue(ok([entry("viability", 3), entry("benefits", 4), entry("innovation", 2)]));
    backend.submitScores.mockResolvedValue(ok([entry("viability", 3, "", "submitted")]));
    await start("#/judging/score?round=shortlist&judge=1&idea=12");
    expect(text("#submit-scores")).toBe("Submit scores for DC21-0012");
    await pressKey("Enter");
    expect(backend.submitScores).toHaveBeenCalledWith("shortlist", 1, 12);
    expect(document.getElementById("reopen-scores")).not.toBeNull();
    expect(text("#scoring-notice")).toContain("Scores for DC21-0012 submitted");
    expect((document.getElementById("score-viability-3") as HTMLInputElement).disabled).toBe(true);
  });

  it("an extreme score needs a comment: Enter shows the error beside it and submits nothing", async () => {
    backend.judgeScores.mockResolvedValue(ok([entry("viability", 3), entry("benefits", 3)]));
    await start("#/judging/score?round=shortlist&judge=1&idea=12");
    expect(focusedCriterion()).toBe("innovation");
    await pressKey("5");
    expect(text("label[for='comment-innovation']")).toContain("required");
    expect(document.getElementById("comment-innovation")?.getAttribute("aria-required")).toBe("true");
    await pressKey("Enter");
    expect(backend.submitScores).not.toHaveBeenCalled();
    expect(text(".govuk-error-summary")).toContain("Add a comment to Innovation (5, Excellent)");
    expect(text("#comment-innovation-error")).toContain("Add a comment to Innovation");
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#comment-innovation");
  });

  it("keys typed in a comment box are words, not scores", async () => {
    await start("#/judging/score?round=shortlist&judge=1&idea=12");
    const box = document.getElementById("comment-viability") as HTMLTextAreaElement;
    box.focus();
    await pressKey("4");
    await pressKey("n");
    expect(backend.saveScores).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(box);
  });

  it("an idea with a declared interest is shown but cannot be scored", async () => {
    const conflict = {
      id: 3, judge: 1, idea: 12, kind: "sameTeam" as const, note: "", round: "shortlist" as const,
      declaredAt: "2021-06-01T09:00:00Z", declaredBy: "Priya", declaredAtMeeting: false, withdrawnAt: null, withdrawnBy: null,
    };
    backend.judgeWorklist.mockResolvedValue(ok(worklist({ items: [{ idea: roundIdea(12), assigned: true, conflict, scored: 0, submitted: false }] })));
    await start("#/judging/score?round=shortlist&judge=1&idea=12");
    expect(text("#declared-interest")).toContain("You declared an interest: same team");
    expect(text("#status-12")).toBe("Declared interest");
    expect(document.querySelector("[data-criterion]")).toBeNull();
  });
});

describe("results", () => {
  it("shows the raw mean beside the normalised one, and flags disagreement", async () => {
    const results: RoundResults = {
      challenge: 1,
      stage: "shortlist",
      rubric,
      judges,
      rows: [
        {
          idea: roundIdea(12), rank: "1", mean: 3, median: 3, normalisedMean: 3.4, judgesCounted: 2, sd: 1, range: 2, disagreement: true,
          scoreLow: 2, scoreHigh: 4, rankBest: 1, rankWorst: 1, inCut: null,
          judges: [
            { judge: 1, total: 4, normalised: 4.2, recused: false, notAssigned: false },
            { judge: 2, total: 2, normalised: 2.6, recused: false, notAssigned: false },
          ],
        },
        {
          idea: roundIdea(13), rank: null, mean: null, median: null, normalisedMean: null, judgesCounted: 0, sd: null, range: null, disagreement: false, judges: [],
          scoreLow: null, scoreHigh: null, rankBest: null, rankWorst: null, inCut: null,
        },
      ],
      results: {
        rankBy: "rawMean", ideas: [], totals: [], pooled: null, rejected: [],
        judges: [
          { judge: 1, complete: 3, incomplete: 0, notScored: 0, recused: 0, meanTotal: 3.6, sdTotal: 0.5, normalisation: { kind: "applied" }, severity: 0.42 },
          { judge: 2, complete: 3, incomplete: 0, notScored: 0, recused: 1, meanTotal: 2.7, sdTotal: 0.5, normalisation: { kind: "applied" }, severity: -0.31 },
        ],
      },
      conflicts: [],
      draftScores: 2,
      earlierVersionScores: 0,
      reliability: [],
      bootstrap: { resamples: 1000, seed: "258", judges: 2 },
      cut: null,
    };
    backend.roundResults.mockResolvedValue(ok(results));
    await start("#/judging/results?round=shortlist&rank=raw");
    expect(backend.roundResults).toHaveBeenCalledWith(1, "shortlist", "rawMean");
    const first = document.querySelector("#results-table tbody tr")!;
    expect(first.querySelector("[data-column='mean']")?.textContent).toBe("3.00");
    expect(first.querySelector("[data-column='normalised']")?.textContent).toBe("3.40");
    expect(first.querySelector(".disagreement-flag.govuk-tag--orange")?.textContent).toBe("Disagreement");
    expect(first.querySelector("svg title")?.textContent).toBe("Judges' totals: Dame Ann Judge 4.0, Sir Bob Panel 2.0; mean 3.00");
    const unranked = document.querySelectorAll("#results-table tbody tr")[1];
    expect(unranked.querySelector("[data-column='normalised']")?.textContent).toBe("—");
    expect(unranked.querySelector(".disagreement-flag")).toBeNull();
    expect(text("#severity-table")).toContain("+0.4 more generous");
    expect(text("#severity-table")).toContain("\u22120.3 more severe");
    expect(text("#draft-scores-notice")).toContain("2 draft scores are not counted");
    expect(await seriousViolations()).toEqual([]);

    const select = document.getElementById("rank-by") as HTMLSelectElement;
    select.value = "normalised";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(window.location.hash).toBe("#/judging/results?round=shortlist&rank=normalised");
    expect(backend.roundResults).toHaveBeenLastCalledWith(1, "shortlist", "normalisedMean");
  });
});

describe("judging home", () => {
  it("lists the panel with a way to score as each judge, and declares a conflict with the right payload", async () => {
    backend.roundOverview.mockResolvedValue(ok([{ ...roundIdea(12), department: "ONS", eligibility: "eligible", viability: null, benefits: null, obstacles: null, recommendation: null, evaluated: true, missing: 0 }]));
    backend.judgeWorklist.mockResolvedValue(
      ok(worklist({ items: [12, 13].map((id) => ({ idea: roundIdea(id), assigned: true, conflict: null, scored: 3, submitted: id === 12 })) })),
    );
    backend.declareConflict.mockResolvedValue(
      ok({ id: 9, judge: 2, idea: 12, kind: "sameTeam", note: "Works with the submitter", round: "shortlist", declaredAt: "2021-06-01T09:00:00Z", declaredBy: "Priya", declaredAtMeeting: false, withdrawnAt: null, withdrawnBy: null }),
    );
    await start("#/judging?round=shortlist");
    expect(document.querySelector("#nav-judging")?.getAttribute("aria-current")).toBe("page");
    expect(text("#score-as-2")).toBe("Score as Sir Bob Panel");
    expect(document.getElementById("score-as-2")?.getAttribute("href")).toBe("#/judging/score?round=shortlist&judge=2");
    expect(text("#progress-1")).toBe("1 of 2 ideas scored");
    expect(text("#rubric-summary")).toContain("Challenge default");
    expect(await seriousViolations()).toEqual([]);

    const judge = document.getElementById("conflict-judge") as HTMLSelectElement;
    judge.value = "2";
    judge.dispatchEvent(new Event("change", { bubbles: true }));
    const ideaSelect = document.getElementById("conflict-idea") as HTMLSelectElement;
    ideaSelect.value = "12";
    ideaSelect.dispatchEvent(new Event("change", { bubbles: true }));
    (document.getElementById("conflict-kind-sameTeam") as HTMLInputElement).click();
    const note = document.getElementById("conflict-note") as HTMLTextAreaElement;
    note.value = "Works with the submitter";
    note.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    (document.getElementById("declare-conflict") as HTMLButtonElement).click();
    await settle();
    expect(backend.declareConflict).toHaveBeenCalledWith("shortlist", 2, 12, { kind: "sameTeam", note: "Works with the submitter" });
    expect(text(".govuk-notification-banner")).toContain("Sir Bob Panel will not score DC21-0012");
  });

  it("a conflict without a judge points at the judge box, with the error tied to it", async () => {
    backend.roundOverview.mockResolvedValue(ok([{ ...roundIdea(12), department: "ONS", eligibility: "eligible", viability: null, benefits: null, obstacles: null, recommendation: null, evaluated: true, missing: 0 }]));
    await start("#/judging?round=shortlist");
    await press("declare-conflict");
    expect(backend.declareConflict).not.toHaveBeenCalled();
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#conflict-judge");
    const judge = document.getElementById("conflict-judge") as HTMLSelectElement;
    expect(judge.getAttribute("aria-describedby")).toBe("conflict-judge-error");
    expect(judge.classList.contains("govuk-select--error")).toBe(true);
    expect(judge.closest(".govuk-form-group")?.classList.contains("govuk-form-group--error")).toBe(true);
    expect(text("#conflict-judge-error")).toBe("Error: Select the judge who has the conflict");
    expect(document.querySelector('label[for="conflict-judge"]')?.textContent).toBe("Judge");
    expect(await seriousViolations()).toEqual([]);
  });
});

describe("meeting mode", () => {
  const discussionRow = (id: number) => ({
    item: { idea: id, rank: 1, reason: "other" as const, disagreement: false, borderline: false },
    idea: roundIdea(id),
    mean: 3,
    normalisedMean: null,
    sd: 0.5,
    decision: null,
    singleJudge: [],
  });

  it("declares an interest in the room with the same form as the judging home, under interest- ids", async () => {
    backend.discussionList.mockResolvedValue(ok([discussionRow(12), discussionRow(13)]));
    backend.declareInterestAtMeeting.mockResolvedValue(
      ok({ id: 10, judge: 2, idea: 13, kind: "other", note: "Mentored the team", round: "shortlist", declaredAt: "2021-06-01T09:00:00Z", declaredBy: "Priya", declaredAtMeeting: true, withdrawnAt: null, withdrawnBy: null }),
    );
    await start("#/judging/meeting?round=shortlist");
    const options = (id: string) => [...(document.getElementById(id) as HTMLSelectElement).options].map((o) => o.text);
    expect(options("interest-judge")).toEqual(["Choose a judge", "Dame Ann Judge", "Sir Bob Panel"]);
    expect(options("interest-idea")).toEqual(["Choose an idea", "DC21-0012: Idea number 12", "DC21-0013: Idea number 13"]);

    const judge = document.getElementById("interest-judge") as HTMLSelectElement;
    judge.value = "2";
    judge.dispatchEvent(new Event("change", { bubbles: true }));
    await press("declare-interest");
    expect(backend.declareInterestAtMeeting).not.toHaveBeenCalled();
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#interest-idea");
    expect(document.getElementById("interest-idea")?.getAttribute("aria-describedby")).toBe("interest-idea-error");
    expect(text("#interest-idea-error")).toBe("Error: Select the idea the interest is in");
    expect(await seriousViolations()).toEqual([]);

    const ideaSelect = document.getElementById("interest-idea") as HTMLSelectElement;
    ideaSelect.value = "13";
    ideaSelect.dispatchEvent(new Event("change", { bubbles: true }));
    (document.getElementById("interest-kind-other") as HTMLInputElement).click();
    await type("interest-note", "Mentored the team");
    await press("declare-interest");
    expect(backend.declareInterestAtMeeting).toHaveBeenCalledWith("shortlist", 2, 13, { kind: "other", note: "Mentored the team" });
    expect(text(".govuk-notification-banner")).toContain("Interest recorded: Sir Bob Panel's scores for DC21-0013 no longer count");
    expect((document.getElementById("interest-note") as HTMLTextAreaElement).value).toBe("");
  });
});

/** Types into a text input or textarea as a person would: the value, then an input event. */
async function type(id: string, value: string) {
  const field = document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement;
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  await settle();
}

async function press(id: string) {
  (document.getElementById(id) as HTMLButtonElement).click();
  await settle();
}

describe("rubric editor", () => {
  const saved = (version: number, newVersion: boolean) => ok({ current: { ...rubric, version }, newVersion });

  it("is reached from the judging home and sends the edited draft: a changed weight and a new criterion", async () => {
    backend.setRoundRubric.mockResolvedValue(saved(1, false));
    await start("#/judging?round=shortlist");
    expect(document.getElementById("edit-rubric")?.getAttribute("href")).toBe("#/judging/rubric?round=shortlist");
    window.location.hash = "#/judging/rubric?round=shortlist";
    await settle();
    expect((document.getElementById("rubric-name") as HTMLInputElement).value).toBe("Challenge default");
    expect(text("#criteria-0-share")).toBe("33%");
    expect(await seriousViolations()).toEqual([]);

    await type("criteria-1-weight", "2");
    // Shares follow the weights as they are typed: 1, 2 and 1 of 4.
    expect(text("#criteria-1-share")).toBe("50%");
    await press("add-criterion");
    expect(document.activeElement?.id).toBe("criteria-3-name");
    await type("criteria-3-name", "Value for money");
    await type("criteria-3-guidance", "Are the costs justified?");
    await press("save-rubric");

    expect(backend.setRoundRubric).toHaveBeenCalledWith(
      1,
      "shortlist",
      {
        ...rubric.rubric,
        criteria: [
          { id: "viability", name: "Viability", guidance: "Can it be done?", weight: 1 },
          { id: "benefits", name: "Benefits", guidance: "Who gains?", weight: 2 },
          { id: "innovation", name: "Innovation", guidance: "Is it new?", weight: 1 },
          // New criteria get an id from their name; saved ones keep theirs.
          { id: "valueForMoney", name: "Value for money", guidance: "Are the costs justified?", weight: 1 },
        ],
      },
      false,
    );
    expect(window.location.hash).toBe("#/judging?round=shortlist");
    expect(text(".govuk-notification-banner")).toContain("Rubric saved");
  });

  it("starts from the challenge default when the round has no rubric", async () => {
    backend.roundPanel.mockResolvedValue(ok({ ...panel, rubric: null }));
    await start("#/judging/rubric?round=shortlist");
    expect((document.getElementById("rubric-name") as HTMLInputElement).value).toBe("Challenge default (1 to 5)");
    expect((document.getElementById("criteria-4-name") as HTMLInputElement).value).toBe("Innovation");
    expect(text("#rubric-version")).toContain("no rubric yet");
  });

  it("shows the backend's field errors beside their fields: criteria.1.weight on the weight of criterion 2", async () => {
    backend.setRoundRubric.mockResolvedValue({
      status: "error",
      error: {
        code: "validation",
        message: "The rubric has problems",
        fields: [
          { field: "criteria.1.weight", message: "The weight of criterion 2 must be a number above 0, such as 1 (it is 0)" },
          { field: "bands", message: "No band covers the score 3" },
        ],
      },
    });
    await start("#/judging/rubric?round=shortlist");
    await press("save-rubric");
    const links = [...document.querySelectorAll(".govuk-error-summary a")].map((a) => a.getAttribute("href"));
    expect(links).toEqual(["#criteria-1-weight", "#bands-heading"]);
    expect(text("#criteria-1-weight-error")).toContain("The weight of criterion 2 must be a number above 0");
    expect(document.getElementById("criteria-1-weight")?.getAttribute("aria-describedby")).toBe("criteria-1-weight-error");
    expect(window.location.hash).toBe("#/judging/rubric?round=shortlist");
    expect(await seriousViolations()).toEqual([]);
  });

  it("a weight that is not a number is caught before anything is sent", async () => {
    await start("#/judging/rubric?round=shortlist");
    await type("criteria-0-weight", "two");
    expect(text("#criteria-0-share")).toBe("—");
    await press("save-rubric");
    expect(backend.setRoundRubric).not.toHaveBeenCalled();
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#criteria-0-weight");
  });

  it("once scoring has started, asks first, and the confirmation resends with a new version allowed", async () => {
    backend.roundPanel.mockResolvedValue(ok({ ...panel, scoringStartedAt: "2021-06-02T09:00:00Z" }));
    backend.setRoundRubric
      .mockResolvedValueOnce({ status: "error", error: { code: "needsConfirmation", message: "Scoring has started", fields: [] } })
      .mockResolvedValueOnce(saved(2, true));
    await start("#/judging/rubric?round=shortlist");
    await type("criteria-0-weight", "3");
    await press("save-rubric");
    expect(backend.setRoundRubric).toHaveBeenLastCalledWith(1, "shortlist", expect.anything(), false);
    expect(text("#rubric-new-version .govuk-warning-text")).toContain("Scores already given keep version 1 and stop counting");
    expect(document.activeElement?.id).toBe("rubric-new-version");
    expect(window.location.hash).toBe("#/judging/rubric?round=shortlist");

    await press("confirm-new-version");
    expect(backend.setRoundRubric).toHaveBeenCalledTimes(2);
    const [, , draft, confirmed] = backend.setRoundRubric.mock.calls[1];
    expect(confirmed).toBe(true);
    expect(draft.criteria[0].weight).toBe(3);
    expect(window.location.hash).toBe("#/judging?round=shortlist");
    expect(text(".govuk-notification-banner")).toContain("Rubric saved as version 2");
  });

  it("a new scale offers to split the bands evenly over it", async () => {
    await start("#/judging/rubric?round=shortlist");
    const scale = document.getElementById("rubric-scale") as HTMLSelectElement;
    scale.value = "0-10";
    scale.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    await press("reset-bands");
    const edges = [0, 1, 2, 3, 4].map((j) => [
      (document.getElementById(`bands-${j}-min`) as HTMLInputElement).value,
      (document.getElementById(`bands-${j}-max`) as HTMLInputElement).value,
      (document.getElementById(`bands-${j}-label`) as HTMLInputElement).value,
    ]);
    expect(edges).toEqual([["0", "1", "Poor"], ["2", "3", "Weak"], ["4", "5", "Adequate"], ["6", "7", "Strong"], ["8", "10", "Excellent"]]);
  });
});

describe("who scores each idea", () => {
  beforeEach(() => {
    backend.roundOverview.mockResolvedValue(ok([{ ...roundIdea(12), department: "ONS", eligibility: "eligible", viability: null, benefits: null, obstacles: null, recommendation: null, evaluated: true, missing: 0 }]));
  });

  it("starts with all the panel ticked, and sends the judges left ticked", async () => {
    backend.assignJudges.mockResolvedValue(ok(null));
    await start("#/judging?round=shortlist");
    expect(text("#assignments summary")).toBe("Choose judges for DC21-0012");
    expect(text("#assigned-12")).toBe("All the panel");
    expect((document.getElementById("assign-12-1") as HTMLInputElement).checked).toBe(true);
    expect((document.getElementById("assign-12-2") as HTMLInputElement).checked).toBe(true);
    expect(await seriousViolations()).toEqual([]);

    await press("assign-12-1");
    await press("save-assign-12");
    expect(backend.assignJudges).toHaveBeenCalledWith(1, "shortlist", 12, [2]);
    expect(text(".govuk-notification-banner")).toContain("Sir Bob Panel will score DC21-0012");
  });

  it("shows a refusal in the error summary", async () => {
    backend.assignJudges.mockResolvedValue({
      status: "error",
      error: { code: "refused", message: "Dame Ann Judge has scored DC21-0012, so cannot be taken off it", fields: [] },
    });
    await start("#/judging?round=shortlist");
    await press("assign-12-1");
    await press("save-assign-12");
    expect(text(".govuk-error-summary")).toContain("Dame Ann Judge has scored DC21-0012, so cannot be taken off it");
  });
});

describe("sharing out ideas automatically", () => {
  const overviewRow = (id: number) => ({ ...roundIdea(id), department: "ONS", eligibility: "eligible" as const, viability: null, benefits: null, obstacles: null, recommendation: null, evaluated: true, missing: 0 });
  const shareOut: AutomaticAssignment = {
    challenge: 1,
    stage: "shortlist",
    perIdea: 1,
    seed: 4242,
    ideas: [12, 13, 14].map((id) => ({ idea: roundIdea(id), judges: [id === 13 ? 2 : 1], kept: id === 12 ? [1] : [] })),
    loads: [
      { judge: judges[0], ideas: 2, kept: 1 },
      { judge: judges[1], ideas: 1, kept: 0 },
    ],
    spread: 1,
    manualKept: 1,
    scoredKept: 0,
    problems: [],
  };

  beforeEach(() => {
    backend.roundOverview.mockResolvedValue(ok([12, 13, 14].map(overviewRow)));
  });

  it("starts from the round's last number, previews the loads and applies what was previewed", async () => {
    backend.assignmentSettings.mockResolvedValue(ok({ perIdea: 2, seed: 4242 }));
    backend.previewAutomaticAssignment.mockResolvedValue(ok(shareOut));
    backend.applyAutomaticAssignment.mockResolvedValue(ok(shareOut));
    await start("#/judging?round=shortlist");
    expect((document.getElementById("per-idea") as HTMLInputElement).value).toBe("2");

    await type("per-idea", "1");
    await press("preview-share-out");
    expect(backend.previewAutomaticAssignment).toHaveBeenCalledWith(1, "shortlist", 1, null);
    expect(text('#share-out-loads [data-load="1"]')).toContain("Dame Ann Judge");
    expect(text('#share-out-loads [data-load="1"] td')).toBe("2");
    expect(text("#share-out-summary")).toContain("1 more idea than the least busy");
    expect(text("#share-out-ideas")).toContain("DC21-0013: Sir Bob Panel");
    expect(await seriousViolations()).toEqual([]);

    await press("apply-share-out");
    expect(backend.applyAutomaticAssignment).toHaveBeenCalledWith(1, "shortlist", 1, 4242);
    expect(text(".govuk-notification-banner")).toContain("each of the 3 ideas has 1 judge");
    expect(document.getElementById("share-out-preview")).toBeNull();
  });

  it("shows why no share-out exists as an error summary linked to the number, and checks the number first", async () => {
    const problems = ["Each idea needs 3 assessors but there are only 2. Add assessors or lower the number per idea."];
    backend.previewAutomaticAssignment.mockResolvedValue(ok({ ...shareOut, perIdea: 3, ideas: [], loads: [], problems }));
    await start("#/judging?round=shortlist");
    await type("per-idea", "none");
    await press("preview-share-out");
    expect(backend.previewAutomaticAssignment).not.toHaveBeenCalled();
    expect(text("#per-idea-error")).toBe("Error: Enter the number of judges for each idea as a whole number, like 3");

    await type("per-idea", "3");
    await press("preview-share-out");
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#per-idea");
    expect(text(".govuk-error-summary")).toContain(problems[0]);
    expect(document.getElementById("per-idea")?.getAttribute("aria-describedby")).toBe("per-idea-error");
    expect(document.getElementById("apply-share-out")).toBeNull();
    expect(await seriousViolations()).toEqual([]);
  });

  it("lists suggested conflicts, and confirms or dismisses each", async () => {
    backend.conflictSuggestions.mockResolvedValue(
      ok([
        { judge: judges[1], idea: roundIdea(12), shared: ["DWP"] },
        { judge: judges[1], idea: roundIdea(13), shared: ["DWP"] },
      ]),
    );
    backend.confirmConflictSuggestion.mockResolvedValue(
      ok({ id: 9, judge: 2, idea: 12, kind: "other", note: "Same department or agency as the submitter: DWP", round: "shortlist", declaredAt: "2021-06-01T09:00:00Z", declaredBy: "Priya", declaredAtMeeting: false, withdrawnAt: null, withdrawnBy: null }),
    );
    backend.dismissConflictSuggestion.mockResolvedValue(ok(null));
    await start("#/judging?round=shortlist");
    expect(text('#suggested-conflicts [data-suggestion="2-12"]')).toContain("DWP");
    expect(await seriousViolations()).toEqual([]);

    await press("confirm-suggestion-2-12");
    expect(backend.confirmConflictSuggestion).toHaveBeenCalledWith(1, "shortlist", 2, 12);
    expect(text(".govuk-notification-banner")).toContain("Sir Bob Panel will not score DC21-0012");
    await press("dismiss-suggestion-2-13");
    expect(backend.dismissConflictSuggestion).toHaveBeenCalledWith(1, "shortlist", 2, 13);
    expect(text(".govuk-notification-banner")).toContain("Suggestion dismissed");
  });
});

describe("changing a judge's details", () => {
  it("opens a form in the panel table and saves it with editJudge", async () => {
    backend.editJudge.mockResolvedValue(ok({ ...judges[1], role: "Second Permanent Secretary" }));
    await start("#/judging?round=shortlist");
    (document.getElementById("change-judge-2") as HTMLAnchorElement).click();
    await settle();
    expect(document.activeElement?.id).toBe("edit-judge-2-name");
    await type("edit-judge-2-role", "Second Permanent Secretary");
    await press("save-judge-2");
    expect(backend.editJudge).toHaveBeenCalledWith(2, { name: "Sir Bob Panel", role: "Second Permanent Secretary", organisation: "DWP" });
    expect(text(".govuk-notification-banner")).toContain("Sir Bob Panel's details saved");
    expect(document.getElementById("edit-judge-2-name")).toBeNull();
  });
});
