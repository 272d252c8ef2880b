import { describe, expect, it } from "vitest";
import { emptyQuery, type RegisterQuery } from "./register";
import { href, isRouteHash, parseHash, type Route } from "./router";

const list = (query: Partial<RegisterQuery> = {}): Route => ({ name: "ideas", query: { ...emptyQuery(), ...query } });

describe("parseHash", () => {
  it.each<[string, Route]>([
    ["", list()],
    ["#", list()],
    ["#/", list()],
    ["#/ideas", list()],
    ["#/ideas/", list()],
    ["#/ideas?", list()],
    ["#/ideas/42", { name: "idea", id: 42 }],
    ["#/ideas/new", { name: "newIdea" }],
    ["#/ideas/42/edit", { name: "editIdea", id: 42 }],
    ["#/settings", { name: "settings" }],
    ["#/import", { name: "import" }],
    ["#/duplicates", { name: "duplicates" }],
    ["#/challenges/new", { name: "newChallenge" }],
    ["#/ideas/42/screening", { name: "screening", id: 42 }],
    ["#/ideas/42/evaluation", { name: "evaluation", id: 42 }],
    ["#/ideas/42/decision", { name: "decision", id: 42 }],
    ["#/board", { name: "board" }],
    ["#/rounds", { name: "rounds" }],
    ["#/overview?stage=shortlist", { name: "overview", stage: "shortlist" }],
    ["#/overview?stage=semiFinal", { name: "overview", stage: "semiFinal" }],
    ["#/overview?stage=", { name: "overview", stage: null }],
    // The longlist is where the secretariat works most: the default, and for a stage not known.
    ["#/overview", { name: "overview", stage: "longlist" }],
    ["#/overview?stage=nowhere", { name: "overview", stage: "longlist" }],
    // Judging: the shortlist is the first judged round, and the default.
    ["#/judging?round=shortlist", { name: "judging", round: "shortlist" }],
    ["#/judging?round=semiFinal", { name: "judging", round: "semiFinal" }],
    ["#/judging", { name: "judging", round: "shortlist" }],
    ["#/judging?round=longlist", { name: "judging", round: "shortlist" }],
    ["#/judging/score?round=final&judge=3&idea=12", { name: "scoring", round: "final", judge: 3, idea: 12 }],
    ["#/judging/score?round=shortlist&judge=3", { name: "scoring", round: "shortlist", judge: 3, idea: null }],
    ["#/judging/score?round=shortlist&judge=03&idea=x", { name: "scoring", round: "shortlist", judge: null, idea: null }],
    ["#/judging/results?round=shortlist&rank=normalised", { name: "results", round: "shortlist", rank: "normalised" }],
    ["#/judging/results?round=final", { name: "results", round: "final", rank: "raw" }],
    ["#/judging/meeting?round=semiFinal", { name: "meeting", round: "semiFinal" }],
    ["#/judging/rubric?round=final", { name: "rubric", round: "final" }],
    // The exchange: the secretariat's page keeps its round; the judge's has none.
    ["#/exchange?round=semiFinal", { name: "exchange", round: "semiFinal" }],
    ["#/exchange", { name: "exchange", round: "shortlist" }],
    ["#/judge", { name: "judge" }],
  ])("reads %j as the %o route", (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it.each(["#/ideas/0", "#/ideas/042", "#/ideas/4e2", "#/ideas/42/delete", "#/ideas/new/edit", "#/nowhere", "#/challenges", "#/import/1", "#/duplicates/x", "#/ideas/0/screening", "#/ideas/42/evaluation/x", "#/board/1", "#/overview/longlist", "#/rounds/2", "#/judging/nowhere", "#/judging/score/1", "#/exchange/1", "#/judge/2"])(
    "treats %j as a page that does not exist rather than guessing",
    (hash) => {
      expect(parseHash(hash).name).toBe("notFound");
    },
  );

  it("round-trips every route through href", () => {
    const routes: Route[] = [
      list(),
      list({ text: "cafe", sort: "relevance" }),
      list({ text: "café & bar?", departments: ["HM Revenue & Customs", "ONS"], stages: ["shortlist"], page: 3, sort: "title" }),
      list({ themes: ["Health"], tags: ["a,b"], professions: ["Statistics"], grades: ["G7"], regions: ["Wales"], sort: "submitted", descending: false }),
      { name: "idea", id: 7 },
      { name: "newIdea" },
      { name: "editIdea", id: 7 },
      { name: "settings" },
      { name: "import" },
      { name: "duplicates" },
      { name: "newChallenge" },
      { name: "screening", id: 7 },
      { name: "evaluation", id: 7 },
      { name: "decision", id: 7 },
      { name: "judging", round: "semiFinal" },
      { name: "scoring", round: "final", judge: 3, idea: 12 },
      { name: "scoring", round: "shortlist", judge: 3, idea: null },
      { name: "results", round: "shortlist", rank: "normalised" },
      { name: "meeting", round: "final" },
      { name: "rubric", round: "semiFinal" },
      { name: "board" },
      { name: "rounds" },
      { name: "overview", stage: "final" },
      { name: "overview", stage: null },
      { name: "exchange", round: "final" },
      { name: "judge" },
      // Files handed over by a double-click: paths with spaces, "&", "#" and "?" survive.
      { name: "judge", file: "/home/rhys/Downloads/DC21 Shortlist bundle for Rhys & co #2?.shortlist" },
      { name: "exchange", round: "semiFinal", returnFile: "C:\\Users\\ffion\\return 1.shortlist" },
      { name: "exchange", round: "shortlist", enrolmentFile: "/tmp/enrolment.shortlist" },
    ];
    for (const route of routes) expect(parseHash(href(route))).toEqual(route);
  });
});

describe("isRouteHash", () => {
  it("leaves in-page anchors (skip link, error summary links) to the page", () => {
    expect(isRouteHash("#main-content")).toBe(false);
    expect(isRouteHash("#title")).toBe(false);
    expect(isRouteHash("#/ideas")).toBe(true);
    expect(isRouteHash("")).toBe(true);
  });
});

describe("the register's query in the address", () => {
  it("reads words, filters, sort and page after the ?", () => {
    expect(parseHash("#/ideas?q=cafe&department=ONS&department=HM%20Revenue%20%26%20Customs&stage=longlist&page=2")).toEqual(
      list({ text: "cafe", departments: ["ONS", "HM Revenue & Customs"], stages: ["longlist"], sort: "relevance", page: 2 }),
    );
  });

  it("writes nothing that is the default, so the plain list is #/ideas", () => {
    expect(href(list())).toBe("#/ideas");
    expect(href({ name: "ideas" })).toBe("#/ideas");
    expect(href(list({ text: "cafe", sort: "relevance" }))).toBe("#/ideas?q=cafe");
    expect(href(list({ sort: "submitted", descending: true }))).toBe("#/ideas?sort=submitted");
    expect(href(list({ departments: ["ONS"], page: 2 }))).toBe("#/ideas?department=ONS&page=2");
  });

  it.each([
    ["#/ideas?page=0", list()],
    ["#/ideas?page=abc", list()],
    ["#/ideas?stage=nonsense", list()],
    ["#/ideas?sort=relevance", list()],
    ["#/ideas?sort=sideways", list()],
    ["#/ideas?department=", list()],
    ["#/ideas?department=ONS&department=ONS", list({ departments: ["ONS"] })],
  ])("shows the list for an odd or old address %j rather than failing", (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it("keeps in-page anchors apart from routes with a query", () => {
    expect(isRouteHash("#/ideas?q=x")).toBe(true);
  });
});
