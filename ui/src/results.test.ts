// @vitest-environment jsdom
// How sure a round's results are (issue #17), as the secretariat sees them against a fake
// backend: the intervals and their chart, how far the judges agree, the ideas whose place rests
// on one judge (on the results page and first in meeting mode), and a pairwise round's ranking.
import { unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type MountedApp, ok, openApp, seriousViolations, settle, text } from "./testing";
import { backend, resetBackend } from "./testing/backend";
import type { CriterionReliability, DiscussionRow, PairwiseResults, RoundCut, RoundResults, RubricVersionView } from "./bindings";

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
      { id: "innovation", name: "Innovation", guidance: "Is it new?", weight: null },
    ],
    bands: [],
  },
};

const judges = [
  { id: 1, challengeId: 1, name: "Dame Ann Judge", role: "Permanent Secretary", organisation: "HM Treasury" },
  { id: 2, challengeId: 1, name: "Sir Bob Panel", role: "Director General", organisation: "DWP" },
];

const roundIdea = (id: number) => ({ id, reference: `DC21-${String(id).padStart(4, "0")}`, title: `Idea number ${id}`, stage: "shortlist" as const });

const cut: RoundCut = {
  target: 1,
  nextStage: "semiFinal",
  dependencies: [
    { idea: roundIdea(12), judge: 2, judgeName: "Sir Bob Panel", inside: true, rank: 1, rankWithout: 2, reason: "Without Sir Bob Panel it would be out of the 1." },
  ],
};

const reliability = (criterion: string, name: string, alpha: number, agreement: "good" | "poor", reading: string): CriterionReliability => ({
  criterion,
  name,
  icc: { single: 0.31, average: 0.47, ideasUsed: 2, ideasLeftOut: 0, judges: 2, betweenIdeas: 1, betweenJudges: 0.1, residual: 0.5 },
  alphaInterval: { value: alpha, ideas: 2, values: 4 },
  alphaOrdinal: { value: alpha - 0.01, ideas: 2, values: 4 },
  agreement,
  reading,
});

const results: RoundResults = {
  challenge: 1,
  stage: "shortlist",
  rubric,
  judges,
  rows: [
    {
      idea: roundIdea(12), rank: "1", mean: 3.5, median: 3.5, normalisedMean: 3.4, judgesCounted: 2, sd: 0.5, range: 1, disagreement: false,
      judges: [
        { judge: 1, total: 3, normalised: 3.1, recused: false, notAssigned: false },
        { judge: 2, total: 4, normalised: 3.7, recused: false, notAssigned: false },
      ],
      scoreLow: 3, scoreHigh: 4, rankBest: 1, rankWorst: 2, inCut: 0.55,
    },
    {
      idea: roundIdea(13), rank: "2", mean: 3.25, median: 3.25, normalisedMean: 3.2, judgesCounted: 2, sd: 0.25, range: 0.5, disagreement: false,
      judges: [
        { judge: 1, total: 3, normalised: 3.1, recused: false, notAssigned: false },
        { judge: 2, total: 3.5, normalised: 3.3, recused: false, notAssigned: false },
      ],
      scoreLow: 3, scoreHigh: 3.5, rankBest: 1, rankWorst: 2, inCut: 0.45,
    },
  ],
  results: { rankBy: "rawMean", ideas: [], totals: [], pooled: null, rejected: [], judges: [] },
  conflicts: [],
  draftScores: 0,
  earlierVersionScores: 0,
  reliability: [
    reliability("viability", "Viability", 0.86, "good", "The judges agree well on Viability (Krippendorff's alpha 0.86, from 2 ideas scored by two or more judges)."),
    reliability("innovation", "Innovation", 0.42, "poor", "The judges agree poorly on Innovation (Krippendorff's alpha 0.42, from 2 ideas scored by two or more judges)."),
    reliability("total", "the total", 0.7, "good", "The judges agree moderately on the total (Krippendorff's alpha 0.70, from 2 ideas scored by two or more judges)."),
  ],
  bootstrap: { resamples: 1000, seed: "258", judges: 2 },
  cut,
};

