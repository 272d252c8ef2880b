// @vitest-environment jsdom
// The packs page against a fake backend: the preview line, the request it sends, where the pack
// is saved, the error pattern, the idea page's link in, and axe-core on each state.
import { unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { click, failure, type MountedApp, ok, openApp, seriousViolations, settle, text, type } from "./testing";
import { backend, resetBackend } from "./testing/backend";
import type { PackPreview, PackSummary, SearchResults } from "./bindings";
import { fileSize, meetingDate, previewText, savedMessage } from "./lib/packs";
import { parseHash, href } from "./lib/router";

vi.mock("./bindings", async () => ({ commands: (await import("./testing/backend")).backend }));

const dialogs = vi.hoisted(() => ({ chooseImportFile: vi.fn(), chooseExportPath: vi.fn(), choosePackPath: vi.fn() }));
vi.mock("./lib/dialogs", () => dialogs);

import App from "./App.svelte";

const panelPreview: PackPreview = {
  title: "Civil Service Data Challenge – Shortlist panel briefing pack",
  pages: 28,
  ideas: 8,
  fileName: "DC21 shortlist panel pack.pdf",
};


function found(reference: string, id: number): SearchResults {
  return {
    total: 1,
    page: 1,
    pageSize: 50,
    hits: [
      {
        idea: {
          id,
          reference,
          title: "Link school and health records",
          submitterName: "Sam Analyst",
          department: "Department for Education",
          stage: "shortlist",
          submittedOn: "2021-05-14",
          updatedAt: "2021-05-14T12:00:00Z",
        },
        snippet: [],
      },
    ],
    facets: { stages: [], departments: [], themes: [], tags: [], professions: [], grades: [], regions: [] },
  };
}

let app: MountedApp | null = null;


/** Longer than the page's pause before it asks for a preview (250 ms). */
async function afterPreviewPause() {
  await new Promise((resolve) => setTimeout(resolve, 320));
  await settle();
}

async function start(hash = "#/packs") {
  app = await openApp(App, hash);
}





beforeEach(() => {
  document.documentElement.lang = "en-GB";
  document.head.innerHTML = "<title>Shortlist</title>";
  document.body.innerHTML = '<div id="app"></div>';
  window.localStorage.clear();
  window.scrollTo = vi.fn() as unknown as typeof window.scrollTo;
  resetBackend();
  for (const fn of Object.values(dialogs)) fn.mockReset();
  backend.previewPack.mockResolvedValue(ok(panelPreview));
  backend.listJudges.mockResolvedValue(ok([]));
});

afterEach(() => {
  if (app) unmount(app);
  app = null;
});

describe("the packs page", () => {
  it("is in the navigation, and previews the shortlist's panel pack by default", async () => {
    await start();
    const nav = document.getElementById("nav-packs") as HTMLAnchorElement;
    expect(nav.getAttribute("href")).toBe("#/packs");
    expect(nav.getAttribute("aria-current")).toBe("page");
    expect((document.getElementById("pack-kind-panel") as HTMLInputElement).checked).toBe(true);
    expect((document.getElementById("pack-round") as HTMLSelectElement).value).toBe("shortlist");
    expect((document.getElementById("pack-version") as HTMLInputElement).value).toBe("Version 1");
    await afterPreviewPause();
    expect(text("#pack-preview")).toBe("This pack will be 28 pages: 8 ideas");
    expect(backend.previewPack).toHaveBeenLastCalledWith({
      challengeId: 1,
      kind: "panel",
      round: "shortlist",
      idea: null,
      judge: null,
      meetingDate: null,
      version: "Version 1",
      blind: false,
    });
    expect(await seriousViolations()).toEqual([]);
  });

  it("asks once after a pause in typing, not on every key, and shows the newest answer", async () => {
    await start();
    await afterPreviewPause();
    backend.previewPack.mockClear();
    for (const v of ["V", "Ve", "Ver", "Version 2"]) {
      type("pack-version", v);
      await settle();
    }
    expect(backend.previewPack).not.toHaveBeenCalled();
    backend.previewPack.mockResolvedValue(ok({ ...panelPreview, pages: 29 }));
    await afterPreviewPause();
    expect(backend.previewPack).toHaveBeenCalledTimes(1);
    expect(backend.previewPack.mock.lastCall?.[0].version).toBe("Version 2");
    expect(text("#pack-preview")).toBe("This pack will be 29 pages: 8 ideas");
  });

  it("says why there is no preview when the round has no ideas", async () => {
    backend.previewPack.mockResolvedValue(
      failure("validation", "Check the pack", [{ field: "round", message: "No ideas are at Final yet, so there is nothing to put in the pack" }]),
    );
    await start();
    await afterPreviewPause();
    expect(text("#pack-preview")).toBe("No ideas are at Final yet, so there is nothing to put in the pack");
  });

  it("makes the pack with the options chosen, saving where the dialog says, and says what it saved", async () => {
    dialogs.choosePackPath.mockResolvedValue("/home/priya/DC21 shortlist panel pack.pdf");
    let finish!: (value: ReturnType<typeof ok<PackSummary>>) => void;
    backend.writePack.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    await start();
    type("meetingDate-day", "14");
    type("meetingDate-month", "9");
    type("meetingDate-year", "2021");
    type("pack-version", "Final");
    click("pack-blind");
    await afterPreviewPause();
    click("pack-path-choose");
    await settle();
    expect(dialogs.choosePackPath).toHaveBeenCalledWith("DC21 shortlist panel pack.pdf");
    expect((document.getElementById("pack-path") as HTMLInputElement).value).toBe("/home/priya/DC21 shortlist panel pack.pdf");
    click("make-pack");
    await settle();
    expect((document.getElementById("make-pack") as HTMLButtonElement).disabled).toBe(true);
    expect(text("#pack-status")).toBe("Making the pack…");
    expect(backend.writePack).toHaveBeenCalledWith(
      { challengeId: 1, kind: "panel", round: "shortlist", idea: null, judge: null, meetingDate: "2021-09-14", version: "Final", blind: true },
      "/home/priya/DC21 shortlist panel pack.pdf",
    );
    finish(ok({ path: "/home/priya/DC21 shortlist panel pack.pdf", pages: 28, bytes: 103_456 }));
    await settle();
    expect(text("#pack-done .govuk-notification-banner__heading")).toBe("Saved DC21 shortlist panel pack.pdf (28 pages, 103 KB)");
    expect(text("#pack-done-path")).toBe("/home/priya/DC21 shortlist panel pack.pdf");
    expect((document.getElementById("make-pack") as HTMLButtonElement).disabled).toBe(false);
    expect(text("#pack-status")).toBe("");
    expect(await seriousViolations()).toEqual([]);
  });

  it("shows the backend's field errors in the error summary, beside the field", async () => {
    backend.writePack.mockResolvedValue(
      failure("validation", "Check the pack", [{ field: "version", message: "The version must be 60 characters or fewer" }]),
    );
    await start();
    type("pack-version", "x".repeat(61));
    type("pack-path", "/tmp/pack.pdf");
    click("make-pack");
    await settle();
    expect(text(".govuk-error-summary")).toContain("The version must be 60 characters or fewer");
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#pack-version");
    expect(text("#pack-version-error")).toBe("Error: The version must be 60 characters or fewer");
    expect(document.title).toBe("Error: Make a pack – Shortlist");
    expect(document.getElementById("pack-done")).toBeNull();
    expect(await seriousViolations()).toEqual([]);
  });

  it("checks the path and the meeting date before sending anything", async () => {
    await start();
    type("meetingDate-day", "31");
    type("meetingDate-month", "2");
    type("meetingDate-year", "2021");
    click("make-pack");
    await settle();
    expect(backend.writePack).not.toHaveBeenCalled();
    const links = [...document.querySelectorAll(".govuk-error-summary a")].map((a) => a.getAttribute("href"));
    expect(links).toEqual(["#meetingDate", "#pack-path"]);
    expect(text("#meetingDate-error")).toContain("The meeting date must be a real date");
    expect(text("#pack-path-error")).toContain("Choose where to save the pack");
    expect(await seriousViolations()).toEqual([]);
  });

  it("opens prefilled for a one-page summary from the idea page's link, finding the idea by its reference", async () => {
    backend.searchIdeas.mockResolvedValue(ok(found("DC21-0042", 42)));
    backend.previewPack.mockResolvedValue(ok({ title: "DC21-0042", pages: 1, ideas: 1, fileName: "DC21-0042 one-page summary.pdf" }));
    await start(href({ name: "packs", kind: "onePage", idea: "DC21-0042" }));
    expect((document.getElementById("pack-kind-onePage") as HTMLInputElement).checked).toBe(true);
    expect((document.getElementById("pack-idea") as HTMLInputElement).value).toBe("DC21-0042");
    expect(document.getElementById("pack-round")).toBeNull();
    await afterPreviewPause();
    expect(backend.previewPack.mock.lastCall?.[0]).toMatchObject({ kind: "onePage", idea: 42, round: null });
    expect(text("#pack-preview")).toBe("This pack will be 1 page: 1 idea");
    expect(await seriousViolations()).toEqual([]);
  });

  it("says when no idea has the reference typed", async () => {
    backend.searchIdeas.mockResolvedValue(ok({ ...found("DC21-0042", 42), hits: [], total: 0 }));
    await start("#/packs?kind=onePage");
    type("pack-idea", "dc21-9999");
    type("pack-path", "/tmp/x.pdf");
    await afterPreviewPause();
    expect(text("#pack-preview")).toBe("No idea in this challenge has the reference DC21-9999. Check the reference");
    click("make-pack");
    await settle();
    expect(backend.writePack).not.toHaveBeenCalled();
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#pack-idea");
  });
});

describe("the judge's pack", () => {
  it("asks for the judge and sends the one chosen", async () => {
    backend.listJudges.mockResolvedValue(
      ok([{ id: 3, challengeId: 1, name: "Priya Raman", role: "Chief Data Officer", organisation: "ONS" }]),
    );
    await start();
    click("pack-kind-judge");
    await settle();
    const select = document.getElementById("pack-judge") as HTMLSelectElement;
    expect(select).not.toBeNull();
    expect(text("label[for=pack-judge]")).toBe("Judge");
    select.value = "3";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    await afterPreviewPause();
    expect(backend.previewPack).toHaveBeenLastCalledWith(
      expect.objectContaining({ kind: "judge", round: "shortlist", judge: 3, idea: null }),
    );
    expect(await seriousViolations()).toEqual([]);
  });
});

describe("pack words and routes", () => {
  it("round-trips the prefill through the hash", () => {
    expect(parseHash("#/packs?kind=onePage&idea=DC21-0042")).toEqual({ name: "packs", kind: "onePage", idea: "DC21-0042" });
    expect(parseHash("#/packs?kind=other")).toEqual({ name: "packs" });
    expect(href({ name: "packs" })).toBe("#/packs");
  });

  it("reads the meeting date boxes", () => {
    expect(meetingDate({ day: "", month: "", year: "" })).toEqual({ date: null });
    expect(meetingDate({ day: "4", month: "9", year: "2021" })).toEqual({ date: "2021-09-04" });
    expect(meetingDate({ day: "4", month: "", year: "2021" })).toEqual({ error: "The meeting date must include a month" });
    expect(meetingDate({ day: "29", month: "2", year: "2021" })).toHaveProperty("error");
  });

  it("words the preview and the saved message", () => {
    expect(previewText({ ...panelPreview, pages: 1, ideas: 1 })).toBe("This pack will be 1 page: 1 idea");
    expect(fileSize(2_400_000)).toBe("2.4 MB");
    expect(savedMessage({ path: "C:\\Packs\\DC21 shortlist panel pack.pdf", pages: 28, bytes: 103_000 })).toBe(
      "Saved DC21 shortlist panel pack.pdf (28 pages, 103 KB)",
    );
  });
});
