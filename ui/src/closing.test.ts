// @vitest-environment jsdom
// The "Close the challenge" page against a fake backend: the participation report as charts and
// tables (withheld counts never drawn), the letters' pre-flight list and preview, what each
// action sends, errors beside their boxes, and axe-core on each state.
import { unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { choose, click, failure, type MountedApp, ok, openApp, seriousViolations, settle, text, type } from "./testing";
import { backend, resetBackend } from "./testing/backend";
import type { ClosingSettings, LettersPreview, ParticipationView } from "./bindings";
import { bars, figureText, shareText } from "./lib/closing";

vi.mock("./bindings", async () => ({ commands: (await import("./testing/backend")).backend }));

const dialogs = vi.hoisted(() => ({ chooseFolder: vi.fn(), chooseReportPath: vi.fn() }));
vi.mock("./lib/dialogs", () => dialogs);

import App from "./App.svelte";

const shown = (count: number) => ({ kind: "shown" as const, count });
const small = { kind: "withheld" as const, why: "small" as const };

const view: ParticipationView = {
  suppressedAny: true,
  report: {
    threshold: 5,
    total: shown(40),
    stages: ["screened", "longlist"],
    byStage: [
      { stage: "screened", count: shown(30), share: 0.75 },
      { stage: "longlist", count: shown(10), share: 0.25 },
    ],
    tables: [
      {
        dimension: "department",
        rows: [
          { category: "Office for National Statistics", byStage: [shown(20), shown(8)], total: shown(28), share: 0.7 },
          { category: "Cabinet Office", byStage: [shown(9), small], total: shown(11), share: 0.275 },
          { category: "Tiny Agency", byStage: [small, small], total: small, share: null },
        ],
      },
      { dimension: "grade", rows: [{ category: "Grade 7", byStage: [shown(30), shown(10)], total: shown(40), share: 1 }] },
    ],
  },
};

const settings: ClosingSettings = {
  challengeId: 1,
  threshold: 5,
  sender: "The challenge secretariat",
  fromName: "The challenge secretariat",
  fromEmail: "",
  feedbackFromReasons: true,
  templates: [
    { outcome: "ineligible", label: "Ineligible", subject: "Your idea", body: "Dear {{name}}" },
    { outcome: "notProgressed", label: "Not progressed", subject: "Your idea", body: "Dear {{name}},\n\n{{feedback}}" },
    { outcome: "progressed", label: "Progressed", subject: "Your idea", body: "Dear {{name}}" },
    { outcome: "winner", label: "Winner", subject: "Congratulations", body: "Dear {{name}}" },
  ],
  mergeFields: [
    { placeholder: "{{name}}", meaning: "the recipient's name" },
    { placeholder: "{{feedback}}", meaning: "feedback" },
  ],
};

const letters: LettersPreview = {
  ideas: 2,
  draftable: 1,
  fromEmailMissing: true,
  plan: {
    letters: [
      {
        reference: "DC21-0001",
        outcome: "notProgressed",
        recipient: { name: "Siân Llŷr", email: "sian.llyr@gov.wales", lead: true },
        subject: "Your idea for the Data Challenge: DC21-0001",
        body: "Dear Siân Llŷr,\n\nThe panel preferred ideas with data already shared.\n\nYours sincerely,\n\nThe challenge secretariat",
        fileStem: "DC21-0001-sian-llyr",
      },
      {
        reference: "DC21-0002",
        outcome: "winner",
        recipient: { name: "Raj Patel", email: "", lead: true },
        subject: "Congratulations",
        body: "Dear Raj Patel,\n\nYou won.",
        fileStem: "DC21-0002-raj-patel",
      },
    ],
    problems: [],
  },
  problems: [
    { reference: "DC21-0002", name: "Raj Patel", message: "No email address, so no email draft", blocksLetter: false, needsFeedback: false },
    { reference: "DC21-0003", name: "Ann Lee", message: "The letter needs feedback and none is recorded", blocksLetter: true, needsFeedback: true },
  ],
};

let app: MountedApp | null = null;

/** A table's body rows, each as its cells' text joined by spaces. */
function rowsOf(selector: string): string[] {
  return [...document.querySelectorAll(`${selector} tbody tr`)].map((r) =>
    [...r.querySelectorAll("th, td")].map((c) => c.textContent?.replace(/\s+/g, " ").trim()).join(" "),
  );
}

async function start() {
  app = await openApp(App, "#/closing");
}

beforeEach(() => {
  document.documentElement.lang = "en-GB";
  document.head.innerHTML = "<title>Shortlist</title>";
  document.body.innerHTML = '<div id="app"></div>';
  window.localStorage.clear();
  window.scrollTo = vi.fn() as unknown as typeof window.scrollTo;
  resetBackend();
  for (const fn of Object.values(dialogs)) fn.mockReset();
  backend.participationReport.mockResolvedValue(ok(view));
  backend.closingSettings.mockResolvedValue(ok(settings));
  backend.previewLetters.mockResolvedValue(ok(letters));
});

afterEach(() => {
  if (app) unmount(app);
  app = null;
});

describe("the report's figures", () => {
  it("draws only the figures that may be shown, scaled to the largest", () => {
    // A withheld count drawn as an empty bar would read as "none": it is left out instead.
    expect(bars([{ label: "A", figure: shown(20) }, { label: "B", figure: small }, { label: "C", figure: shown(5) }])).toEqual([
      { label: "A", value: 20, width: 100 },
      { label: "C", value: 5, width: 25 },
    ]);
    expect(bars([{ label: "A", figure: shown(5) }], 20)).toEqual([{ label: "A", value: 5, width: 25 }]);
    expect(figureText(small)).toBe("[c]");
    expect(shareText(null)).toBe("[c]");
    expect(shareText(0.275)).toBe("27.5%");
  });
});

describe("the outcomes page", () => {
  it("is in the navigation, and shows the report as charts with every figure in a table", async () => {
    await start();
    const nav = document.getElementById("nav-closing") as HTMLAnchorElement;
    expect(nav.getAttribute("href")).toBe("#/closing");
    expect(nav.getAttribute("aria-current")).toBe("page");
    expect(nav.textContent?.trim()).toBe("Outcomes");
    expect(document.title).toBe("Outcomes – Shortlist");
    expect(rowsOf("#table-stages")).toEqual(["Screened 30 75.0%", "Longlist 10 25.0%"]);
    expect(rowsOf("#table-dimension")).toEqual([
      "Office for National Statistics 20 8 28 70.0%",
      "Cabinet Office 9 [c] 11 27.5%",
      "Tiny Agency [c] [c] [c] [c]",
    ]);
    // The charts repeat the table for sighted readers; screen readers get the table alone.
    const chartLabels = [...document.querySelectorAll(".app-bars")][1].querySelectorAll(".app-bars__label");
    expect([...chartLabels].map((l) => l.textContent)).toEqual(["Office for National Statistics", "Cabinet Office"]);
    expect(document.querySelector(".app-bars")?.getAttribute("aria-hidden")).toBe("true");
    expect(document.body.textContent).toContain("Counts of fewer than 5 are shown as [c]");
    expect(await seriousViolations()).toEqual([]);

    choose("closing-dimension", "grade");
    await settle();
    expect(rowsOf("#table-dimension")).toEqual(["Grade 7 30 10 40 100.0%"]);
  });

  it("saves the report where the dialog says, and says what it saved", async () => {
    dialogs.chooseReportPath.mockResolvedValue("/home/priya/DC21 participation report.pdf");
    backend.writeParticipationReport.mockResolvedValue(ok({ path: "/home/priya/DC21 participation report.pdf", pages: 9, bytes: 64_000 }));
    await start();
    click("closing-file-choose");
    await settle();
    expect(dialogs.chooseReportPath).toHaveBeenCalledWith("DC21 participation report.pdf");
    click("save-report");
    await settle();
    expect(backend.writeParticipationReport).toHaveBeenCalledWith(1, "/home/priya/DC21 participation report.pdf");
    expect(text("#closing-done")).toContain("Saved the report (9 pages) to /home/priya/DC21 participation report.pdf");
  });

  it("lists the letters that cannot be made before anything is written, and previews a letter", async () => {
    await start();
    expect(text("#letters-summary")).toBe("2 letters for 2 ideas: 1 can also go as email drafts.");
    const problems = rowsOf("#letters-problems");
    expect(problems[0]).toBe("DC21-0002 Raj Patel Letter only, no email draft. No email address, so no email draft");
    expect(problems[1]).toContain("No letter. The letter needs feedback and none is recorded");
    // The select names the letter shown, the first until another is chosen.
    expect((document.getElementById("closing-preview") as HTMLSelectElement).value).toBe("DC21-0001-sian-llyr");
    expect(text("#letter-preview")).toContain("To: Siân Llŷr <sian.llyr@gov.wales>");
    expect(text("#letter-preview")).toContain("The panel preferred ideas with data already shared.");
    choose("closing-preview", "DC21-0002-raj-patel");
    await settle();
    expect(text("#letter-preview")).toContain("You won.");
    expect(await seriousViolations()).toEqual([]);
  });

  it("writes the letters to the folder chosen, as asked, and refuses without a folder", async () => {
    backend.writeLetters.mockResolvedValue(ok({ folder: "/home/priya/letters", letters: 2, pdfFiles: 1, drafts: 1, problems: 2 }));
    await start();
    click("write-letters");
    await settle();
    expect(backend.writeLetters).not.toHaveBeenCalled();
    expect(text("#closing-folder-error")).toBe("Error: Choose the folder to write the letters in");

    type("closing-folder", "/home/priya/letters");
    click("closing-combined");
    click("write-letters");
    await settle();
    expect(backend.writeLetters).toHaveBeenCalledWith({ challengeId: 1, folder: "/home/priya/letters", combined: true, drafts: true });
    expect(text("#closing-done")).toContain("Wrote 2 letters (1 PDF file and 1 email draft) to /home/priya/letters. Nothing was sent");
  });

  it("saves the templates and shows a template's problem beside that letter", async () => {
    backend.saveClosingSettings.mockResolvedValue(
      failure("validation", "Check the settings", [
        { field: "template-winner", message: "The Winner letter's body uses {{first_name}}, which is not a merge field." },
      ]),
    );
    await start();
    type("closing-template-winner-body", "Dear {{first_name}}");
    type("closing-fromEmail", "datachallenge@cabinetoffice.gov.uk");
    click("save-settings");
    await settle();
    const sent = backend.saveClosingSettings.mock.lastCall?.[0];
    expect(sent?.fromEmail).toBe("datachallenge@cabinetoffice.gov.uk");
    expect(sent?.threshold).toBe("5");
    expect(sent?.templates.find((t) => t.outcome === "winner")?.body).toBe("Dear {{first_name}}");
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#closing-template-winner");
    expect(text("#closing-template-winner .govuk-error-message")).toContain("{{first_name}}, which is not a merge field");
    expect(await seriousViolations()).toEqual([]);
  });

  it("finds an idea's feedback by reference and saves it", async () => {
    backend.searchIdeas.mockResolvedValue(
      ok({
        total: 1,
        page: 1,
        pageSize: 50,
        hits: [
          {
            idea: {
              id: 3,
              reference: "DC21-0003",
              title: "Link records",
              submitterName: "Ann Lee",
              department: "ONS",
              stage: "notProgressed",
              submittedOn: "2021-05-14",
              updatedAt: "2021-05-14T12:00:00Z",
            },
            snippet: [],
          },
        ],
        facets: { stages: [], departments: [], themes: [], tags: [], professions: [], grades: [], regions: [] },
      }),
    );
    backend.ideaFeedback.mockResolvedValue(ok(""));
    backend.saveIdeaFeedback.mockResolvedValue(ok("Try again next year."));
    await start();
    type("closing-feedbackReference", "dc21-0003");
    click("find-feedback");
    await settle();
    expect(backend.ideaFeedback).toHaveBeenCalledWith(3);
    type("closing-feedback", "Try again next year.");
    click("save-feedback");
    await settle();
    expect(backend.saveIdeaFeedback).toHaveBeenCalledWith(3, "Try again next year.");
    expect(text("#closing-done")).toContain("Saved the feedback for DC21-0003");
  });

  it("exports the longlist to the folder typed", async () => {
    backend.writeLonglist.mockResolvedValue(ok({ folder: "/tmp/site", ideas: 24, files: 27, namesPublished: 16, namesWithheld: 8 }));
    await start();
    type("closing-longlistFolder", "/tmp/site");
    click("write-longlist");
    await settle();
    expect(backend.writeLonglist).toHaveBeenCalledWith(1, "/tmp/site");
    expect(text("#closing-done")).toContain("Wrote the longlist of 24 ideas to /tmp/site: 16 names published with consent, 8 names left out");
  });
});