const pairwise: PairwiseResults = {
  challenge: 1,
  stage: "shortlist",
  method: "pairwise",
  judges,
  overall: {
    criterion: "",
    name: "Overall",
    comparisons: 12,
    converged: true,
    rows: [
      { idea: roundIdea(13), rank: "1", strength: 1.2, standardError: 0.5, low: 0.22, high: 2.18, winProbability: 0.77, comparisons: 6, wins: 5, ties: 1, losses: 0 },
      { idea: roundIdea(12), rank: "2", strength: -1.2, standardError: 0.5, low: -2.18, high: -0.22, winProbability: 0.23, comparisons: 6, wins: 0, ties: 1, losses: 5 },
    ],
  },
  criteria: [],
  comparisons: 12,
  judgeAgreement: [
    { judge: 1, name: "Dame Ann Judge", decisive: 12, ties: 0, agreeing: 4, agreement: 0.33, expectedAgreement: 0.8, standsApart: true },
    { judge: 2, name: "Sir Bob Panel", decisive: 12, ties: 0, agreeing: 11, agreement: 0.92, expectedAgreement: 0.8, standsApart: false },
  ],
  agreementReading: "Some choices go against the panel's ranking more often than expected: Dame Ann Judge. Worth a conversation; every judge still counts equally.",
  cut: null,
};

let app: MountedApp | null = null;

async function start(hash: string) {
  app = await openApp(App, hash);
}

const headings = () => [...document.querySelectorAll("h2")].map((h) => h.textContent?.trim());

beforeEach(() => {
  document.documentElement.lang = "en-GB";
  document.head.innerHTML = "<title>Shortlist</title>";
  document.body.innerHTML = '<div id="app"></div>';
  window.localStorage.clear();
  window.scrollTo = vi.fn() as unknown as typeof window.scrollTo;
  resetBackend();
  backend.listJudges.mockResolvedValue(ok(judges));
  backend.roundConflicts.mockResolvedValue(ok([]));
});

afterEach(() => {
  if (app) unmount(app);
  app = null;
});

