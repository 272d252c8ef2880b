// @vitest-environment jsdom
// The whole UI against a fake backend: start-up branches, the screens' hooks that end-to-end
// tests rely on, the error pattern, and axe-core's serious/critical checks on each screen.
import { unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { choose, failure, type MountedApp, ok, openApp, seriousViolations, settle, text, type } from "./testing";
import { backend, challenge, info, resetBackend } from "./testing/backend";
import type {
  Board,
  DuplicatePair,
  Evaluation,
  Progress,
  RoundRow,
  Idea,
  IdeaChange,
  IdeaSummary,
  ImportPreview,
  ImportSummary,
  SearchResults,
  SnippetPart,
} from "./bindings";

vi.mock("./bindings", async () => ({ commands: (await import("./testing/backend")).backend }));

// The native dialogs, faked where the pages reach them.
const dialogs = vi.hoisted(() => ({ chooseImportFile: vi.fn(), chooseExportPath: vi.fn(), choosePackPath: vi.fn() }));
vi.mock("./lib/dialogs", () => dialogs);

import App from "./App.svelte";

const idea: Idea = {
  id: 42,
  challengeId: 1,
  reference: "DC21-0042",
  stage: "longlist",
  title: "Link school and health records",
  summary: "First paragraph.\n\nSecond paragraph,\nwith a line break.",
  problem: "Children fall between services.",
  dataDescription: "Pupil and hospital records.",
  datasets: [{ name: "School census", owner: "Department for Education", availability: "available" }],
  benefits: "Earlier help.",
  submitterName: "Sam Analyst",
  submitterEmail: "sam.analyst@education.gov.uk",
  department: "Department for Education",
  profession: "Statistics",
  grade: "Grade 7",
  region: "North East",
  coSubmitters: [{ name: "Ann Other", email: "ann.other@nhs.net" }],
  submittedOn: "2021-05-14",
  themes: ["Health"],
  tags: ["children", "linked data"],
  links: ["https://example.org/idea"],
  notes: "Ask DfE about access.",
  mergedInto: null,
  createdAt: "2021-05-01T10:00:00Z",
  updatedAt: "2021-05-14T12:00:00Z",
};

const summary = (i: Idea): IdeaSummary => ({
  id: i.id,
  reference: i.reference,
  title: i.title,
  submitterName: i.submitterName,
  department: i.department,
  stage: i.stage,
  submittedOn: i.submittedOn,
  updatedAt: i.updatedAt,
});

const facetsOf = (departments: [string, number][] = [["Department for Education", 1], ["ONS", 3]]) => ({
  stages: [{ value: "longlist", label: "Longlist", count: 1 }],
  departments: departments.map(([value, count]) => ({ value, label: value, count })),
  themes: [{ value: "Health", label: "Health", count: 1 }],
  tags: [],
  professions: [],
  grades: [],
  regions: [],
});

function results(ideas: Idea[] = [idea], options: { total?: number; page?: number; snippet?: SnippetPart[] } = {}): SearchResults {
  return {
    total: options.total ?? ideas.length,
    page: options.page ?? 1,
    pageSize: 50,
    hits: ideas.map((i) => ({ idea: summary(i), snippet: options.snippet ?? [] })),
    facets: facetsOf(),
  };
}

const history: IdeaChange[] = [
  {
    at: new Date(2021, 4, 14, 15, 7).toISOString(),
    by: "Priya Secretariat",
    kind: "edited",
    field: "Title",
    oldValue: "Link school records",
    newValue: "Link school and health records",
    note: null,
  },
  {
    at: "2021-05-13T10:00:00Z",
    by: "Priya Secretariat",
    kind: "edited",
    field: "Summary",
    oldValue: "word ".repeat(100).trim(),
    newValue: "short",
    note: null,
  },
  { at: "2021-05-01T10:00:00Z", by: "Priya Secretariat", kind: "created", field: null, oldValue: null, newValue: null, note: null },
];


const blankEvaluation = (): Evaluation => ({
  viability: {
    rating: null,
    narrative: "",
    dataAvailability: null,
    dataQuality: null,
    dataSharingAgreement: null,
    dpia: null,
    lawfulBasis: "",
    technicalFeasibility: "",
    skillsCapacity: "",
    costBand: null,
    timeToValue: null,
  },
  benefits: {
    rating: null,
    narrative: "",
    beneficiaries: [],
    kinds: [],
    valueLow: null,
    valueHigh: null,
    valueConfidence: null,
    peopleAffected: null,
    prioritiesFit: "",
  },
  obstacles: { rating: null, narrative: "", register: [] },
  recommendation: null,
  rationale: "",
  updatedBy: null,
  updatedAt: null,
});

/** An idea at the longlist, not screened or evaluated, unless `changes` say otherwise. */
const progress = (changes: Partial<Progress> = {}): Progress => ({
  stage: "longlist",
  next: "shortlist",
  options: ["screened", "shortlist", "notProgressed", "withdrawn", "ineligible"],
  screening: null,
  evaluation: { started: false, evaluation: blankEvaluation(), missing: ["Viability rating"] },
  decisions: [],
  ...changes,
});

const roundRow = (n: number, changes: Partial<RoundRow> = {}): RoundRow => ({
  id: n,
  reference: `DC21-${String(n).padStart(4, "0")}`,
  title: `Idea number ${n}`,
  department: "ONS",
  stage: "longlist",
  eligibility: "eligible",
  viability: null,
  benefits: null,
  obstacles: null,
  recommendation: null,
  evaluated: false,
  missing: 0,
  ...changes,
});

let app: MountedApp | null = null;


async function start(hash = "#/ideas") {
  app = await openApp(App, hash);
}

async function go(hash: string) {
  window.location.hash = hash;
  await settle();
}




function press(buttonText: string) {
  const button = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === buttonText);
  if (!button) throw new Error(`no button "${buttonText}"`);
  button.click();
}

beforeEach(() => {
  document.documentElement.lang = "en-GB";
  document.head.innerHTML = "<title>Shortlist</title>";
  document.body.innerHTML = '<div id="app"></div>';
  window.localStorage.clear();
  window.scrollTo = vi.fn() as unknown as typeof window.scrollTo; // jsdom has no layout to scroll
  resetBackend();
  for (const fn of Object.values(dialogs)) fn.mockReset();
  backend.listIdeas.mockResolvedValue(ok([summary(idea)]));
  backend.searchIdeas.mockResolvedValue(ok(results()));
  backend.getIdea.mockResolvedValue(ok(idea));
  backend.ideaHistory.mockResolvedValue(ok(history));
  backend.ideaProgress.mockResolvedValue(ok(progress()));
});

/** A promise resolved by hand, to answer requests in an order a test chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Longer than the search box's pause for typing (200 ms). */
async function afterTypingPause() {
  await new Promise((resolve) => setTimeout(resolve, 260));
  await settle();
}

const lastSearch = () => backend.searchIdeas.mock.lastCall?.[0];

afterEach(() => {
  if (app) unmount(app);
  app = null;
});

