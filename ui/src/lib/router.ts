// Hash routing: Tauri serves ui/dist/index.html from embedded assets, so the location's path
// never changes and the page's place lives in the hash (`#/ideas/42`). Hashes that do not start
// with "#/" (a skip link's `#main-content`, an error summary's `#title`) are in-page anchors,
// not routes, and are ignored. The register's search, filters, sort and page follow a "?" in
// the hash (`#/ideas?q=cafe&page=2`), so Back returns to the list as it was. The round overview
// keeps its stage the same way (`#/overview?stage=shortlist`; no stage is "All stages"), the
// judging screens their round (`#/judging/score?round=shortlist&judge=3&idea=12`), the packs
// page its prefill (`#/packs?kind=onePage&idea=DC21-0042`), and the secretariat's exchange page
// its round (`#/exchange?round=shortlist`). `#/judge` is the judge's side of the exchange. A file
// the operating system handed to the app (a double-click) rides along as `#/judge?file=PATH`,
// `#/exchange?round=shortlist&return=PATH` or `…&enrolment=PATH`, and fills in the page's field.
import type { PackKind, Stage } from "./api";
import { JUDGING_ROUNDS, type JudgingRound, type RankChoice } from "./judging";
import { STAGES } from "./stage";
import { emptyQuery, parseRegisterQuery, serializeRegisterQuery, type RegisterQuery } from "./register";

export type Route =
  | { name: "ideas"; query?: RegisterQuery }
  | { name: "idea"; id: number }
  | { name: "newIdea" }
  | { name: "editIdea"; id: number }
  | { name: "screening"; id: number }
  | { name: "evaluation"; id: number }
  | { name: "decision"; id: number }
  | { name: "board" }
  | { name: "overview"; stage: Stage | null }
  | { name: "rounds" }
  | { name: "settings" }
  | { name: "personalData" }
  | { name: "import" }
  | { name: "duplicates" }
  | { name: "packs"; kind?: PackKind; idea?: string }
  | { name: "closing" }
  | { name: "newChallenge" }
  | { name: "judging"; round: JudgingRound }
  | { name: "scoring"; round: JudgingRound; judge: number | null; idea: number | null }
  | { name: "compare"; round: JudgingRound; judge: number | null }
  | { name: "results"; round: JudgingRound; rank: RankChoice }
  | { name: "meeting"; round: JudgingRound }
  | { name: "rubric"; round: JudgingRound }
  | { name: "exchange"; round: JudgingRound; returnFile?: string; enrolmentFile?: string }
  | { name: "judge"; file?: string }
  | { name: "notFound"; path: string };

/** True when `hash` names a route rather than an anchor inside the page. */
export function isRouteHash(hash: string): boolean {
  return hash === "" || hash === "#" || hash.startsWith("#/");
}

function parseId(segment: string): number | null {
  // Ids are positive integers; "042" or "4e2" are not ids a link of ours would make.
  return /^[1-9][0-9]{0,14}$/.test(segment) ? Number(segment) : null;
}

