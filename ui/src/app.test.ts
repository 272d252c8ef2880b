// @vitest-environment jsdom
// The whole UI against a fake backend: start-up branches, the screens' hooks that end-to-end
// tests rely on, the error pattern, and axe-core's serious/critical checks on each screen.
import axe from "axe-core";
import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppInfo, Challenge, Idea, IdeaSummary } from "./bindings";

const backend = vi.hoisted(() => ({
  appInfo: vi.fn(),
  listChallenges: vi.fn(),
  createChallenge: vi.fn(),
  listIdeas: vi.fn(),
  getIdea: vi.fn(),
  createIdea: vi.fn(),
  updateIdea: vi.fn(),
}));
vi.mock("./bindings", () => ({ commands: backend }));

import App from "./App.svelte";

const info: AppInfo = {
  version: "0.1.0",
  dataDir: "/home/analyst/.local/share/shortlist",
  databasePath: "/home/analyst/.local/share/shortlist/shortlist.sqlite3",
  dataDirSource: "default",
  problem: null,
};

const challenge: Challenge = {
  id: 1,
  name: "Civil Service Data Challenge",
  year: 2021,
  closingDate: "2021-05-14",
  marking: "OFFICIAL-SENSITIVE",
  referencePrefix: "DC21",
  createdAt: "2021-03-01T09:00:00Z",
};

const idea: Idea = {
  id: 42,
  challengeId: 1,
  reference: "DC21-0042",
  title: "Link school and health records",
  summary: "First paragraph.\n\nSecond paragraph,\nwith a line break.",
  submitterName: "Sam Analyst",
  department: "Department for Education",
  createdAt: "2021-05-01T10:00:00Z",
  updatedAt: "2021-05-14T12:00:00Z",
};

const summary = (i: Idea): IdeaSummary => ({
  id: i.id,
  reference: i.reference,
  title: i.title,
  submitterName: i.submitterName,
  department: i.department,
  updatedAt: i.updatedAt,
});

const ok = <T>(data: T) => ({ status: "ok" as const, data });

let app: ReturnType<typeof mount> | null = null;

async function settle() {
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

async function start(hash = "#/ideas") {
  window.location.hash = hash;
  await settle();
  app = mount(App, { target: document.getElementById("app")! });
  await settle();
}

async function go(hash: string) {
  window.location.hash = hash;
  await settle();
}

async function seriousViolations() {
  // Colour contrast needs real layout and CSS, which jsdom lacks: checked on screenshots instead.
  const results = await axe.run(document, { resultTypes: ["violations"], rules: { "color-contrast": { enabled: false } } });
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(", ")}`);
}

const text = (selector: string) => document.querySelector(selector)?.textContent?.replace(/\s+/g, " ").trim();

function type(id: string, value: string) {
  const input = document.getElementById(id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
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
  for (const fn of Object.values(backend)) fn.mockReset();
  backend.appInfo.mockResolvedValue(info);
  backend.listChallenges.mockResolvedValue(ok([challenge]));
  backend.listIdeas.mockResolvedValue(ok([summary(idea)]));
  backend.getIdea.mockResolvedValue(ok(idea));
});

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

describe("screens", () => {
  it("lists ideas with the marking at top and bottom", async () => {
    await start("#/ideas");
    expect(text("h1")).toBe("Ideas");
    expect(text("#ideas-count")).toBe("1 idea");
    expect(document.title).toBe("Ideas – Shortlist");
    const link = document.querySelector('#ideas-table a[data-reference="DC21-0042"]');
    expect(link?.getAttribute("href")).toBe("#/ideas/42");
    expect(text("#ideas-table tbody tr td:last-child")).toBe("14 May 2021");
    const markings = [...document.querySelectorAll(".app-marking")].map((m) => m.textContent?.trim());
    expect(markings).toEqual(["OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"]);
    expect(backend.listIdeas).toHaveBeenCalledWith(1);
    expect(await seriousViolations()).toEqual([]);
  });

  it("shows an empty list with a way to add the first idea", async () => {
    backend.listIdeas.mockResolvedValue(ok([]));
    await start("#/ideas");
    expect(document.getElementById("ideas-table")).toBeNull();
    expect(text("main a.govuk-button")).toBe("Add an idea");
  });

  it("shows an idea with its paragraphs", async () => {
    await start("#/ideas/42");
    expect(text("#idea-title")).toBe(idea.title);
    expect(text(".govuk-caption-l")).toBe("DC21-0042");
    const paras = [...document.querySelectorAll("#idea-summary p")].map((p) => p.textContent);
    expect(paras).toEqual(["First paragraph.", "Second paragraph,\nwith a line break."]);
    expect(document.querySelector('a[href="#/ideas/42/edit"]')?.textContent).toBe("Edit this idea");
    expect(await seriousViolations()).toEqual([]);
  });

  it("says plainly when an idea does not exist, without JSON", async () => {
    backend.getIdea.mockResolvedValue({ status: "error", error: { code: "notFound", message: "There is no idea 9.", fields: [] } });
    await start("#/ideas/9");
    expect(text("h1")).toBe("Idea not found");
    expect(text("main")).toContain("There is no idea 9.");
    expect(text("main")).not.toContain("{");
  });

  it("adds an idea and shows it with a success banner", async () => {
    backend.createIdea.mockResolvedValue(ok({ ...idea, id: 5, reference: "DC21-0005" }));
    await start("#/ideas/new");
    expect(text("h1")).toBe("Add an idea");
    expect(await seriousViolations()).toEqual([]);
    type("title", "A new idea");
    type("summary", "Why it matters");
    type("submitterName", "Sam");
    type("department", "ONS");
    press("Save idea");
    await settle();
    expect(backend.createIdea).toHaveBeenCalledWith(1, {
      title: "A new idea",
      summary: "Why it matters",
      submitterName: "Sam",
      department: "ONS",
    });
    expect(window.location.hash).toBe("#/ideas/5");
    expect(text(".govuk-notification-banner--success")).toContain("Idea DC21-0005 saved");
    expect(await seriousViolations()).toEqual([]);
  });

  it("edits an idea, showing the backend's field messages beside the fields", async () => {
    backend.updateIdea.mockResolvedValue({
      status: "error",
      error: { code: "validation", message: "Check the idea", fields: [{ field: "title", message: "Enter a title" }] },
    });
    await start("#/ideas/42/edit");
    expect((document.getElementById("title") as HTMLInputElement).value).toBe(idea.title);
    type("title", "");
    press("Save changes");
    await settle();
    expect(backend.updateIdea).toHaveBeenCalledWith(42, expect.objectContaining({ title: "" }));
    expect(document.getElementById("title")!.classList).toContain("govuk-input--error");
    expect(document.getElementById("title")!.getAttribute("aria-describedby")).toBe("title-error");
    expect(text("#title-error")).toBe("Error: Enter a title");
    expect(document.title).toBe("Error: Edit this idea – Shortlist");
    expect(await seriousViolations()).toEqual([]);
  });

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
    expect(backend.listIdeas).toHaveBeenLastCalledWith(2);
  });

  it("treats an unknown address as a missing page", async () => {
    await start("#/nowhere");
    expect(text("h1")).toBe("Page not found");
    await go("#/ideas");
    expect(text("h1")).toBe("Ideas");
  });
});