describe("start-up", () => {
  it("shows only the database problem when the database cannot be opened", async () => {
    backend.appInfo.mockResolvedValue({
      ...info,
      problem: { code: "databaseUnusable", message: "The database file is damaged. Restore a backup.", fields: [] },
    });
    await start();
    expect(text("h1")).toBe("Shortlist cannot open its database");
    expect(text("main")).toContain("The database file is damaged. Restore a backup.");
    expect(text("#database-path")).toBe(info.databasePath);
    expect(document.querySelector("nav")).toBeNull();
    expect(backend.listChallenges).not.toHaveBeenCalled();
    expect(await seriousViolations()).toEqual([]);
  });

  it("opens a protected folder on the unlock page: a wrong passphrase is refused, the right one opens the app", async () => {
    const locked = { ...info, protected: true, problem: { code: "locked" as const, message: "This data folder is protected by a passphrase.", fields: [] } };
    backend.appInfo.mockResolvedValue(locked);
    backend.unlock.mockResolvedValueOnce(
      failure("validation", "That passphrase does not unlock this data folder", [
        { field: "passphrase", message: "That passphrase does not unlock this data folder" },
      ]),
    );
    await start();
    expect(text("h1")).toBe("Unlock Shortlist");
    expect(document.querySelector("nav")).toBeNull();
    expect(backend.listChallenges).not.toHaveBeenCalled();
    expect(await seriousViolations()).toEqual([]);

    type("passphrase", "wrong one");
    document.getElementById("unlock-button")?.click();
    await settle();
    expect(backend.unlock).toHaveBeenCalledWith({ passphrase: "wrong one" });
    expect(text(".govuk-error-summary")).toContain("does not unlock");
    expect(text("#passphrase-error")).toContain("does not unlock");
    expect(text("h1")).toBe("Unlock Shortlist");

    backend.unlock.mockResolvedValueOnce(ok(null));
    backend.appInfo.mockResolvedValue({ ...info, protected: true });
    type("passphrase", "tidy walrus lantern");
    document.getElementById("unlock-button")?.click();
    await settle();
    expect(backend.listChallenges).toHaveBeenCalled();
    expect(document.querySelector("nav")).not.toBeNull();
  });

  it("offers the backups on the database problem page, and restores one after a confirmation", async () => {
    backend.appInfo.mockResolvedValue({
      ...info,
      problem: { code: "databaseUnusable", message: "The database file is damaged. Restore a backup.", fields: [] },
    });
    const copy = { fileName: "shortlist-20261205T091500Z-daily-212ideas.sqlite3", takenAt: "2026-12-05T09:15:00Z", reason: "Daily", sizeBytes: 2_400_000, ideas: 212, protected: false };
    backend.listBackups.mockResolvedValue(ok({ folder: "/data/backups", kept: 10, backups: [copy] }));
    backend.restoreBackup.mockResolvedValue(ok({ folder: "/data/backups", kept: 10, backups: [copy] }));
    await start();
    expect(text("#backups")).toContain("212");
    (document.querySelector(".app-restore") as HTMLElement).click();
    await settle();
    expect(text("#restore-confirm")).toContain("212 ideas");
    expect(backend.restoreBackup).not.toHaveBeenCalled();
    backend.appInfo.mockResolvedValue(info);
    document.getElementById("restore-confirmed")?.click();
    await settle();
    expect(backend.restoreBackup).toHaveBeenCalledWith({ fileName: copy.fileName, passphrase: null });
    expect(document.querySelector("nav")).not.toBeNull();
  });

  it("checks the audit trail from Settings and names the first broken entry", async () => {
    backend.listBackups.mockResolvedValue(ok({ folder: "/data/backups", kept: 10, backups: [] }));
    backend.verifyAuditTrail.mockResolvedValue(
      ok({ entries: 412, intact: false, problemEntry: 17, head: "3f9a 1c07 be42", message: "The audit trail is broken at entry 17 (update of ideas row 5)." }),
    );
    await start("#/settings");
    document.getElementById("check-audit")?.click();
    await settle();
    expect(text("#audit-result")).toContain("broken at entry 17");
    expect(document.querySelector("#audit-result.govuk-warning-text")).not.toBeNull();
    expect(await seriousViolations()).toEqual([]);
  });

  it("says on every screen when the retention date has passed, and erases after the prefix is typed", async () => {
    const overdue = {
      challengeId: 1, closingDate: "2021-05-14", closed: true, retainUntil: "2021-12-31", overdue: true, erasedAt: null, erasedHow: null,
      banner: "The retention date for this challenge's personal data, 31 December 2021, has passed. Erase or anonymise the submitters' personal data.",
    };
    backend.personalDataStatus.mockResolvedValue(ok(overdue));
    backend.listBackups.mockResolvedValue(ok({ folder: "/data/backups", kept: 10, backups: [] }));
    await start("#/settings");
    expect(text("#retention-banner")).toContain("31 December 2021, has passed");
    expect(await seriousViolations()).toEqual([]);

    backend.erasePersonalData.mockResolvedValueOnce(
      failure("validation", "Type DC21 to confirm: this cannot be undone", [{ field: "confirmation", message: "Type DC21 to confirm: this cannot be undone" }]),
    );
    window.location.hash = "#/personal-data";
    await settle();
    expect(text("h1")).toBe("Personal data");
    expect(document.getElementById("retention-banner")).toBeNull();
    expect((document.getElementById("retainUntilYear") as HTMLInputElement).value).toBe("2021");
    (document.getElementById("kind-anonymise") as HTMLInputElement).click();
    type("confirmation", "yes");
    document.getElementById("erase-button")?.click();
    await settle();
    expect(backend.erasePersonalData).toHaveBeenLastCalledWith(1, { kind: "anonymise", freeText: true, confirmation: "yes" });
    expect(text("#confirmation-error")).toContain("Type DC21 to confirm");

    backend.erasePersonalData.mockResolvedValueOnce(ok({ ideas: 200, people: 187, auditEntries: 412, backupsDeleted: 4 }));
    backend.personalDataStatus.mockResolvedValue(ok({ ...overdue, overdue: false, banner: null, erasedAt: "2022-01-05T10:00:00Z", erasedHow: "anonymised" }));
    type("confirmation", "DC21");
    document.getElementById("erase-button")?.click();
    await settle();
    expect(text(".govuk-notification-banner")).toContain("Anonymised the personal data of 187 people on 200 ideas");
    expect(text("#erased")).toContain("anonymised on 5 January 2022");
    expect(await seriousViolations()).toEqual([]);
  }, 20_000);

  it("sends a first run to the challenge form, and shows field errors the GOV.UK way", async () => {
    backend.listChallenges.mockResolvedValue(ok([]));
    backend.createChallenge.mockResolvedValue({
      status: "error",
      error: {
        code: "validation",
        message: "Check the challenge",
        fields: [
          { field: "closingDay", message: "Closing date must be a real date" },
          { field: "marking", message: "Select a classification marking" },
        ],
      },
    });
    await start("#/ideas");
    expect(window.location.hash).toBe("#/challenges/new");
    expect(text("h1")).toBe("Set up your challenge");
    for (const id of ["name", "year", "closingDay", "closingMonth", "closingYear", "marking", "marking-2", "marking-3", "referencePrefix"]) {
      expect(document.getElementById(id), id).not.toBeNull();
    }
    expect((document.getElementById("marking-3") as HTMLInputElement).value).toBe("NONE");
    expect(await seriousViolations()).toEqual([]);

    type("name", "Data Challenge");
    (document.getElementById("marking-2") as HTMLInputElement).click();
    press("Create challenge");
    await settle();

    expect(backend.createChallenge).toHaveBeenCalledWith(
      expect.objectContaining({ name: "Data Challenge", marking: "OFFICIAL-SENSITIVE", closingDay: "" }),
    );
    const errorSummary = document.querySelector(".govuk-error-summary");
    expect(errorSummary?.textContent).toContain("There is a problem");
    expect(document.activeElement).toBe(errorSummary);
    const links = [...document.querySelectorAll(".govuk-error-summary__list a")].map((a) => a.getAttribute("href"));
    expect(links).toEqual(["#closingDay", "#marking"]);
    expect(document.getElementById("closingDay")!.classList).toContain("govuk-input--error");
    expect(document.getElementById("closingDay")!.closest(".govuk-form-group--error")).not.toBeNull();
    expect(text("#closingDate-error")).toBe("Error: Closing date must be a real date");
    expect(document.title).toBe("Error: Set up your challenge – Shortlist");
    expect(await seriousViolations()).toEqual([]);
  });

  it("opens the newest challenge, unless another was chosen on this computer", async () => {
    const older = { ...challenge, id: 7, name: "Older challenge", createdAt: "2020-01-01T00:00:00Z", marking: "NONE" as const };
    backend.listChallenges.mockResolvedValue(ok([older, challenge]));
    await start();
    expect(text(".govuk-caption-l")).toBe(challenge.name);
    unmount(app!);
    app = null;

    window.localStorage.setItem("shortlist.currentChallengeId", "7");
    await start();
    expect(text(".govuk-caption-l")).toBe("Older challenge");
    expect(document.querySelector(".app-marking")).toBeNull();
  });
});

describe("the register", () => {
  it("lists ideas with the marking at top and bottom", async () => {
    await start("#/ideas");
    expect(text("h1")).toBe("Ideas");
    expect(text("#ideas-count")).toBe("1 idea");
    expect(document.title).toBe("Ideas – Shortlist");
    const link = document.querySelector('#ideas-table a[data-reference="DC21-0042"]');
    expect(link?.getAttribute("href")).toBe("#/ideas/42");
    const cells = [...document.querySelectorAll("#ideas-table tbody tr td")].map((td) => td.textContent?.trim());
    expect(cells).toEqual(["DC21-0042", idea.title, "Sam Analyst", "Department for Education", "Longlist", "14 May 2021"]);
    expect(document.querySelector("#ideas-table tbody .govuk-tag")).not.toBeNull();
    const markings = [...document.querySelectorAll(".app-marking")].map((m) => m.textContent?.trim());
    expect(markings).toEqual(["OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"]);
    expect(lastSearch()).toMatchObject({ challengeId: 1, text: "", departments: [], sort: "reference", page: 1, pageSize: 50 });
    expect(document.getElementById("search")).not.toBeNull();
    expect(text("label[for=search]")).toBe("Search ideas");
    // Best match means nothing without words.
    const sorts = [...document.querySelectorAll("#sort option")].map((o) => o.textContent);
    expect(sorts).toEqual(["Reference", "Date submitted", "Title"]);
    expect(await seriousViolations()).toEqual([]);
  });

  it("shows an empty register with a way to add the first idea", async () => {
    backend.searchIdeas.mockResolvedValue(ok(results([])));
    await start("#/ideas");
    expect(document.getElementById("ideas-table")).toBeNull();
    expect(text("main a.govuk-button")).toBe("Add an idea");
    expect(text("main")).toContain("No ideas have been added to this challenge yet.");
  });

  it("searches as you type, showing only the answer to the latest words", async () => {
    await start("#/ideas");
    const first = deferred<ReturnType<typeof ok<SearchResults>>>();
    const second = deferred<ReturnType<typeof ok<SearchResults>>>();
    backend.searchIdeas.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);

    type("search", "ca");
    await afterTypingPause();
    expect(lastSearch()).toMatchObject({ text: "ca", sort: "relevance" });
    expect(window.location.hash).toBe("#/ideas?q=ca");
    type("search", "cafe");
    // Typing is never held up: the box has what was typed before any answer comes.
    expect((document.getElementById("search") as HTMLInputElement).value).toBe("cafe");
    await afterTypingPause();
    expect(lastSearch()).toMatchObject({ text: "cafe" });
    expect(window.location.hash).toBe("#/ideas?q=cafe");

    const cafe = { ...idea, id: 7, reference: "DC21-0007", title: "Cafe data" };
    const older = { ...idea, id: 8, reference: "DC21-0008", title: "Careers data" };
    second.resolve(ok(results([cafe])));
    await settle();
    first.resolve(ok(results([older, idea])));
    await settle();

    expect(document.querySelector('#ideas-table a[data-reference="DC21-0007"]')).not.toBeNull();
    expect(document.querySelector('#ideas-table a[data-reference="DC21-0008"]')).toBeNull();
    expect(text("#ideas-count")).toBe("1 idea matches “cafe”");
    expect((document.getElementById("search") as HTMLInputElement).value).toBe("cafe");
    const sorts = [...document.querySelectorAll("#sort option")].map((o) => o.textContent);
    expect(sorts[0]).toBe("Best match");
  });

  it("counts matches in the plural and searches at once when Search is pressed", async () => {
    await start("#/ideas");
    backend.searchIdeas.mockResolvedValue(ok(results([idea, { ...idea, id: 9, reference: "DC21-0009" }], { total: 43 })));
    type("search", "cafe");
    press("Search");
    await settle();
    expect(lastSearch()).toMatchObject({ text: "cafe" });
    expect(text("#ideas-count")).toBe("43 ideas match “cafe”");
  });

  it("filters with checkboxes that carry their counts, keeping the filters in the address", async () => {
    await start("#/ideas");
    const labels = [...document.querySelectorAll("#filter-departments label")].map((l) => l.textContent?.trim());
    expect(labels).toEqual(["Department for Education (1)", "ONS (3)"]);
    const ons = document.querySelector<HTMLInputElement>('input[name="departments"][value="ONS"]')!;
    expect(document.querySelector('input[name="stages"][value="longlist"]')).not.toBeNull();
    expect(document.querySelector('input[name="themes"][value="Health"]')).not.toBeNull();
    ons.click();
    await settle();
    expect(window.location.hash).toBe("#/ideas?department=ONS");
    expect(lastSearch()).toMatchObject({ departments: ["ONS"], page: 1 });
    expect(document.querySelector<HTMLInputElement>('input[name="departments"][value="ONS"]')!.checked).toBe(true);
    expect(text(".moj-filter__tag")).toBe("Remove this filter ONS");
    expect(document.querySelector(".moj-filter__tag")?.getAttribute("href")).toBe("#/ideas");
    expect(document.getElementById("clear-filters")?.getAttribute("href")).toBe("#/ideas");
    expect(await seriousViolations()).toEqual([]);

    document.querySelector<HTMLInputElement>('input[name="stages"][value="longlist"]')!.click();
    await settle();
    expect(window.location.hash).toBe("#/ideas?stage=longlist&department=ONS");
    expect(lastSearch()).toMatchObject({ departments: ["ONS"], stages: ["longlist"] });

    // Back undoes the last filter.
    await go("#/ideas?department=ONS");
    expect(lastSearch()).toMatchObject({ departments: ["ONS"], stages: [] });
    expect(document.querySelector<HTMLInputElement>('input[name="stages"][value="longlist"]')!.checked).toBe(false);
  });

  it("shows the ten biggest values of a long filter until Show all is pressed", async () => {
    const many = Array.from({ length: 50 }, (_, i): [string, number] => [`Department ${i + 1}`, 100 - i]);
    backend.searchIdeas.mockResolvedValue(ok({ ...results(), facets: facetsOf(many) }));
    await start("#/ideas?department=Department%2040");
    const boxes = () => document.querySelectorAll('input[name="departments"]').length;
    // The ten biggest and the one chosen.
    expect(boxes()).toBe(11);
    press("Show all 50 department or agency filters");
    await settle();
    expect(document.querySelector(".app-facet__more")?.getAttribute("aria-expanded")).toBe("true");
    expect(boxes()).toBe(50);
  });

  it("pages through results with Previous, Next and page numbers", async () => {
    backend.searchIdeas.mockResolvedValue(ok(results([idea], { total: 120 })));
    await start("#/ideas");
    expect(text("#ideas-count")).toBe("120 ideas");
    const pager = document.querySelector("nav.govuk-pagination")!;
    expect([...pager.querySelectorAll(".govuk-pagination__item")].map((li) => li.textContent?.trim())).toEqual(["1", "2", "3"]);
    expect(pager.querySelector(".govuk-pagination__prev")).toBeNull();
    const next = pager.querySelector<HTMLAnchorElement>(".govuk-pagination__next a")!;
    expect(next.getAttribute("href")).toBe("#/ideas?page=2");

    backend.searchIdeas.mockResolvedValue(ok(results([idea], { total: 120, page: 2 })));
    await go(next.getAttribute("href")!);
    expect(lastSearch()).toMatchObject({ page: 2, pageSize: 50 });
    expect(document.querySelector(".govuk-pagination__prev a")?.getAttribute("href")).toBe("#/ideas");
    expect(document.querySelector(".govuk-pagination__item--current a")?.getAttribute("aria-current")).toBe("page");
    expect(text(".govuk-pagination__item--current")).toBe("2");
    expect(text(".govuk-pagination__next")).toBe("Next page");
    expect(await seriousViolations()).toEqual([]);
  });

  it("shows where words matched as text, never as HTML", async () => {
    const snippet: SnippetPart[] = [
      { text: "a <img src=x onerror=alert(1)> in the ", highlight: false },
      { text: "cafe<b>", highlight: true },
    ];
    backend.searchIdeas.mockResolvedValue(ok(results([idea], { snippet })));
    await start("#/ideas?q=cafe");
    const shown = document.querySelector("#ideas-table .app-snippet")!;
    expect(shown.querySelector("img")).toBeNull();
    expect(shown.querySelector("b")).toBeNull();
    expect(shown.textContent).toBe("a <img src=x onerror=alert(1)> in the cafe<b>");
    expect(shown.querySelector("mark")?.textContent).toBe("cafe<b>");
    expect((document.getElementById("search") as HTMLInputElement).value).toBe("cafe");
  });

  it("changes the sort from the select", async () => {
    await start("#/ideas");
    const select = document.getElementById("sort") as HTMLSelectElement;
    select.value = "submitted";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(window.location.hash).toBe("#/ideas?sort=submitted");
    expect(lastSearch()).toMatchObject({ sort: "submitted", descending: true });
  });

  it("leads from an idea back to the same list", async () => {
    backend.searchIdeas.mockResolvedValue(ok(results([idea], { total: 120, page: 2 })));
    await start("#/ideas?department=ONS&page=2");
    await go("#/ideas/42");
    expect(document.querySelector(".govuk-back-link")?.getAttribute("href")).toBe("#/ideas?department=ONS&page=2");
  });
});