export function parseHash(hash: string): Route {
  const [path, search = ""] = hash.replace(/^#/, "").split(/[?](.*)/s);
  const parts = path.split("/").filter((p) => p !== "");
  const [first, second, third] = parts;
  if (parts.length === 0) return { name: "ideas", query: parseRegisterQuery(search) };
  if (first === "ideas") {
    if (parts.length === 1) return { name: "ideas", query: parseRegisterQuery(search) };
    if (parts.length === 2 && second === "new") return { name: "newIdea" };
    const id = parseId(second);
    if (id !== null && parts.length === 2) return { name: "idea", id };
    if (id !== null && parts.length === 3 && third === "edit") return { name: "editIdea", id };
    if (id !== null && parts.length === 3 && third === "screening") return { name: "screening", id };
    if (id !== null && parts.length === 3 && third === "evaluation") return { name: "evaluation", id };
    if (id !== null && parts.length === 3 && third === "decision") return { name: "decision", id };
  }
  if (first === "board" && parts.length === 1) return { name: "board" };
  if (first === "overview" && parts.length === 1) return { name: "overview", stage: parseStage(search) };
  if (first === "rounds" && parts.length === 1) return { name: "rounds" };
  if (first === "settings" && parts.length === 1) return { name: "settings" };
  if (first === "personal-data" && parts.length === 1) return { name: "personalData" };
  if (first === "import" && parts.length === 1) return { name: "import" };
  if (first === "duplicates" && parts.length === 1) return { name: "duplicates" };
  if (first === "packs" && parts.length === 1) return parsePacks(search);
  if (first === "closing" && parts.length === 1) return { name: "closing" };
  if (first === "challenges" && second === "new" && parts.length === 2) return { name: "newChallenge" };
  if (first === "exchange" && parts.length === 1) {
    const params = new URLSearchParams(search);
    const returnFile = params.get("return");
    const enrolmentFile = params.get("enrolment");
    return {
      name: "exchange",
      round: parseRound(params.get("round")),
      ...(returnFile ? { returnFile } : {}),
      ...(enrolmentFile ? { enrolmentFile } : {}),
    };
  }
  if (first === "judge" && parts.length === 1) {
    const file = new URLSearchParams(search).get("file");
    return file ? { name: "judge", file } : { name: "judge" };
  }
  if (first === "judging") {
    const params = new URLSearchParams(search);
    const round = parseRound(params.get("round"));
    if (parts.length === 1) return { name: "judging", round };
    if (parts.length === 2 && second === "score") {
      return { name: "scoring", round, judge: parseId(params.get("judge") ?? ""), idea: parseId(params.get("idea") ?? "") };
    }
    if (parts.length === 2 && second === "compare") {
      return { name: "compare", round, judge: parseId(params.get("judge") ?? "") };
    }
    if (parts.length === 2 && second === "results") {
      return { name: "results", round, rank: params.get("rank") === "normalised" ? "normalised" : "raw" };
    }
    if (parts.length === 2 && second === "meeting") return { name: "meeting", round };
    if (parts.length === 2 && second === "rubric") return { name: "rubric", round };
  }
  return { name: "notFound", path: "/" + parts.join("/") };
}

/**
 * The overview's stage from its query: the longlist when none is given (the round the
 * secretariat works on most), every stage for `stage=` (empty), and the longlist again for a
 * stage that does not exist.
 */
function parseStage(search: string): Stage | null {
  const params = new URLSearchParams(search);
  const stage = params.get("stage");
  if (stage === null) return "longlist";
  if (stage === "") return null;
  return (STAGES as readonly string[]).includes(stage) ? (stage as Stage) : "longlist";
}

/** A judged round from a query: the shortlist (the first judged round) unless another is named. */
function parseRound(value: string | null): JudgingRound {
  return (JUDGING_ROUNDS as readonly string[]).includes(value ?? "") ? (value as JudgingRound) : "shortlist";
}

/**
 * The packs page's prefill, from the idea page's link (`#/packs?kind=onePage&idea=DC21-0042`).
 * Anything else in the query is ignored: the form's defaults apply.
 */
function parsePacks(search: string): Route {
  const params = new URLSearchParams(search);
  const kind = params.get("kind");
  const idea = params.get("idea");
  return {
    name: "packs",
    ...(kind === "panel" || kind === "onePage" ? { kind } : {}),
    ...(idea ? { idea } : {}),
  };
}

/** The href for a route, for `<a href>` and for navigation. */
export function href(route: Route): string {
  switch (route.name) {
    case "ideas": {
      const search = route.query ? serializeRegisterQuery(route.query) : "";
      return search === "" ? "#/ideas" : `#/ideas?${search}`;
    }
    case "idea":
      return `#/ideas/${route.id}`;
    case "newIdea":
      return "#/ideas/new";
    case "editIdea":
      return `#/ideas/${route.id}/edit`;
    case "screening":
      return `#/ideas/${route.id}/screening`;
    case "evaluation":
      return `#/ideas/${route.id}/evaluation`;
    case "decision":
      return `#/ideas/${route.id}/decision`;
    case "board":
      return "#/board";
    case "overview":
      return `#/overview?stage=${route.stage ?? ""}`;
    case "rounds":
      return "#/rounds";
    case "settings":
      return "#/settings";
    case "personalData":
      return "#/personal-data";
    case "import":
      return "#/import";
    case "duplicates":
      return "#/duplicates";
    case "packs": {
      const params = new URLSearchParams();
      if (route.kind) params.set("kind", route.kind);
      if (route.idea) params.set("idea", route.idea);
      const search = params.toString();
      return search === "" ? "#/packs" : `#/packs?${search}`;
    }
    case "closing":
      return "#/closing";
    case "newChallenge":
      return "#/challenges/new";
    case "judging":
      return `#/judging?round=${route.round}`;
    case "scoring": {
      const judge = route.judge === null ? "" : `&judge=${route.judge}`;
      const idea = route.idea === null ? "" : `&idea=${route.idea}`;
      return `#/judging/score?round=${route.round}${judge}${idea}`;
    }
    case "compare": {
      const judge = route.judge === null ? "" : `&judge=${route.judge}`;
      return `#/judging/compare?round=${route.round}${judge}`;
    }
    case "results":
      return `#/judging/results?round=${route.round}&rank=${route.rank}`;
    case "meeting":
      return `#/judging/meeting?round=${route.round}`;
    case "rubric":
      return `#/judging/rubric?round=${route.round}`;
    case "exchange": {
      const params = new URLSearchParams({ round: route.round });
      if (route.returnFile) params.set("return", route.returnFile);
      if (route.enrolmentFile) params.set("enrolment", route.enrolmentFile);
      return `#/exchange?${params}`;
    }
    case "judge":
      return route.file ? `#/judge?${new URLSearchParams({ file: route.file })}` : "#/judge";
    case "notFound":
      return `#${route.path}`;
  }
}

/** Go to a route. `replace` swaps the history entry (redirects), so Back does not loop. */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const target = href(route);
  if (options.replace) {
    const url = new URL(window.location.href);
    url.hash = target;
    window.location.replace(url.toString());
  } else {
    window.location.hash = target;
  }
}

/** Calls `onRoute` whenever the hash changes to a route; returns the function that stops it. */
export function listen(onRoute: (route: Route) => void): () => void {
  const handler = () => {
    if (isRouteHash(window.location.hash)) onRoute(parseHash(window.location.hash));
  };
  window.addEventListener("hashchange", handler);
  return () => window.removeEventListener("hashchange", handler);
}

// The register's query when it was last shown, so an idea's page (and the form after it) can lead
// back to the same list, filters and page included.
let lastRegisterQuery: RegisterQuery = emptyQuery();

export function rememberRegisterQuery(query: RegisterQuery): void {
  lastRegisterQuery = query;
}

/** The route of the register as it was last shown (the plain list if it has not been). */
export function registerRoute(): Route {
  return { name: "ideas", query: lastRegisterQuery };
}

/** Forget the list's query, when it no longer applies (another challenge). */
export function forgetRegisterQuery(): void {
  lastRegisterQuery = emptyQuery();
}