describe("how sure the results are", () => {
  it("shows each score's and rank's 95% interval, a chart with the figures in words, and who the cut rests on", async () => {
    backend.roundResults.mockResolvedValue(ok(results));
    await start("#/judging/results?round=shortlist&rank=raw");
    expect(backend.pairwiseResults).not.toHaveBeenCalled();
    const headers = [...document.querySelectorAll("#results-table thead th")].map((th) => th.textContent);
    expect(headers).toContain("Mean, 95% interval");
    expect(headers).toContain("Rank, 95% interval");
    const first = document.querySelector("#results-table tbody tr")!;
    expect(first.querySelector("[data-column='score-interval']")?.textContent).toBe("3.00 to 4.00");
    expect(first.querySelector("[data-column='rank-interval']")?.textContent).toBe("1 to 2");

    const chart = document.querySelector("#score-chart svg")!;
    expect(chart.getAttribute("role")).toBe("img");
    expect(chart.querySelector("desc")?.textContent).toBe(
      "DC21-0012: 3.50, 95% interval 3.00 to 4.00; DC21-0013: 3.25, 95% interval 3.00 to 3.50",
    );
    expect(chart.querySelectorAll("circle")).toHaveLength(2);

    expect(text("#scores-cut")).toContain("1 idea goes on to the Semi-final. 1 idea's place rests on a single judge");
    expect(text("#scores-cut")).toContain("DC21-0012 Idea number 12: Without Sir Bob Panel it would be out of the 1.");
    expect(await seriousViolations()).toEqual([]);
  }, 20_000);

  it("says in a sentence per criterion how far the judges agree, with the figures in a table", async () => {
    backend.roundResults.mockResolvedValue(ok(results));
    await start("#/judging/results?round=shortlist&rank=raw");
    expect(headings()).toContain("How far the judges agree");
    const readings = [...document.querySelectorAll("#agreement-readings li")].map((li) => li.textContent);
    expect(readings).toEqual(results.reliability.map((r) => r.reading));
    const innovation = document.querySelector("#agreement-table tr[data-criterion='innovation']")!;
    expect(innovation.querySelector(".govuk-tag")?.textContent).toBe("Poor");
    expect(innovation.querySelector("[data-column='alpha']")?.textContent).toBe("0.42");
    expect(document.querySelector("#agreement-table tr[data-criterion='total'] th")?.textContent).toBe("The total");
  }, 20_000);

  it("a pairwise round shows its ranking with intervals and a chart, and asks for no rubric", async () => {
    backend.pairwiseSettings.mockResolvedValue(ok({ method: "pairwise", pairsPerJudge: 0, perCriterion: false }));
    backend.pairwiseResults.mockResolvedValue(ok(pairwise));
    await start("#/judging/results?round=shortlist&rank=raw");
    expect(backend.roundResults).not.toHaveBeenCalled();
    expect(headings()).toContain("Pairwise ranking");
    expect(headings()).not.toContain("How far the judges agree");
    const headers = [...document.querySelectorAll("#pairwise-table thead th")].map((th) => th.textContent);
    expect(headers).toEqual(["Rank", "Idea", "Strength", "95% interval", "Comparisons", "Won, tied, lost"]);
    const rows = [...document.querySelectorAll("#pairwise-table tbody tr")];
    expect(rows.map((r) => r.getAttribute("data-reference"))).toEqual(["DC21-0013", "DC21-0012"]);
    expect(rows[0].querySelector("[data-column='strength']")?.textContent).toBe("+1.20");
    expect(rows[1].querySelector("[data-column='interval']")?.textContent).toBe("\u22122.18 to \u22120.22");
    expect(document.querySelector("#pairwise-chart svg desc")?.textContent).toContain("DC21-0013: +1.20, 95% interval +0.22 to +2.18");
    expect(text("#pairwise-agreement")).toContain("Worth a conversation");
    expect(text("#pairwise-judges")).toContain("Dame Ann Judge");
    expect(text("#pairwise-judges")).not.toContain("Sir Bob Panel");
    expect(await seriousViolations()).toEqual([]);
  }, 20_000);

  it("a round judged both ways shows both", async () => {
    backend.pairwiseSettings.mockResolvedValue(ok({ method: "both", pairsPerJudge: 0, perCriterion: false }));
    backend.roundResults.mockResolvedValue(ok(results));
    backend.pairwiseResults.mockResolvedValue(ok({ ...pairwise, method: "both" }));
    await start("#/judging/results?round=shortlist&rank=raw");
    expect(headings()).toEqual(expect.arrayContaining(["How far the judges agree", "Pairwise ranking"]));
  }, 20_000);
});

describe("meeting mode", () => {
  const row = (id: number, singleJudge: string[]): DiscussionRow => ({
    item: { idea: id, rank: 1, reason: "other", disagreement: false, borderline: false },
    idea: roundIdea(id),
    mean: 3,
    normalisedMean: null,
    sd: 0.5,
    decision: null,
    singleJudge,
  });

  it("shows why an idea's place rests on one judge, naming the judge", async () => {
    backend.discussionList.mockResolvedValue(ok([row(12, ["Without Sir Bob Panel it would be out of the 1."]), row(13, [])]));
    await start("#/judging/meeting?round=shortlist");
    const items = [...document.querySelectorAll("#discussion-list > li")];
    expect(items.map((li) => li.getAttribute("data-idea"))).toEqual(["12", "13"]);
    expect(text("#single-judge-12")).toContain("Rests on one judge");
    expect(text("#single-judge-12")).toContain("Without Sir Bob Panel it would be out of the 1.");
    expect(document.getElementById("single-judge-13")).toBeNull();
  }, 20_000);
});