describe("screens", () => {
  it("shows an idea in full, with its history", async () => {
    await start("#/ideas/42");
    expect(text("#idea-title")).toBe(idea.title);
    expect(text(".govuk-caption-l")).toBe("DC21-0042 Longlist");
    const paras = [...document.querySelectorAll("#idea-summary p")].map((p) => p.textContent);
    expect(paras).toEqual(["First paragraph.", "Second paragraph,\nwith a line break."]);
    expect(document.querySelector('a[href="#/ideas/42/edit"]')?.textContent).toBe("Edit this idea");
    // The one-page summary opens the packs page with this idea filled in.
    expect(document.getElementById("idea-one-page")?.getAttribute("href")).toBe("#/packs?kind=onePage&idea=DC21-0042");
    const rows = Object.fromEntries(
      [...document.querySelectorAll("#idea-details .govuk-summary-list__row")].map((row) => [
        row.querySelector("dt")?.textContent?.trim(),
        row.querySelector("dd")?.textContent?.replace(/\s+/g, " ").trim(),
      ]),
    );
    expect(rows).toMatchObject({
      Reference: "DC21-0042",
      Stage: "Longlist",
      // Whether the name may go on the published longlist is shown with the person.
      Submitter: "Sam Analyst sam.analyst@education.gov.uk Name not to be published",
      "Department or agency": "Department for Education",
      Profession: "Statistics",
      Grade: "Grade 7",
      Region: "North East",
      "Co-submitters": "Ann Other (ann.other@nhs.net)",
      "Date submitted": "14 May 2021",
      Themes: "Health",
      "Last updated": expect.stringContaining("14 May 2021 at"),
    });
    expect([...document.querySelectorAll("#idea-details li")].map((li) => li.textContent)).toContain("linked data");
    expect(rows.Links).toContain("https://example.org/idea");
    expect(rows.Links).toContain("copy the address");
    // Nothing leaves the app: no mail or web links.
    expect(document.querySelector('a[href^="mailto:"], a[href^="http"]')).toBeNull();
    const datasetCells = [...document.querySelectorAll("#idea-datasets tbody td")].map((td) => td.textContent);
    expect(datasetCells).toEqual(["School census", "Department for Education", "Yes"]);
    expect(text("#idea-notes")).toBe("Ask DfE about access.");

    expect(backend.ideaHistory).toHaveBeenCalledWith(42);
    const items = [...document.querySelectorAll("#idea-history .moj-timeline__item")];
    expect(items.map((item) => item.querySelector(".moj-timeline__title")?.textContent)).toEqual([
      "Title changed",
      "Summary changed",
      "Created",
    ]);
    expect(items[0].querySelector(".moj-timeline__byline")?.textContent).toBe("by Priya Secretariat");
    expect(items[0].querySelector(".moj-timeline__date")?.textContent?.trim()).toBe("14 May 2021 at 3:07pm");
    expect(items[0].querySelector(".moj-timeline__description")?.textContent?.trim()).toBe(
      "Changed from “Link school records” to “Link school and health records”",
    );
    // A long value is cut short, with the whole of it behind "Show more".
    const long = items[1].querySelector(".app-history-change")!.textContent!;
    expect(long.length).toBeLessThan(260);
    expect(long).toContain("…” to “short”");
    expect(items[1].querySelector("details summary")?.textContent?.trim()).toBe("Show more");
    expect(items[1].querySelector("details .govuk-details__text")?.textContent).toContain("word ".repeat(100).trim());
    expect(items[0].querySelector("details")).toBeNull();
    expect(document.querySelectorAll("h1")).toHaveLength(1);
    expect(await seriousViolations()).toEqual([]);
  });

  it("says plainly when an idea does not exist, without JSON", async () => {
    backend.getIdea.mockResolvedValue({ status: "error", error: { code: "notFound", message: "There is no idea 9.", fields: [] } });
    await start("#/ideas/9");
    expect(text("h1")).toBe("Idea not found");
    expect(text("main")).toContain("There is no idea 9.");
    expect(text("main")).not.toContain("{");
  });

  it("adds an idea, with lists of datasets, and shows it with a success banner", async () => {
    backend.createIdea.mockResolvedValue(ok({ ...idea, id: 5, reference: "DC21-0005" }));
    await start("#/ideas/new");
    expect(text("h1")).toBe("Add an idea");
    expect(document.querySelectorAll("h1")).toHaveLength(1);
    const today = new Date();
    expect((document.getElementById("submittedDay") as HTMLInputElement).value).toBe(String(today.getDate()));
    expect((document.getElementById("submittedMonth") as HTMLInputElement).value).toBe(String(today.getMonth() + 1));
    expect((document.getElementById("submittedYear") as HTMLInputElement).value).toBe(String(today.getFullYear()));
    for (const id of ["title", "summary", "problem", "dataDescription", "benefits", "submitterName", "submitterEmail", "department", "profession", "grade", "region", "tags", "links", "notes", "newTheme"]) {
      expect(document.getElementById(id), id).not.toBeNull();
    }
    expect(document.getElementById("submitterEmail")!.getAttribute("type")).toBe("email");
    expect(document.getElementById("submitterEmail")!.getAttribute("spellcheck")).toBe("false");
    // Suggestions come from the register.
    expect([...document.querySelectorAll("#department-suggestions option")].map((o) => o.getAttribute("value"))).toEqual([
      "Department for Education",
      "ONS",
    ]);
    expect(document.getElementById("region")!.querySelectorAll("option")).toHaveLength(13);
    expect(text("#notes-hint")).toBe("Never shown to judges");

    type("title", "A new idea");
    type("summary", "Why it matters");
    type("submitterName", "Sam");
    type("department", "ONS");
    press("Add another dataset");
    await settle();
    expect(document.activeElement?.id).toBe("datasets-0-name");
    press("Add another dataset");
    await settle();
    press("Add another dataset");
    await settle();
    type("datasets-0-name", "First");
    type("datasets-1-name", "Second");
    type("datasets-1-owner", "ONS");
    const availability = document.getElementById("datasets-1-availability") as HTMLSelectElement;
    availability.value = "partly";
    availability.dispatchEvent(new Event("change", { bubbles: true }));
    type("datasets-2-name", "Third");
    expect(await seriousViolations()).toEqual([]);
    // Remove the first: the others move up.
    const remove = document.querySelector("#datasets .moj-add-another__remove-button") as HTMLButtonElement;
    expect(remove.textContent).toBe("Remove dataset 1");
    remove.click();
    await settle();
    expect(document.activeElement?.id).toBe("datasets-0-name");
    expect((document.getElementById("datasets-0-name") as HTMLInputElement).value).toBe("Second");
    expect(document.getElementById("datasets-2-name")).toBeNull();
    (document.querySelector<HTMLInputElement>('input[name="themes"][value="Health"]')!).click();
    type("newTheme", "Net zero");
    type("tags", "pilot, linked data");
    type("links", "https://a.example\nhttps://b.example");
    press("Save idea");
    await settle();
    expect(backend.createIdea).toHaveBeenCalledWith(1, {
      title: "A new idea",
      summary: "Why it matters",
      problem: "",
      dataDescription: "",
      datasets: [
        { name: "Second", owner: "ONS", availability: "partly" },
        { name: "Third", owner: "", availability: "unknown" },
      ],
      benefits: "",
      submitterName: "Sam",
      submitterEmail: "",
      submitterConsent: false,
      department: "ONS",
      profession: "",
      grade: "",
      region: "",
      coSubmitters: [],
      submittedDay: String(today.getDate()),
      submittedMonth: String(today.getMonth() + 1),
      submittedYear: String(today.getFullYear()),
      themes: ["Health", "Net zero"],
      tags: ["pilot", "linked data"],
      links: ["https://a.example", "https://b.example"],
      notes: "",
    });
    expect(window.location.hash).toBe("#/ideas/5");
    expect(text(".govuk-notification-banner--success")).toContain("Idea DC21-0005 saved");
    expect(await seriousViolations()).toEqual([]);
  });

  it("edits an idea, showing the backend's field messages beside the fields", async () => {
    backend.updateIdea.mockResolvedValue({
      status: "error",
      error: {
        code: "validation",
        message: "Check the idea",
        fields: [
          { field: "title", message: "Enter a title" },
          { field: "datasets", message: "Enter the name of each dataset" },
          { field: "submittedDay", message: "Date submitted must be a real date" },
        ],
      },
    });
    await start("#/ideas/42/edit");
    expect((document.getElementById("title") as HTMLInputElement).value).toBe(idea.title);
    expect((document.getElementById("datasets-0-name") as HTMLInputElement).value).toBe("School census");
    expect((document.getElementById("coSubmitters-0-email") as HTMLInputElement).value).toBe("ann.other@nhs.net");
    expect((document.getElementById("tags") as HTMLInputElement).value).toBe("children, linked data");
    expect((document.getElementById("submittedDay") as HTMLInputElement).value).toBe("14");
    expect((document.getElementById("region") as HTMLSelectElement).value).toBe("North East");
    expect(document.querySelector<HTMLInputElement>('input[name="themes"][value="Health"]')!.checked).toBe(true);
    type("title", "");
    press("Save changes");
    await settle();
    expect(backend.updateIdea).toHaveBeenCalledWith(42, expect.objectContaining({ title: "", tags: ["children", "linked data"] }));
    expect(document.getElementById("title")!.classList).toContain("govuk-input--error");
    expect(document.getElementById("title")!.getAttribute("aria-describedby")).toBe("title-error");
    expect(text("#title-error")).toBe("Error: Enter a title");
    const links = [...document.querySelectorAll(".govuk-error-summary__list a")].map((a) => a.getAttribute("href"));
    expect(links).toEqual(["#title", "#datasets", "#submittedDay"]);
    expect(text("#datasets-error")).toBe("Error: Enter the name of each dataset");
    expect(document.getElementById("datasets")!.closest(".govuk-form-group--error")).not.toBeNull();
    // The list's link goes to its first box.
    (document.querySelector('.govuk-error-summary a[href="#datasets"]') as HTMLAnchorElement).click();
    expect(document.activeElement?.id).toBe("datasets-0-name");
    expect(document.title).toBe("Error: Edit this idea – Shortlist");
    expect(await seriousViolations()).toEqual([]);
  });

  it("saves the name recorded against changes, above where the data is kept", async () => {
    backend.saveUserSettings.mockResolvedValueOnce({
      status: "error",
      error: { code: "validation", message: "Check your name", fields: [{ field: "displayName", message: "Enter your name" }] },
    });
    await start("#/settings");
    expect(text("h1")).toBe("Settings");
    expect((document.getElementById("displayName") as HTMLInputElement).value).toBe("Priya Secretariat");
    expect(text("#displayName-hint")).toBe("Recorded against every change you make to an idea");
    expect(await seriousViolations()).toEqual([]);
    expect((document.getElementById("role-secretariat") as HTMLInputElement).checked).toBe(true);
    type("displayName", "");
    press("Save");
    await settle();
    expect(text("#displayName-error")).toBe("Error: Enter your name");
    expect(document.querySelector('.govuk-error-summary a[href="#displayName"]')).not.toBeNull();
    expect(await seriousViolations()).toEqual([]);

    backend.saveUserSettings.mockResolvedValueOnce(ok({ displayName: "Priya Shah", role: "judge", confirmed: true }));
    type("displayName", " Priya Shah ");
    (document.getElementById("role-judge") as HTMLInputElement).click();
    press("Save");
    await settle();
    expect(backend.saveUserSettings).toHaveBeenLastCalledWith({ displayName: " Priya Shah ", role: "judge" });
    expect(document.querySelector(".govuk-error-summary")).toBeNull();
    expect(text(".govuk-notification-banner")).toContain("Saved: you are Priya Shah, a judge");
    expect((document.getElementById("displayName") as HTMLInputElement).value).toBe("Priya Shah");
    expect(await seriousViolations()).toEqual([]);
    // Settings is a long page (protection, backups, the audit trail): three axe runs over it.
  }, 20_000);

  it("shows where the data is kept, and switches challenge", async () => {
    const other = { ...challenge, id: 2, name: "Data Challenge", year: 2022, createdAt: "2020-01-01T00:00:00Z" };
    backend.listChallenges.mockResolvedValue(ok([challenge, other]));
    await start("#/settings");
    expect(text("h1")).toBe("Settings");
    expect(text("#database-path")).toBe(info.databasePath);
    expect(text("#data-dir-source")).toContain("the default place for this computer");
    expect(await seriousViolations()).toEqual([]);
    const select = document.getElementById("challenge") as HTMLSelectElement;
    select.value = "2";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    press("Switch challenge");
    await settle();
    expect(window.localStorage.getItem("shortlist.currentChallengeId")).toBe("2");
    expect(window.location.hash).toBe("#/ideas");
    expect(text(".govuk-caption-l")).toBe("Data Challenge");
    expect(lastSearch()).toMatchObject({ challengeId: 2 });
  });

  it("treats an unknown address as a missing page", async () => {
    await start("#/nowhere");
    expect(text("h1")).toBe("Page not found");
    await go("#/ideas");
    expect(text("h1")).toBe("Ideas");
  });
});

const headers = ["Timestamp", "Idea title", "Your name", "Anything else?"];

function preview(overrides: Partial<ImportPreview> = {}): ImportPreview {
  return {
    fileName: "responses.csv",
    signature: "sig-1",
    headers,
    samples: [["14/05/2021 10:00:00"], ["Link school records", "Cafe data", "A ".repeat(80)], ["Sam Analyst"], []],
    mapping: {
      columns: [
        { header: "Timestamp", field: "submittedAt" },
        { header: "Idea title", field: "title" },
        { header: "Your name", field: "submitterName" },
        { header: "Anything else?", field: "ignore" },
      ],
    },
    mappingRemembered: false,
    mappingProblems: [],
    rows: 42,
    blankRows: 2,
    toAdd: 37,
    alreadyImported: 3,
    duplicates: [
      { row: 5, title: "Link school records", exact: true, score: 1, matchesReference: "DC21-0042", matchesRow: null, matchesTitle: idea.title },
      { row: 9, title: "Cafe data", exact: false, score: 0.46, matchesReference: null, matchesRow: 4, matchesTitle: "Café data" },
    ],
    problems: [
      { row: 7, column: "Idea title", reason: "Enter a title" },
      { row: 7, column: "", reason: "The response is empty apart from the timestamp" },
      { row: 12, column: "Timestamp", reason: "Date submitted must be a real date" },
    ],
    ...overrides,
  };
}

const selectValue = (id: string) => (document.getElementById(id) as HTMLSelectElement).value;


const buttons = () => [...document.querySelectorAll("button")].map((b) => b.textContent?.trim());

describe("importing a form's export", () => {
  it("reads the file, lets the columns be changed, reports the dry run, then imports", async () => {
    const unmatched = preview({
      mapping: { columns: preview().mapping.columns.map((c) => (c.header === "Idea title" ? { ...c, field: "ignore" } : c)) },
      mappingProblems: ["Choose the column that holds each idea’s title"],
    });
    backend.previewImport.mockResolvedValueOnce(ok(unmatched)).mockResolvedValueOnce(ok(preview()));
    backend.commitImport.mockResolvedValue(
      ok({ added: 37, alreadyImported: 3, withProblems: 2, flaggedDuplicates: 3, firstReference: "DC21-0201", lastReference: "DC21-0237" }),
    );
    await start("#/ideas");
    const link = [...document.querySelectorAll("main a.govuk-button")].find((a) => a.textContent === "Import ideas")!;
    expect(link.getAttribute("href")).toBe("#/import");
    expect(link.classList).toContain("govuk-button--secondary");
    expect(document.querySelector("#nav-import")?.getAttribute("href")).toBe("#/import");
    await go("#/import");

    // Step 1.
    expect(text("h1")).toBe("Import ideas");
    expect(document.title).toBe("Import ideas – Shortlist");
    expect(text("label[for=import-path]")).toBe("File");
    expect(text("#import-path-hint")).toBe("Choose the file, or paste its full path");
    expect(document.querySelector("#nav-import")?.getAttribute("aria-current")).toBe("page");
    expect(document.getElementById("import-columns")).toBeNull();
    expect(await seriousViolations()).toEqual([]);
    type("import-path", " /home/priya/responses.csv ");
    press("Continue");
    await settle();
    expect(backend.previewImport).toHaveBeenLastCalledWith(1, "/home/priya/responses.csv", null);

    // Step 2, with the title not yet matched: no report.
    expect(text("#import-columns h2")).toBe("Check the columns");
    expect(document.getElementById("import-report")).toBeNull();
    expect(text(".govuk-error-summary")).toContain("Choose the column that holds each idea’s title");
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#import-mapping");
    expect(document.activeElement).toBe(document.querySelector(".govuk-error-summary"));
    const rows = [...document.querySelectorAll("#import-mapping-table tbody tr")];
    expect(rows.map((r) => r.querySelector("th")?.textContent)).toEqual(headers);
    expect(rows[1].querySelectorAll(".app-samples li")).toHaveLength(3);
    expect(rows[1].querySelectorAll(".app-samples li")[2].textContent!.length).toBeLessThan(90);
    expect(text("label[for=map-1]")).toBe("Field for column “Idea title”");
    expect(document.querySelector("label[for=map-1]")?.classList).toContain("govuk-visually-hidden");
    expect([...document.querySelectorAll("#map-0 option")].map((o) => o.textContent)).toEqual([
      "Title", "Summary", "The problem it addresses", "The data it would use", "Benefits", "Submitter's name",
      "Submitter's email address", "Department or agency", "Profession", "Grade", "Region", "Co-submitters",
      "Consent to publish names", "Date submitted", "Themes", "Tags", "Links", "Secretariat notes", "Do not import",
    ]);
    expect([0, 1, 2, 3].map((i) => selectValue(`map-${i}`))).toEqual(["submittedAt", "ignore", "submitterName", "ignore"]);
    expect(document.getElementById("import-remembered")).toBeNull();
    expect(document.title).toBe("Error: Import ideas – Shortlist");
    expect(await seriousViolations()).toEqual([]);

    // Changing a select sends the changed mapping.
    choose("map-1", "title");
    await settle();
    expect(document.getElementById("import-changed")).not.toBeNull();
    press("Check the import");
    await settle();
    expect(backend.previewImport).toHaveBeenLastCalledWith(1, "/home/priya/responses.csv", preview().mapping);

    // Step 3: the dry run's report.
    expect(document.querySelector(".govuk-error-summary")).toBeNull();
    expect(text("#import-report h2")).toBe("Check before importing");
    expect(document.activeElement?.id).toBe("import-report-heading");
    expect(text("#import-to-add")).toBe("37");
    expect(text(".app-import-outcome")).toBe("37 ideas will be added");
    const counts = Object.fromEntries(
      [...document.querySelectorAll("#import-counts .govuk-summary-list__row")].map((row) => [
        row.querySelector("dt")?.textContent?.trim(),
        row.querySelector("dd")?.textContent?.trim(),
      ]),
    );
    expect(counts).toMatchObject({
      "Responses in the file": "42",
      "Blank rows skipped": "2",
      "Already imported (skipped)": "3",
      "Rows with problems (left out)": "2",
      "Ideas to add": "37",
    });
    const duplicateRows = [...document.querySelectorAll("#import-duplicates tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent?.replace(/\s+/g, " ").trim()),
    );
    expect(duplicateRows).toEqual([
      ["5", "Link school records", `DC21-0042 ${idea.title}`, "Same submitter and title"],
      ["9", "Cafe data", "row 4 Café data", "Similar wording (46%)"],
    ]);
    const problemRows = [...document.querySelectorAll("#import-problems tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim()),
    );
    expect(problemRows).toEqual([
      ["7", "Idea title", "Enter a title"],
      ["7", "Whole row", "The response is empty apart from the timestamp"],
      ["12", "Timestamp", "Date submitted must be a real date"],
    ]);
    expect(text("#import-report")).toContain(
      "These rows will not be imported. Fix them in the form's spreadsheet and import it again: rows already imported are skipped.",
    );
    expect(text("#import-report")).toContain("will be imported and flagged");
    expect(document.querySelectorAll("h1")).toHaveLength(1);
    expect(await seriousViolations()).toEqual([]);
    expect(backend.commitImport).not.toHaveBeenCalled();

    press("Import 37 ideas");
    await settle();
    expect(backend.commitImport).toHaveBeenCalledWith(1, "/home/priya/responses.csv", preview().mapping);
    expect(window.location.hash).toBe("#/ideas");
    expect(text("h1")).toBe("Ideas");
    expect(text(".govuk-notification-banner .govuk-notification-banner__heading")).toBe(
      "Imported 37 ideas (DC21-0201 to DC21-0237). 3 flagged as possible duplicates.",
    );
    expect(document.querySelector(".govuk-notification-banner a")?.getAttribute("href")).toBe("#/duplicates");
    expect(await seriousViolations()).toEqual([]);
  });

  it("says what it is doing while a large export is read, checked and imported, and takes no second click", async () => {
    // Each answer is held back until the test lets it go, so the page is seen mid-way.
    const held = <T,>() => {
      let release!: (value: T) => void;
      const promise = new Promise<T>((resolve) => (release = resolve));
      return { promise, release };
    };
    const big = preview({ rows: 10000, toAdd: 9452 });
    const reading = held<ReturnType<typeof ok<ImportPreview>>>();
    const checking = held<ReturnType<typeof ok<ImportPreview>>>();
    const importing = held<ReturnType<typeof ok<ImportSummary>>>();
    backend.previewImport.mockReturnValueOnce(reading.promise).mockReturnValueOnce(checking.promise);
    backend.commitImport.mockReturnValueOnce(importing.promise);
    await start("#/import");
    const status = (id: string) => text(`#${id}-status`);
    const disabled = (id: string) => document.getElementById(id)?.getAttribute("aria-disabled");

    // Idle: the status lines are there (so screen readers announce them) but say nothing.
    expect(document.getElementById("import-continue-status")?.getAttribute("role")).toBe("status");
    expect(status("import-continue")).toBe("");
    type("import-path", "C:\\Users\\priya\\Downloads\\responses.csv");
    press("Continue");
    await settle();
    expect(text("#import-continue")).toBe("Reading the file…");
    expect(status("import-continue")).toBe("Reading responses.csv and checking every response…");
    expect(disabled("import-continue")).toBe("true");
    document.getElementById("import-continue")!.click();
    await settle();
    expect(backend.previewImport).toHaveBeenCalledTimes(1);
    reading.release(ok(big));
    await settle();
    expect(text("#import-continue")).toBe("Continue");
    expect(status("import-continue")).toBe("");
    expect(disabled("import-continue")).toBeNull();
    expect(text("#import-to-add")).toBe("9,452");

    press("Check the import");
    await settle();
    expect(text("#import-check")).toBe("Checking…");
    expect(status("import-check")).toBe("Checking 10,000 responses for problems and duplicates…");
    // Nothing else starts meanwhile: the import button waits too, and looks it.
    expect(disabled("import-commit")).toBe("true");
    expect(document.getElementById("import-commit")?.classList).toContain("app-button--waiting");
    expect(document.getElementById("import-check")?.classList).not.toContain("app-button--waiting");
    document.getElementById("import-commit")!.click();
    await settle();
    expect(backend.commitImport).not.toHaveBeenCalled();
    checking.release(ok(big));
    await settle();
    expect(status("import-check")).toBe("");

    press("Import 9,452 ideas");
    await settle();
    expect(text("#import-commit")).toBe("Importing…");
    expect(status("import-commit")).toBe("Importing 9,452 ideas…");
    expect(await seriousViolations()).toEqual([]);
    document.getElementById("import-commit")!.click();
    await settle();
    expect(backend.commitImport).toHaveBeenCalledTimes(1);
    importing.release(
      ok({ added: 9452, alreadyImported: 0, withProblems: 0, flaggedDuplicates: 0, firstReference: "DC21-0001", lastReference: "DC21-9452" }),
    );
    await settle();
    expect(window.location.hash).toBe("#/ideas");
  });

  it("goes straight to the report when the columns are remembered, and says when there is nothing new", async () => {
    backend.previewImport.mockResolvedValue(
      ok(preview({ mappingRemembered: true, toAdd: 0, alreadyImported: 40, duplicates: [], problems: [] })),
    );
    await start("#/import");
    type("import-path", "/home/priya/responses.xlsx");
    press("Continue");
    await settle();
    expect(text("#import-remembered")).toBe("Columns are matched as you chose for this form last time.");
    expect(text("#import-to-add")).toBe("0");
    expect(text("#import-report")).toContain("There is nothing new to import");
    expect(buttons().some((b) => b?.startsWith("Import "))).toBe(false);
    expect(document.getElementById("import-duplicates")).toBeNull();
    expect(document.getElementById("import-problems")).toBeNull();
    expect(await seriousViolations()).toEqual([]);

    // Another file in the box: the steps about the first one go until Continue reads it.
    type("import-path", "/home/priya/other.csv");
    await settle();
    expect(document.getElementById("import-columns")).toBeNull();
  });

  it("fills the File box from the native dialog, and leaves it alone when cancelled", async () => {
    dialogs.chooseImportFile.mockResolvedValueOnce("/home/priya/Downloads/Data challenge.xlsx").mockResolvedValueOnce(null);
    await start("#/import");
    press("Choose file");
    await settle();
    expect((document.getElementById("import-path") as HTMLInputElement).value).toBe("/home/priya/Downloads/Data challenge.xlsx");
    press("Choose file");
    await settle();
    expect((document.getElementById("import-path") as HTMLInputElement).value).toBe("/home/priya/Downloads/Data challenge.xlsx");
    expect(backend.previewImport).not.toHaveBeenCalled();
  });

  it("shows a file it cannot read as a problem with the File box", async () => {
    backend.previewImport.mockResolvedValue({
      status: "error",
      error: { code: "validation", message: "The file must be a CSV or Excel file (.csv or .xlsx)", fields: [] },
    });
    await start("#/import");
    press("Continue");
    await settle();
    // Nothing typed: said before asking the backend.
    expect(backend.previewImport).not.toHaveBeenCalled();
    expect(text("#import-path-error")).toBe("Error: Choose the file to import, or paste its full path");

    type("import-path", "/home/priya/notes.docx");
    press("Continue");
    await settle();
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#import-path");
    expect(text(".govuk-error-summary")).toContain("The file must be a CSV or Excel file (.csv or .xlsx)");
    expect(text("#import-path-error")).toBe("Error: The file must be a CSV or Excel file (.csv or .xlsx)");
    expect(document.getElementById("import-path")!.classList).toContain("govuk-input--error");
    expect(document.getElementById("import-path")!.getAttribute("aria-describedby")).toBe("import-path-hint import-path-error");
    (document.querySelector('.govuk-error-summary a[href="#import-path"]') as HTMLAnchorElement).click();
    expect(document.activeElement?.id).toBe("import-path");
    expect(document.title).toBe("Error: Import ideas – Shortlist");
    expect(await seriousViolations()).toEqual([]);
  });
});

describe("exporting the register", () => {
  it("exports the list as filtered, and does nothing when the dialog is cancelled", async () => {
    backend.searchIdeas.mockResolvedValue(ok(results([idea], { total: 43 })));
    backend.exportIdeas.mockResolvedValue(ok({ path: "/home/priya/ideas.xlsx", ideas: 43 }));
    await start("#/ideas?q=school&department=ONS&page=2");

    dialogs.chooseExportPath.mockResolvedValueOnce(null);
    press("Export to Excel");
    await settle();
    expect(dialogs.chooseExportPath).toHaveBeenCalledWith("xlsx");
    expect(backend.exportIdeas).not.toHaveBeenCalled();
    expect(document.querySelector(".govuk-notification-banner")).toBeNull();
    expect(document.querySelector(".govuk-error-summary")).toBeNull();

    dialogs.chooseExportPath.mockResolvedValueOnce("/home/priya/ideas.xlsx");
    press("Export to Excel");
    await settle();
    expect(backend.exportIdeas).toHaveBeenCalledWith(
      expect.objectContaining({ challengeId: 1, text: "school", departments: ["ONS"] }),
      "xlsx",
      "/home/priya/ideas.xlsx",
    );
    expect(text(".govuk-notification-banner__heading")).toBe("Exported 43 ideas to /home/priya/ideas.xlsx");
    expect(await seriousViolations()).toEqual([]);

    dialogs.chooseExportPath.mockResolvedValueOnce("/home/priya/ideas.csv");
    backend.exportIdeas.mockResolvedValueOnce({
      status: "error",
      error: { code: "internal", message: "Shortlist could not write /home/priya/ideas.csv. Choose another folder.", fields: [] },
    });
    press("Export to CSV");
    await settle();
    expect(backend.exportIdeas).toHaveBeenLastCalledWith(expect.anything(), "csv", "/home/priya/ideas.csv");
    expect(text(".govuk-error-summary")).toContain("Choose another folder.");
  });
});

const later: Idea = { ...idea, id: 200, reference: "DC21-0200", title: "Linking school and health records", submittedOn: "2021-05-20" };

const pairs: DuplicatePair[] = [
  { flagId: 1, exact: false, score: 0.46, idea: summary(later), other: summary(idea) },
  { flagId: 2, exact: true, score: 1, idea: summary({ ...idea, id: 201, reference: "DC21-0201" }), other: summary({ ...idea, id: 12, reference: "DC21-0012" }) },
];

describe("possible duplicates", () => {
  it("shows the count in the navigation and on the register", async () => {
    backend.listDuplicates.mockResolvedValue(ok(pairs));
    await start("#/ideas");
    expect(backend.listDuplicates).toHaveBeenCalledWith(1);
    const nav = document.getElementById("nav-duplicates")!;
    expect(nav.textContent?.trim()).toBe("Duplicates");
    expect(nav.getAttribute("href")).toBe("#/duplicates");
    expect(text("#duplicates-badge")).toBe("2 possible duplicates to check");
    expect(document.querySelector("#duplicates-badge")?.classList).toContain("moj-notification-badge");
    expect(text("#duplicates-notice")).toBe("2 possible duplicates to check");
    expect(document.querySelector("#duplicates-notice a")?.getAttribute("href")).toBe("#/duplicates");
    expect(await seriousViolations()).toEqual([]);
  });

  it("has no badge or notice when there is nothing to check", async () => {
    await start("#/ideas");
    expect(document.getElementById("duplicates-badge")).toBeNull();
    expect(document.getElementById("duplicates-notice")).toBeNull();
    await go("#/duplicates");
    expect(text("h1")).toBe("Possible duplicates");
    expect(text("#duplicates-empty")).toBe("No possible duplicates to check.");
    expect(await seriousViolations()).toEqual([]);
  });

  it("keeps both ideas of a pair", async () => {
    backend.listDuplicates.mockResolvedValue(ok(pairs));
    backend.keepBoth.mockResolvedValue(ok(null));
    await start("#/duplicates");
    expect(text("h1")).toBe("Possible duplicates");
    expect(document.title).toBe("Possible duplicates – Shortlist");
    expect(document.getElementById("nav-duplicates")?.getAttribute("aria-current")).toBe("page");
    const card = document.getElementById("duplicate-1")!;
    expect(card.querySelector("h2")?.textContent?.trim()).toBe("DC21-0200 and DC21-0042");
    expect(card.querySelector(".app-duplicate__why")?.textContent?.replace(/\s+/g, " ").trim()).toBe("Why: Similar wording, 46%");
    expect(text("#duplicate-2 .app-duplicate__why")).toBe("Why: Same submitter and title");
    expect(card.querySelector('a[data-reference="DC21-0042"]')?.getAttribute("href")).toBe("#/ideas/42");
    expect(card.querySelector('a[data-reference="DC21-0200"]')?.getAttribute("href")).toBe("#/ideas/200");
    expect(card.textContent).toContain("20 May 2021");
    expect(card.textContent).toContain("Department for Education");
    expect(document.querySelectorAll("h1")).toHaveLength(1);
    expect(await seriousViolations()).toEqual([]);

    backend.listDuplicates.mockResolvedValue(ok([pairs[1]]));
    press("Keep both"); // the first pair's
    await settle();
    expect(backend.keepBoth).toHaveBeenCalledWith(1);
    expect(text(".govuk-notification-banner__heading")).toBe("DC21-0200 and DC21-0042 are kept as separate ideas");
    expect(document.getElementById("duplicate-1")).toBeNull();
    expect(document.getElementById("duplicate-2")).not.toBeNull();
    expect(text("#duplicates-badge")).toBe("1 possible duplicate to check");
  });

  it("merges after asking which idea to keep", async () => {
    backend.listDuplicates.mockResolvedValue(ok(pairs));
    backend.mergeIdeas.mockResolvedValue(ok(null));
    await start("#/duplicates");
    expect(document.getElementById("keep-1")).toBeNull();
    press("Merge");
    await settle();
    expect(text("#merge-1-legend")).toBe("Which idea do you want to keep?");
    expect(text("#keep-1-hint")).toBe("The other idea leaves the register but keeps its reference and history.");
    expect(text("label[for=keep-1]")).toBe("Keep DC21-0042");
    expect(text("label[for=keep-1-2]")).toBe("Keep DC21-0200");
    expect(document.activeElement?.id).toBe("keep-1");
    expect(await seriousViolations()).toEqual([]);

    press("Merge"); // nothing chosen yet
    await settle();
    expect(backend.mergeIdeas).not.toHaveBeenCalled();
    expect(text("#keep-1-error")).toBe("Error: Select which idea to keep");
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#keep-1");
    expect(await seriousViolations()).toEqual([]);

    backend.listDuplicates.mockResolvedValue(ok([pairs[1]]));
    (document.getElementById("keep-1-2") as HTMLInputElement).click();
    press("Merge");
    await settle();
    expect(backend.mergeIdeas).toHaveBeenCalledWith(1, 200, 42);
    expect(text(".govuk-notification-banner__heading")).toBe("DC21-0042 has been merged into DC21-0200");
    expect(document.getElementById("duplicate-1")).toBeNull();
    expect(document.querySelector(".govuk-error-summary")).toBeNull();
    expect(await seriousViolations()).toEqual([]);
  });
});

describe("a merged idea", () => {
  it("says which idea it was merged into, with a link to it", async () => {
    backend.getIdea.mockResolvedValue(ok({ ...later, mergedInto: "DC21-0042" }));
    backend.searchIdeas.mockResolvedValue(ok(results([{ ...idea, id: 420, reference: "DC21-0420" }, idea])));
    await start("#/ideas/200");
    expect(backend.searchIdeas).toHaveBeenLastCalledWith(expect.objectContaining({ challengeId: 1, text: "DC21-0042" }));
    expect(text("#idea-merged")).toContain("This idea was merged into DC21-0042");
    expect(document.querySelector("#idea-merged a")?.getAttribute("href")).toBe("#/ideas/42");
    expect(await seriousViolations()).toEqual([]);
  });

  it("shows no warning for an idea that was not merged", async () => {
    await start("#/ideas/42");
    expect(document.getElementById("idea-merged")).toBeNull();
  });
});

describe("rounds: an idea's progress", () => {
  const evaluated = (): Progress =>
    progress({
      screening: {
        eligibility: "eligible",
        eligibilityReason: "Uses data the department holds",
        underWay: "partly",
        underWayNote: "A pilot in Leeds",
        underWayLinks: ["https://example.org/pilot"],
        screenedBy: "Priya Secretariat",
        screenedAt: "2021-05-20T10:00:00Z",
      },
      evaluation: {
        started: true,
        evaluation: {
          ...blankEvaluation(),
          viability: { ...blankEvaluation().viability, rating: "green", costBand: "250kTo1m" },
          benefits: { ...blankEvaluation().benefits, rating: "amber", valueLow: 250000, valueHigh: 1000000 },
          obstacles: {
            rating: "red",
            narrative: "Access is slow",
            register: [
              { category: "dataAccess", description: "No agreement yet", likelihood: 4, impact: 5, mitigation: "Ask early", owner: "DfE", status: "open" },
            ],
          },
          recommendation: "hold",
          updatedBy: "Priya Secretariat",
          updatedAt: "2021-05-21T10:00:00Z",
        },
        missing: ["Viability narrative", "Rationale"],
      },
    });

  it("shows the stage, the RAG tags with their words, and what the evaluation still lacks", async () => {
    backend.ideaProgress.mockResolvedValue(ok(evaluated()));
    await start("#/ideas/42");
    expect(text("#idea-stage")).toBe("Longlist");
    expect(text("#move-next")).toBe("Move to Shortlist");
    expect(text("#evaluation-summary .rag-viability")).toBe("Green");
    expect(document.querySelector("#evaluation-summary .rag-viability")?.classList).toContain("govuk-tag--green");
    expect(text("#evaluation-summary .rag-benefits")).toBe("Amber");
    expect(document.querySelector("#evaluation-summary .rag-benefits")?.classList).toContain("govuk-tag--orange");
    expect(text("#evaluation-summary .rag-obstacles")).toBe("Red");
    expect(text("#evaluation-recommendation")).toBe("Hold");
    expect([...document.querySelectorAll("#evaluation-missing li")].map((li) => li.textContent)).toEqual(["Viability narrative", "Rationale"]);
    expect(text("#evaluate")).toBe("Continue evaluation");
    expect(document.getElementById("evaluate")?.getAttribute("href")).toBe("#/ideas/42/evaluation");
    expect(text("#record-screening")).toBe("Change screening");
    expect(text("#screening-summary")).toContain("Partly: something similar exists");
    expect(text("#evaluation-value")).toBe("£250,000 to £1,000,000");
    expect(text("#evaluation-obstacles tbody")).toContain("20");
    expect(document.getElementById("record-decision")?.getAttribute("href")).toBe("#/ideas/42/decision");
    expect(await seriousViolations()).toEqual([]);
  });

  it("says an evaluation not started is not rated, and offers no decision before the longlist", async () => {
    backend.ideaProgress.mockResolvedValue(ok(progress({ stage: "screened", next: "longlist" })));
    await start("#/ideas/42");
    expect(text("#evaluation-summary .rag-viability")).toBe("Not rated");
    expect(text("#evaluate")).toBe("Evaluate");
    expect(text("#record-screening")).toBe("Record screening");
    expect(document.getElementById("record-decision")).toBeNull();
  });

  it("shows a refused move in the error summary and leaves the stage as it was", async () => {
    backend.moveIdeas.mockResolvedValue(
      failure("refused", "DC21-0042 needs a complete evaluation before the shortlist", [
        { field: "DC21-0042", message: "DC21-0042 needs a complete evaluation before the shortlist" },
      ]),
    );
    await start("#/ideas/42");
    (document.getElementById("move-next") as HTMLButtonElement).click();
    await settle();
    expect(backend.moveIdeas).toHaveBeenCalledWith({ ideas: [42], to: "shortlist", reason: "", confirmOverTarget: false });
    expect(text(".govuk-error-summary")).toContain("DC21-0042 needs a complete evaluation before the shortlist");
    expect(document.activeElement).toBe(document.querySelector(".govuk-error-summary"));
    expect(text("#idea-stage")).toBe("Longlist");
    expect(document.title).toBe("Error: Link school and health records – Shortlist");
    expect(await seriousViolations()).toEqual([]);
  });

  it("puts the move form's errors beside the stage and reason boxes, tied to them", async () => {
    await start("#/ideas/42");
    const to = document.getElementById("move-to") as HTMLSelectElement;
    expect(document.querySelector('label[for="move-to"]')?.textContent).toBe("Stage");
    expect(to.options[0].text).toBe("Choose a stage");
    expect(to.getAttribute("aria-describedby")).toBeNull();
    expect(document.getElementById("move-reason")?.getAttribute("aria-describedby")).toBe("move-reason-hint");
    (document.getElementById("move-submit") as HTMLButtonElement).click();
    await settle();
    expect(backend.moveIdeas).not.toHaveBeenCalled();
    expect(to.getAttribute("aria-describedby")).toBe("move-to-error");
    expect(to.classList.contains("govuk-select--error")).toBe(true);
    expect(text("#move-to-error")).toBe("Error: Select the stage to move the idea to");

    backend.moveIdeas.mockResolvedValue(failure("validation", "Give a reason", [{ field: "reason", message: "Give a reason for the move" }]));
    to.value = "notProgressed";
    to.dispatchEvent(new Event("change", { bubbles: true }));
    (document.getElementById("move-submit") as HTMLButtonElement).click();
    await settle();
    const reason = document.getElementById("move-reason") as HTMLTextAreaElement;
    expect(reason.getAttribute("aria-describedby")).toBe("move-reason-hint move-reason-error");
    expect(reason.classList.contains("govuk-textarea--error")).toBe(true);
    expect(reason.closest(".govuk-form-group")?.className).toContain("app-move-form__reason");
    expect(reason.closest(".govuk-form-group")?.classList.contains("govuk-form-group--error")).toBe(true);
    expect(text("#move-reason-error")).toBe("Error: Give a reason for the move");
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#move-reason");
    expect(await seriousViolations()).toEqual([]);
  });

  it("asks before going past the target, and resends the same move once confirmed", async () => {
    backend.moveIdeas.mockResolvedValueOnce(failure("needsConfirmation", "The shortlist's target is 8 and it holds 8 already."));
    backend.moveIdeas.mockResolvedValueOnce(ok({ to: "notProgressed", moved: ["DC21-0042"] }));
    await start("#/ideas/42");
    const select = document.getElementById("move-to") as HTMLSelectElement;
    select.value = "notProgressed";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    type("move-reason", "Out of scope");
    (document.getElementById("move-submit") as HTMLButtonElement).click();
    await settle();
    expect(text(".govuk-warning-text")).toContain("The shortlist's target is 8 and it holds 8 already.");
    expect(document.querySelector(".govuk-error-summary")).toBeNull();
    expect(await seriousViolations()).toEqual([]);

    backend.ideaProgress.mockResolvedValue(ok(progress({ stage: "notProgressed", next: null })));
    backend.ideaHistory.mockResolvedValue(
      ok([{ at: "2021-06-01T10:00:00Z", by: "Priya Secretariat", kind: "stageChanged", field: "Stage", oldValue: "Longlist", newValue: "Not progressed", note: "Out of scope" }, ...history]),
    );
    (document.getElementById("confirm-over-target") as HTMLButtonElement).click();
    await settle();
    expect(backend.moveIdeas).toHaveBeenCalledTimes(2);
    expect(backend.moveIdeas).toHaveBeenLastCalledWith({ ideas: [42], to: "notProgressed", reason: "Out of scope", confirmOverTarget: true });
    expect(text(".govuk-notification-banner__heading")).toBe("Moved DC21-0042 to Not progressed");
    expect(text("#idea-stage")).toBe("Not progressed");
    expect(text("#idea-history")).toContain("Changed from “Longlist” to “Not progressed”");
    expect(document.getElementById("confirm-over-target")).toBeNull();
  });
});

describe("rounds: forms", () => {
  function choose(id: string, value: string) {
    const select = document.getElementById(id) as HTMLSelectElement;
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  it("evaluates, sending the obstacle register and putting row errors beside their boxes", async () => {
    backend.evaluation.mockResolvedValue(ok({ started: false, evaluation: blankEvaluation(), missing: [] }));
    backend.saveEvaluation.mockResolvedValueOnce(
      failure("validation", "Check the evaluation", [{ field: "obstacles.0.likelihood", message: "Select the likelihood of obstacle 1 from 1 to 5" }]),
    );
    await start("#/ideas/42/evaluation");
    expect(text("h1")).toBe("Evaluate DC21-0042: Link school and health records");
    expect(await seriousViolations()).toEqual([]);

    (document.getElementById("viabilityRating-amber") as HTMLInputElement).click();
    (document.getElementById("kinds-cashable") as HTMLInputElement).click();
    type("valueLow", "250000");
    type("valueHigh", "1.2m");
    (document.getElementById("add-obstacle") as HTMLButtonElement).click();
    await settle();
    expect(document.activeElement?.id).toBe("obstacles-0-category");
    choose("obstacles-0-category", "funding");
    type("obstacles-0-description", "No budget this year");
    choose("obstacles-0-impact", "4");
    (document.getElementById("recommendation-doNotProgress") as HTMLInputElement).click();
    (document.getElementById("save-evaluation") as HTMLButtonElement).click();
    await settle();

    const sent = backend.saveEvaluation.mock.lastCall;
    expect(sent?.[0]).toBe(42);
    expect(sent?.[1].viability.rating).toBe("amber");
    expect(sent?.[1].benefits).toMatchObject({ kinds: ["cashable"], valueLow: "250000", valueHigh: "1.2m" });
    expect(sent?.[1].obstacles).toEqual([
      { category: "funding", description: "No budget this year", likelihood: "", impact: "4", mitigation: "", owner: "", status: "open" },
    ]);
    expect(sent?.[1].recommendation).toBe("doNotProgress");

    const link = document.querySelector(".govuk-error-summary a");
    expect(link?.getAttribute("href")).toBe("#obstacles-0-likelihood");
    expect(text("#obstacles-0-likelihood-error")).toBe("Error: Select the likelihood of obstacle 1 from 1 to 5");
    expect(document.getElementById("obstacles-0-likelihood")?.getAttribute("aria-describedby")).toBe("obstacles-0-likelihood-error");
    (link as HTMLAnchorElement).click();
    expect(document.activeElement?.id).toBe("obstacles-0-likelihood");
    expect(await seriousViolations()).toEqual([]);

    backend.saveEvaluation.mockResolvedValueOnce(ok({ started: true, evaluation: blankEvaluation(), missing: ["a", "b", "c"] }));
    choose("obstacles-0-likelihood", "3");
    (document.getElementById("save-evaluation") as HTMLButtonElement).click();
    await settle();
    expect(backend.saveEvaluation.mock.lastCall?.[1].obstacles[0].likelihood).toBe("3");
    expect(window.location.hash).toBe("#/ideas/42");
    expect(text(".govuk-notification-banner__heading")).toBe("Evaluation saved: 3 answers still to do");
  });

  it("fills the evaluation form from what was saved, numbers as text", async () => {
    const saved = blankEvaluation();
    saved.benefits.valueLow = 250000;
    saved.benefits.peopleAffected = 12000;
    saved.viability.dataQuality = "poor";
    saved.obstacles.register = [{ category: "skills", description: "Few analysts", likelihood: 2, impact: 3, mitigation: "", owner: "", status: "closed" }];
    backend.evaluation.mockResolvedValue(ok({ started: true, evaluation: saved, missing: [] }));
    await start("#/ideas/42/evaluation");
    expect((document.getElementById("valueLow") as HTMLInputElement).value).toBe("250000");
    expect((document.getElementById("peopleAffected") as HTMLInputElement).value).toBe("12000");
    expect((document.getElementById("dataQuality") as HTMLSelectElement).value).toBe("poor");
    expect((document.getElementById("obstacles-0-impact") as HTMLSelectElement).value).toBe("3");
    expect((document.getElementById("obstacles-0-status") as HTMLSelectElement).value).toBe("closed");
    (document.getElementById("obstacles-0-remove") as HTMLButtonElement).click();
    await settle();
    expect(document.getElementById("obstacles-0-category")).toBeNull();
    expect(document.activeElement?.id).toBe("add-obstacle");
  });

  it("screens an idea, sending links one per line", async () => {
    backend.screenIdea.mockResolvedValueOnce(failure("validation", "Check the screening", [{ field: "eligibility", message: "Select whether the idea is eligible" }]));
    await start("#/ideas/42/screening");
    expect(text("h1")).toBe("Screen DC21-0042");
    (document.getElementById("save-screening") as HTMLButtonElement).click();
    await settle();
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#eligibility");
    (document.querySelector(".govuk-error-summary a") as HTMLAnchorElement).click();
    expect(document.activeElement?.id).toBe("eligibility-eligible");
    expect(await seriousViolations()).toEqual([]);

    backend.screenIdea.mockResolvedValueOnce(
      ok({ eligibility: "eligible", eligibilityReason: "", underWay: "yes", underWayNote: "", underWayLinks: [], screenedBy: "Priya Secretariat", screenedAt: "2021-05-20T10:00:00Z" }),
    );
    (document.getElementById("eligibility-eligible") as HTMLInputElement).click();
    (document.getElementById("underWay-yes") as HTMLInputElement).click();
    type("underWayNote", "HMRC built one");
    type("underWayLinks", " https://a.example \n\nhttps://b.example\n");
    (document.getElementById("save-screening") as HTMLButtonElement).click();
    await settle();
    expect(backend.screenIdea).toHaveBeenLastCalledWith(42, {
      eligibility: "eligible",
      eligibilityReason: "",
      underWay: "yes",
      underWayNote: "HMRC built one",
      underWayLinks: ["https://a.example", "https://b.example"],
    });
    expect(text(".govuk-notification-banner__heading")).toBe("Screening saved");
  });

  it("records a panel decision, asking before going past the target", async () => {
    backend.recordDecision.mockResolvedValueOnce(failure("needsConfirmation", "The shortlist would hold 9 ideas; its target is 8."));
    backend.recordDecision.mockResolvedValueOnce(
      ok({ round: "longlist", kind: "progress", reasons: "Strong", decidedOn: "2021-06-01", recordedBy: "Priya", recordedAt: "2021-06-01T10:00:00Z" }),
    );
    await start("#/ideas/42/decision");
    expect(text("h1")).toBe("Record the panel's decision on DC21-0042");
    (document.getElementById("kind-progress") as HTMLInputElement).click();
    type("reasons", "Strong");
    type("decidedOn-day", "1");
    type("decidedOn-month", "6");
    type("decidedOn-year", "2021");
    (document.getElementById("save-decision") as HTMLButtonElement).click();
    await settle();
    expect(text(".govuk-warning-text")).toContain("its target is 8");
    expect(await seriousViolations()).toEqual([]);
    (document.getElementById("confirm-over-target") as HTMLButtonElement).click();
    await settle();
    expect(backend.recordDecision).toHaveBeenLastCalledWith(42, { kind: "progress", reasons: "Strong", day: "1", month: "6", year: "2021", confirmOverTarget: true });
    expect(window.location.hash).toBe("#/ideas/42");
  });

  it("shows a refused decision and a date error on the first box", async () => {
    backend.recordDecision.mockResolvedValueOnce(failure("validation", "Check", [{ field: "decidedOn", message: "Enter the date the panel met" }]));
    backend.recordDecision.mockResolvedValueOnce(failure("refused", "DC21-0042: a winner must be at the final"));
    await start("#/ideas/42/decision");
    (document.getElementById("save-decision") as HTMLButtonElement).click();
    await settle();
    (document.querySelector(".govuk-error-summary a") as HTMLAnchorElement).click();
    expect(document.activeElement?.id).toBe("decidedOn-day");
    (document.getElementById("save-decision") as HTMLButtonElement).click();
    await settle();
    expect(text(".govuk-error-summary")).toContain("DC21-0042: a winner must be at the final");
  });

  it("changes the rounds, showing a refusal", async () => {
    backend.rounds.mockResolvedValue(
      ok({
        stages: [
          { stage: "submitted", used: true, target: null },
          { stage: "screened", used: true, target: null },
          { stage: "longlist", used: true, target: 40 },
          { stage: "shortlist", used: true, target: 8 },
          { stage: "semiFinal", used: false, target: null },
          { stage: "final", used: true, target: 4 },
          { stage: "winner", used: true, target: 1 },
        ],
      }),
    );
    backend.setRounds.mockResolvedValue(failure("refused", "3 ideas are at Shortlist: move them before switching the round off"));
    await start("#/settings");
    expect(document.getElementById("edit-rounds")?.getAttribute("href")).toBe("#/rounds");
    await go("#/rounds");
    expect((document.getElementById("used-screened") as HTMLInputElement).disabled).toBe(true);
    expect((document.getElementById("target-longlist") as HTMLInputElement).value).toBe("40");
    expect(await seriousViolations()).toEqual([]);
    (document.getElementById("used-shortlist") as HTMLInputElement).click();
    type("target-longlist", "30");
    (document.getElementById("save-rounds") as HTMLButtonElement).click();
    await settle();
    expect(backend.setRounds.mock.lastCall?.[1].stages[2]).toEqual({ stage: "longlist", used: true, target: 30 });
    expect(backend.setRounds.mock.lastCall?.[1].stages[3]).toEqual({ stage: "shortlist", used: false, target: 8 });
    expect(text(".govuk-error-summary")).toContain("3 ideas are at Shortlist");
  });
});

describe("rounds: board and overview", () => {
  it("shows the board's columns with counts, targets, cards and exits", async () => {
    const board: Board = {
      columns: [
        { stage: "longlist", target: 8, count: 5, ideas: [roundRow(1, { evaluated: true, viability: "green", benefits: "red", obstacles: null }), roundRow(2)] },
        { stage: "shortlist", target: null, count: 0, ideas: [] },
      ],
      exits: [
        { stage: "notProgressed", target: null, count: 4, ideas: [] },
        { stage: "withdrawn", target: null, count: 0, ideas: [] },
      ],
    };
    backend.board.mockResolvedValue(ok(board));
    await start("#/board");
    expect(document.getElementById("nav-board")?.getAttribute("aria-current")).toBe("page");
    expect(text("#board [data-stage=longlist] h2")).toBe("Longlist (5 of 8)");
    expect(text("#board [data-stage=shortlist] h2")).toBe("Shortlist (0)");
    const cards = document.querySelectorAll("#board [data-stage=longlist] li");
    expect(cards).toHaveLength(2);
    expect(cards[0].querySelector("a")?.getAttribute("href")).toBe("#/ideas/1");
    expect(cards[0].querySelector(".rag-viability")?.textContent).toBe("Green");
    expect(cards[0].querySelector(".rag-obstacles")?.textContent).toContain("Not rated");
    expect(cards[1].querySelector(".rag")).toBeNull();
    const more = document.querySelector("#board [data-stage=longlist] .app-board__more a");
    expect(more?.textContent).toContain("and 3 more");
    expect(more?.getAttribute("href")).toBe("#/overview?stage=longlist");
    expect(document.querySelector("#board-exits [data-stage=notProgressed] a")?.getAttribute("href")).toBe("#/overview?stage=notProgressed");
    expect(await seriousViolations()).toEqual([]);
  });

  it("moves the selected ideas from the overview, listing each refusal", async () => {
    backend.roundOverview.mockResolvedValue(
      ok([roundRow(1, { evaluated: true, missing: 0, viability: "green", recommendation: "progress" }), roundRow(2, { evaluated: true, missing: 3 }), roundRow(3)]),
    );
    backend.incompleteEvaluations.mockResolvedValue(ok([roundRow(2, { evaluated: true, missing: 3 }), roundRow(3)]));
    backend.moveIdeas.mockResolvedValueOnce(
      failure("refused", "Some ideas cannot move", [{ field: "DC21-0003", message: "DC21-0003 needs a complete evaluation before the shortlist" }]),
    );
    await start("#/overview?stage=longlist");
    expect(backend.roundOverview).toHaveBeenCalledWith(1, "longlist");
    expect(document.getElementById("nav-overview")?.getAttribute("aria-current")).toBe("page");
    expect((document.getElementById("overview-stage") as HTMLSelectElement).value).toBe("longlist");
    expect(text("#overview-table tbody tr:first-child")).toContain("Complete");
    expect(text("#overview-table tbody tr:nth-child(2)")).toContain("3 to do");
    expect(text("#overview-table tbody tr:nth-child(3)")).toContain("Not started");
    expect(text("#incomplete-evaluations")).toContain("DC21-0003: Idea number 3");
    expect(text("#incomplete-evaluations")).toContain("Not started");
    expect(await seriousViolations()).toEqual([]);

    (document.getElementById("select-DC21-0001") as HTMLInputElement).click();
    (document.getElementById("select-DC21-0003") as HTMLInputElement).click();
    const to = document.getElementById("bulk-move-to") as HTMLSelectElement;
    to.value = "shortlist";
    to.dispatchEvent(new Event("change", { bubbles: true }));
    (document.getElementById("bulk-move") as HTMLButtonElement).click();
    await settle();
    expect(backend.moveIdeas).toHaveBeenLastCalledWith({ ideas: [1, 3], to: "shortlist", reason: "", confirmOverTarget: false });
    const link = document.querySelector(".govuk-error-summary a");
    expect(link?.textContent).toBe("DC21-0003 needs a complete evaluation before the shortlist");
    expect(link?.getAttribute("href")).toBe("#select-DC21-0003");
    expect(await seriousViolations()).toEqual([]);

    backend.moveIdeas.mockResolvedValueOnce(failure("needsConfirmation", "The shortlist would hold 10; its target is 8."));
    backend.moveIdeas.mockResolvedValueOnce(ok({ to: "shortlist", moved: ["DC21-0001", "DC21-0002", "DC21-0003"] }));
    (document.getElementById("select-DC21-0002") as HTMLInputElement).click();
    (document.getElementById("bulk-move") as HTMLButtonElement).click();
    await settle();
    expect(backend.moveIdeas).toHaveBeenLastCalledWith({ ideas: [1, 2, 3], to: "shortlist", reason: "", confirmOverTarget: false });
    expect(text(".govuk-warning-text")).toContain("its target is 8");
    const loads = backend.roundOverview.mock.calls.length;
    (document.getElementById("confirm-over-target") as HTMLButtonElement).click();
    await settle();
    expect(backend.moveIdeas).toHaveBeenLastCalledWith({ ideas: [1, 2, 3], to: "shortlist", reason: "", confirmOverTarget: true });
    expect(text(".govuk-notification-banner__heading")).toBe("Moved 3 ideas to Shortlist");
    expect(backend.roundOverview.mock.calls.length).toBe(loads + 1);
    expect((document.getElementById("select-DC21-0001") as HTMLInputElement).checked).toBe(false);
  });

  it("asks for the stage before a bulk move, with the error beside the stage box", async () => {
    backend.roundOverview.mockResolvedValue(ok([roundRow(1)]));
    backend.incompleteEvaluations.mockResolvedValue(ok([]));
    await start("#/overview?stage=longlist");
    expect(document.querySelector('label[for="bulk-move-to"]')?.textContent).toBe("Move selected ideas to");
    const reason = document.getElementById("bulk-reason") as HTMLTextAreaElement;
    expect(reason.getAttribute("aria-describedby")).toBe("bulk-reason-hint");
    expect(reason.closest(".govuk-form-group")?.className).toContain("app-bulk-move__reason");
    (document.getElementById("select-DC21-0001") as HTMLInputElement).click();
    (document.getElementById("bulk-move") as HTMLButtonElement).click();
    await settle();
    expect(backend.moveIdeas).not.toHaveBeenCalled();
    const to = document.getElementById("bulk-move-to") as HTMLSelectElement;
    expect(to.getAttribute("aria-describedby")).toBe("bulk-move-to-error");
    expect(to.classList.contains("govuk-select--error")).toBe(true);
    expect(text("#bulk-move-to-error")).toBe("Error: Select the stage to move the ideas to");
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#bulk-move-to");
    expect(await seriousViolations()).toEqual([]);
  });

  it("changes the overview's stage through the address", async () => {
    backend.roundOverview.mockResolvedValue(ok([]));
    backend.incompleteEvaluations.mockResolvedValue(ok([]));
    await start("#/overview?stage=longlist");
    const select = document.getElementById("overview-stage") as HTMLSelectElement;
    select.value = "";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(window.location.hash).toBe("#/overview?stage=");
    expect(backend.roundOverview).toHaveBeenLastCalledWith(1, null);
    expect(text("#overview-empty")).toBe("No ideas yet.");
  });
});
