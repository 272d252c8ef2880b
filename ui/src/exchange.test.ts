// @vitest-environment jsdom
// The offline exchange's two pages against a fake backend. The secretariat's: the panel's
// state, enrolling a key, making bundles, taking in returns (the summary with receipts, one
// refused file among them) and settling a conflict. The judge's: reachable on first run,
// opening a sealed bundle (the passphrase problem shown on its field), the judge's navigation,
// and saving a return with the receipt to expect. axe-core on each.
import { unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { choose, click, failure, type MountedApp, ok, openApp, seriousViolations, settle, text, type } from "./testing";
import { backend, challenge, resetBackend } from "./testing/backend";
import type { ExchangeStatus, JudgeRound, ReturnImported } from "./lib/api";
import { importTotals, parsePaths, reportText } from "./lib/exchange";
import { handedDestination } from "./lib/handed";

vi.mock("./bindings", async () => ({ commands: (await import("./testing/backend")).backend }));

const dialogs = vi.hoisted(() => ({
  chooseImportFile: vi.fn(),
  chooseExportPath: vi.fn(),
  choosePackPath: vi.fn(),
  chooseExchangeFiles: vi.fn(),
  chooseFolder: vi.fn(),
  chooseExchangeSavePath: vi.fn(),
}));
vi.mock("./lib/dialogs", () => dialogs);

import App from "./App.svelte";

const status: ExchangeStatus = {
  fingerprint: "K7QF-2M9D-XB4T-P8WA",
  hasRubric: true,
  judges: [
    {
      judge: 3,
      name: "Dame Alison Reed",
      fingerprint: "AAAA-BBBB-CCCC-DDDD",
      enrolledAt: "2021-09-01T09:00:00Z",
      bundleSentAt: "2021-09-02T09:00:00Z",
      bundleIdeas: 8,
      returns: 1,
      latestReturn: 1,
      latestImportedAt: "2021-09-10T09:00:00Z",
      latestReceipt: "QX3M-7HTA",
    },
    {
      judge: 4,
      name: "Sir Tom Hale",
      fingerprint: null,
      enrolledAt: null,
      bundleSentAt: null,
      bundleIdeas: null,
      returns: 0,
      latestReturn: null,
      latestImportedAt: null,
      latestReceipt: null,
    },
  ],
  conflicts: [
    {
      id: 9,
      judge: "Dame Alison Reed",
      idea: 12,
      reference: "DC21-0012",
      title: "Link school and health records",
      criterion: "viability",
      criterionLabel: "Viability",
      theirScore: 3,
      theirComment: "",
      theirRevision: 2,
      ourScore: 4,
      ourComment: "From the paper sheet",
      recordedAt: "2021-09-10T09:00:00Z",
    },
  ],
};

const reports: ReturnImported[] = [
  {
    file: "DC21 Shortlist scores from Dame Alison Reed.shortlist",
    judge: "Dame Alison Reed",
    sequence: 2,
    accepted: 12,
    unchanged: 27,
    conflicts: 1,
    receipt: "M4TR-9KQX",
    receiptSummary: "12 accepted, 27 unchanged, 1 conflict",
    alreadyImported: false,
    choicesAccepted: 0,
    choiceConflicts: [],
    note: null,
    refused: null,
  },
  {
    file: "stray.shortlist",
    judge: null,
    sequence: 1,
    accepted: 0,
    unchanged: 0,
    conflicts: 0,
    receipt: null,
    receiptSummary: null,
    alreadyImported: false,
    choicesAccepted: 0,
    choiceConflicts: [],
    note: null,
    refused: "The file has been changed or damaged since it was signed: its signature does not match its contents. Ask the sender to send it again.",
  },
];

const judgeRound: JudgeRound = {
  stage: "shortlist",
  judge: 1,
  judgeName: "Dame Alison Reed",
  madeBy: "Priya Shah",
  senderFingerprint: "K7QF-2M9D-XB4T-P8WA",
  signedAt: "2021-09-02T09:00:00Z",
  openedAt: "2021-09-02T18:00:00Z",
  ideas: 8,
  submitted: 3,
  method: "scores",
  pairs: 0,
  compared: 0,
  returns: [],
};


let app: MountedApp | null = null;


async function start(hash: string) {
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
  backend.exchangeStatus.mockResolvedValue(ok(status));
  backend.identity.mockResolvedValue(ok({ publicKey: "x", fingerprint: "ZZZZ-YYYY-XXXX-WWWW" }));
});

afterEach(() => {
  if (app) unmount(app);
  app = null;
});

describe("the exchange's wording", () => {
  it("reads one path per line, ignoring blank lines and stray spaces", () => {
    expect(parsePaths(" /a/one.shortlist \r\n\n/b/two.shortlist\n  ")).toEqual(["/a/one.shortlist", "/b/two.shortlist"]);
    expect(parsePaths("  \n")).toEqual([]);
  });

  it("totals what was taken in and says what was refused", () => {
    expect(importTotals(reports)).toBe("2 returns read, 12 scores taken in, 1 conflict to settle, 1 refused");
    expect(importTotals([reports[0]!])).toBe("1 return read, 12 scores taken in, 1 conflict to settle");
    expect(reportText(reports[0]!)).toBe("12 taken in, 27 unchanged, 1 conflict");
    expect(reportText(reports[1]!)).toMatch(/^Refused: The file has been changed/);
    expect(reportText({ ...reports[0]!, alreadyImported: true, note: "Already imported on 10 September 2021 at 09:00: nothing changed" })).toBe(
      "Already imported on 10 September 2021 at 09:00: nothing changed",
    );
  });

  it("counts pairwise choices apart from scores, and says which keyed choice was kept", () => {
    const pairs = { ...reports[0]!, accepted: 7, choicesAccepted: 7, conflicts: 0 };
    expect(importTotals([pairs])).toBe("1 return read, 7 pairwise choices taken in");
    expect(importTotals([{ ...pairs, accepted: 12, choicesAccepted: 5 }])).toBe("1 return read, 7 scores taken in, 5 pairwise choices taken in");
    const kept = "DC21-0012 against DC21-0057: Dame Ann Judge chose \"The left idea is stronger\", but \"Can't separate them\" was recorded here since.";
    expect(reportText({ ...pairs, conflicts: 1, choiceConflicts: [kept] })).toBe(`7 taken in, 27 unchanged, 1 conflict. ${kept}`);
  });
});

describe("the secretariat's exchange page", () => {
  it("is in the navigation and shows where things stand with each judge", async () => {
    await start("#/exchange?round=shortlist");
    expect(document.getElementById("nav-exchange")?.getAttribute("aria-current")).toBe("page");
    expect(backend.exchangeStatus).toHaveBeenCalledWith(1, "shortlist");
    expect(text("#exchange-fingerprint")).toContain("K7QF-2M9D-XB4T-P8WA");
    const rows = [...document.querySelectorAll("#exchange-judges tbody tr")].map((r) => r.textContent?.replace(/\s+/g, " ").trim());
    expect(rows[0]).toContain("AAAA-BBBB-CCCC-DDDD");
    expect(rows[0]).toContain("receipt QX3M-7HTA");
    expect(rows[1]).toContain("Not enrolled");
    expect(rows[1]).toContain("Not sent");
    expect(await seriousViolations()).toEqual([]);
  });

  it("enrols a judge's key from the file they sent and says what to read back", async () => {
    backend.enrolJudgeFromFile.mockResolvedValue(
      ok({ judge: 4, judgeName: "Sir Tom Hale", enrolmentName: "Tom Hale", fingerprint: "PQRS-TUVW-2345-6789", replaced: false }),
    );
    dialogs.chooseExchangeFiles.mockResolvedValue(["/home/priya/Enrolment of Tom Hale.shortlist"]);
    await start("#/exchange?round=shortlist");
    click("exchange-enrol");
    await settle();
    expect(text(".govuk-error-summary")).toContain("Choose the judge whose key this is");
    expect(backend.enrolJudgeFromFile).not.toHaveBeenCalled();
    choose("exchange-judge", "4");
    click("exchange-enrolment-choose");
    await settle();
    expect((document.getElementById("exchange-enrolment") as HTMLInputElement).value).toBe("/home/priya/Enrolment of Tom Hale.shortlist");
    click("exchange-enrol");
    await settle();
    expect(backend.enrolJudgeFromFile).toHaveBeenCalledWith(4, "/home/priya/Enrolment of Tom Hale.shortlist");
    expect(text("#exchange-enrolled")).toContain("PQRS-TUVW-2345-6789");
    expect(text(".govuk-notification-banner")).toContain("Enrolled Sir Tom Hale's key");
  });

  it("makes sealed bundles into a folder and names the judges who got none", async () => {
    backend.exportBundles.mockResolvedValue(
      ok({ written: [{ judge: "Dame Alison Reed", path: "/tmp/b/DC21 Shortlist bundle for Dame Alison Reed.shortlist", ideas: 7, leftOut: 1, sealed: true }], skipped: ["Sir Tom Hale"] }),
    );
    await start("#/exchange?round=shortlist");
    type("exchange-folder", "/tmp/b");
    type("exchange-passphrase", "correct horse battery");
    click("exchange-make-bundles");
    await settle();
    expect(backend.exportBundles).toHaveBeenCalledWith(1, "shortlist", "/tmp/b", "correct horse battery");
    expect(text(".govuk-notification-banner")).toContain("Wrote 1 bundle sealed with the passphrase into /tmp/b");
    expect(text("#exchange-bundles")).toContain("Dame Alison Reed: 7 ideas, 1 left out");
    expect(text("#exchange-skipped")).toContain("No bundle for Sir Tom Hale: their key is not enrolled yet");
  });

  it("takes in several returns and shows each one's outcome with its receipt", async () => {
    backend.importReturns.mockResolvedValue(ok(reports));
    await start("#/exchange?round=shortlist");
    type("exchange-returns", "/tmp/r/one.shortlist\n/tmp/r/stray.shortlist\n");
    click("exchange-import");
    await settle();
    expect(backend.importReturns).toHaveBeenCalledWith(1, ["/tmp/r/one.shortlist", "/tmp/r/stray.shortlist"]);
    expect(text("#exchange-totals")).toBe("2 returns read, 12 scores taken in, 1 conflict to settle, 1 refused");
    expect(text("#exchange-report-0")).toContain("M4TR-9KQX");
    expect(text("#exchange-report-1")).toContain("Refused: The file has been changed");
    expect(backend.exchangeStatus).toHaveBeenCalledTimes(2);
    expect(await seriousViolations()).toEqual([]);
  });

  it("settles a conflict as the person chooses and shows the list as it now stands", async () => {
    backend.settleConflict.mockResolvedValue(ok(status.conflicts[0]));
    await start("#/exchange?round=shortlist");
    expect(text("#conflict-9")).toContain("From the paper sheet");
    backend.exchangeStatus.mockResolvedValue(ok({ ...status, conflicts: [] }));
    click("conflict-9-theirs");
    await settle();
    expect(backend.settleConflict).toHaveBeenCalledWith(9, "theirs");
    expect(text(".govuk-notification-banner")).toContain("DC21-0012 Viability for Dame Alison Reed is 3 (Dame Alison Reed's score)");
    expect(document.getElementById("conflict-9")).toBeNull();
    expect(text("#exchange-no-conflicts")).toContain("None");
  });
});

describe("the judge's page", () => {
  it("is offered on first run, before any challenge exists", async () => {
    backend.listChallenges.mockResolvedValue(ok([]));
    await start("#/ideas");
    const link = document.getElementById("first-run-judge") as HTMLAnchorElement;
    expect(link.getAttribute("href")).toBe("#/judge");
    window.location.hash = "#/judge";
    await settle();
    expect(text("h1")).toBe("Your rounds");
    // The judge's first step comes first, and there is a way back for someone who is not one.
    const steps = [...document.querySelectorAll("main h2")].map((h) => h.textContent?.trim());
    expect(steps).toEqual(["1. Send the secretariat your key", "2. Open the bundle they send you"]);
    expect(document.querySelector("#judge-not-a-judge a")?.getAttribute("href")).toBe("#/challenges/new");
    expect(text("#judge-fingerprint")).toContain("ZZZZ-YYYY-XXXX-WWWW");
    expect(await seriousViolations()).toEqual([]);
  });

  it("saves an enrolment file under the judge's name, the one given on the first run unless changed", async () => {
    backend.listChallenges.mockResolvedValue(ok([]));
    backend.userSettings.mockResolvedValue(ok({ displayName: "Alison Reed", role: "judge", confirmed: true }));
    backend.saveEnrolmentFile.mockResolvedValue(ok({ publicKey: "x", fingerprint: "ZZZZ-YYYY-XXXX-WWWW" }));
    await start("#/judge");
    expect((document.getElementById("judge-name") as HTMLInputElement).value).toBe("Alison Reed");
    type("judge-name", "");
    type("judge-enrolment", "/home/alison/enrol.shortlist");
    click("judge-save-enrolment");
    await settle();
    expect(text(".govuk-error-summary")).toContain("Enter your name as the secretariat knows it");
    type("judge-name", " Alison Reed ");
    click("judge-save-enrolment");
    await settle();
    expect(backend.saveEnrolmentFile).toHaveBeenCalledWith("Alison Reed", "Judge", "/home/alison/enrol.shortlist");
    expect(text("#judge-enrolment-saved")).toContain("/home/alison/enrol.shortlist");
  });

  it("asks for the passphrase of a sealed bundle on its field, then opens it and switches to the judge's navigation", async () => {
    backend.listChallenges.mockResolvedValue(ok([]));
    backend.openBundleFile.mockResolvedValueOnce(
      failure("validation", "This file is sealed with a passphrase. Enter the passphrase you were given to open it.", [
        { field: "passphrase", message: "This file is sealed with a passphrase. Enter the passphrase you were given to open it." },
      ]),
    );
    await start("#/judge");
    type("judge-bundle", "/home/alison/bundle.shortlist");
    click("judge-open");
    await settle();
    expect(text("#judge-passphrase-error")).toContain("sealed with a passphrase");
    expect(document.getElementById("judge-passphrase")?.getAttribute("aria-describedby")).toBe("judge-passphrase-error");
    expect(document.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#judge-passphrase");

    backend.openBundleFile.mockResolvedValueOnce(
      ok({
        senderFingerprint: "K7QF-2M9D-XB4T-P8WA",
        madeBy: "Priya Shah",
        signedAt: "2021-09-02T09:00:00Z",
        challenge: 1,
        stage: "shortlist",
        judge: 1,
        judgeName: "Dame Alison Reed",
        ideas: 8,
        leftOut: ["DC21-0003: You declared a conflict of interest with this idea"],
        alreadyOpened: false,
        pairs: 0,
      }),
    );
    backend.listChallenges.mockResolvedValue(ok([challenge]));
    backend.judgeRounds.mockResolvedValue(ok([judgeRound]));
    type("judge-passphrase", "correct horse battery");
    click("judge-open");
    await settle();
    expect(backend.openBundleFile).toHaveBeenLastCalledWith("/home/alison/bundle.shortlist", "correct horse battery");
    expect(text(".govuk-notification-banner")).toContain("Opened your Shortlist bundle: 8 ideas to score");
    expect(text("#judge-opened")).toContain("K7QF-2M9D-XB4T-P8WA");
    expect(text("#judge-opened")).toContain("DC21-0003");
    expect(text("#round-shortlist-progress")).toContain("3 of 8 ideas submitted");
    expect(document.getElementById("round-shortlist-score")?.getAttribute("href")).toBe("#/judging/score?round=shortlist&judge=1");
    const nav = [...document.querySelectorAll(".govuk-service-navigation__link")].map((a) => a.textContent?.trim());
    expect(nav).toEqual(["Your rounds", "Ideas", "Settings"]);
    expect(await seriousViolations()).toEqual([]);
  });

  it("offers to protect the folder before opening an OFFICIAL-SENSITIVE bundle, then opens it", async () => {
    backend.listChallenges.mockResolvedValue(ok([]));
    backend.openBundleFile.mockResolvedValueOnce(
      failure("needsProtection", "This bundle is marked OFFICIAL-SENSITIVE, so it can only be opened into a data folder protected by a passphrase."),
    );
    await start("#/judge");
    type("judge-bundle", "/home/alison/bundle.shortlist");
    click("judge-open");
    await settle();
    expect(text("#judge-needs-protection")).toContain("OFFICIAL-SENSITIVE");
    expect(document.querySelector(".govuk-error-summary")).toBeNull();
    expect(await seriousViolations()).toEqual([]);

    backend.protect.mockResolvedValueOnce(ok(null));
    backend.openBundleFile.mockResolvedValueOnce(
      ok({
        senderFingerprint: "K7QF-2M9D-XB4T-P8WA",
        madeBy: "Priya Shah",
        signedAt: "2021-09-02T09:00:00Z",
        challenge: 1,
        stage: "shortlist",
        judge: 1,
        judgeName: "Dame Alison Reed",
        ideas: 8,
        leftOut: [],
        alreadyOpened: false,
        pairs: 0,
      }),
    );
    backend.listChallenges.mockResolvedValue(ok([challenge]));
    backend.judgeRounds.mockResolvedValue(ok([judgeRound]));
    type("passphrase", "tidy walrus lantern");
    type("confirmation", "tidy walrus lantern");
    click("protection-submit");
    await settle();
    expect(backend.protect).toHaveBeenCalledWith({ passphrase: "tidy walrus lantern", confirmation: "tidy walrus lantern" });
    expect(backend.openBundleFile).toHaveBeenCalledTimes(2);
    expect(text("body")).toContain("Opened your Shortlist bundle: 8 ideas to score");
  });

  it("saves the judge's scores as a return and lists it with the receipt to expect", async () => {
    backend.judgeRounds.mockResolvedValue(ok([judgeRound]));
    backend.exportReturn.mockResolvedValue(
      ok({ path: "/home/alison/scores.shortlist", fileId: "f", sequence: 1, scores: 15, ideas: 3, expectedReceipt: "HT7Q-M2XA" }),
    );
    await start("#/judge");
    click("judge-return-shortlist-save");
    await settle();
    expect(text("#judge-return-shortlist-error")).toContain("Choose where to save your scores");
    backend.judgeRounds.mockResolvedValue(
      ok([{ ...judgeRound, returns: [{ sequence: 1, scores: 15, sentAt: "2021-09-03T09:00:00Z", expectedReceipt: "HT7Q-M2XA" }] }]),
    );
    type("judge-return-shortlist", "/home/alison/scores.shortlist");
    click("judge-return-shortlist-save");
    await settle();
    expect(backend.exportReturn).toHaveBeenCalledWith(1, "shortlist", "/home/alison/scores.shortlist");
    expect(text(".govuk-notification-banner")).toContain("Saved return 1: 15 scores for 3 ideas");
    expect(text("#round-shortlist-returns")).toContain("HT7Q-M2XA");
  });
});

describe("the first run", () => {
  const firstRun = { displayName: "Alison Reed", role: null, confirmed: false };

  it("asks who you are, with the computer's name filled in, then starts a judge on the bundle page", async () => {
    backend.listChallenges.mockResolvedValue(ok([]));
    backend.userSettings.mockResolvedValue(ok(firstRun));
    backend.saveUserSettings.mockResolvedValueOnce(
      failure("validation", "There is a problem", [{ field: "role", message: "Select whether you run the challenge or judge it" }]),
    );
    await start("#/ideas");
    expect(text("h1")).toBe("Welcome to Shortlist");
    expect(document.querySelector("nav")).toBeNull();
    expect((document.getElementById("displayName") as HTMLInputElement).value).toBe("Alison Reed");
    expect(await seriousViolations()).toEqual([]);
    click("welcome-continue");
    await settle();
    expect(backend.saveUserSettings).toHaveBeenLastCalledWith({ displayName: "Alison Reed", role: null });
    expect(text("#role-error")).toContain("Select whether you run the challenge or judge it");
    expect(document.querySelector('.govuk-error-summary a[href="#role"]')).not.toBeNull();

    backend.saveUserSettings.mockResolvedValueOnce(ok({ displayName: "Alison Reed", role: "judge", confirmed: true }));
    click("role-judge");
    click("welcome-continue");
    await settle();
    expect(backend.saveUserSettings).toHaveBeenLastCalledWith({ displayName: "Alison Reed", role: "judge" });
    expect(window.location.hash).toBe("#/judge");
    expect(text("h1")).toBe("Your rounds");
  });

  it("starts the secretariat on the form that sets up a challenge", async () => {
    backend.listChallenges.mockResolvedValue(ok([]));
    backend.userSettings.mockResolvedValue(ok(firstRun));
    backend.saveUserSettings.mockResolvedValueOnce(ok({ displayName: "Alison Reed", role: "secretariat", confirmed: true }));
    await start("#/ideas");
    click("role-secretariat");
    click("welcome-continue");
    await settle();
    expect(window.location.hash).toBe("#/challenges/new");
  });

  it("opens a double-clicked bundle once the judge has said who they are, judge preselected", async () => {
    backend.listChallenges.mockResolvedValue(ok([]));
    backend.userSettings.mockResolvedValue(ok(firstRun));
    backend.takeHandedFile.mockResolvedValueOnce(ok({ path: "/home/alison/Downloads/DC21 bundle.shortlist", kind: "bundle", sealed: false, round: "shortlist" }));
    backend.saveUserSettings.mockResolvedValueOnce(ok({ displayName: "Alison Reed", role: "judge", confirmed: true }));
    await start("#/ideas");
    expect(text("h1")).toBe("Welcome to Shortlist");
    expect((document.getElementById("role-judge") as HTMLInputElement).checked).toBe(true);
    click("welcome-continue");
    await settle();
    expect(text("h1")).toBe("Your rounds");
    expect((document.getElementById("judge-bundle") as HTMLInputElement).value).toBe("/home/alison/Downloads/DC21 bundle.shortlist");
    expect(text("#judge-handed")).toContain("You opened this bundle from your files");
    expect(await seriousViolations()).toEqual([]);
  });
});

describe("a file handed to the app by a double-click", () => {
  it("fills in a return on the exchange page of its round", async () => {
    backend.takeHandedFile.mockResolvedValueOnce(ok({ path: "/home/ffion/return 2.shortlist", kind: "return", sealed: false, round: "semiFinal" }));
    await start("#/exchange?round=shortlist");
    expect(window.location.hash).toContain("#/exchange?round=semiFinal&return=");
    expect(backend.exchangeStatus).toHaveBeenLastCalledWith(challenge.id, "semiFinal");
    expect((document.getElementById("exchange-returns") as HTMLTextAreaElement).value).toBe("/home/ffion/return 2.shortlist");
    expect(text("#exchange-handed-return")).toContain("Take in the returns");
    expect(await seriousViolations()).toEqual([]);
  });

  it("fills in an enrolment on the exchange page's enrol form", async () => {
    backend.takeHandedFile.mockResolvedValueOnce(ok({ path: "/tmp/enrol.shortlist", kind: "enrolment", sealed: false, round: null }));
    await start("#/exchange?round=shortlist");
    expect((document.getElementById("exchange-enrolment") as HTMLInputElement).value).toBe("/tmp/enrol.shortlist");
    expect(text("#exchange-handed-enrolment")).toContain("Choose the judge");
  });

  it("says why a file cannot be opened, above the page, until the person moves on", async () => {
    backend.takeHandedFile.mockResolvedValueOnce(
      failure("refused", "Shortlist could not open “notes.pdf”. This is not a Shortlist exchange file. Check that you chose the file you were sent."),
    );
    await start("#/exchange?round=shortlist");
    expect(text("#handed-problem")).toContain("“notes.pdf”. This is not a Shortlist exchange file");
    expect(document.activeElement?.id).toBe("handed-problem");
    expect(await seriousViolations()).toEqual([]);
    window.location.hash = "#/settings";
    await settle();
    expect(document.getElementById("handed-problem")).toBeNull();
  });

  it("sends each kind to its page, and says where a return goes when there is no challenge", () => {
    const file = (kind: "bundle" | "return" | "enrolment", round: "shortlist" | "final" | null = null) => ({ path: "/f.shortlist", kind, sealed: false, round });
    expect(handedDestination(file("bundle"), null, { name: "ideas" })).toEqual({ route: { name: "judge", file: "/f.shortlist" } });
    expect(handedDestination(file("return", "final"), challenge, { name: "ideas" })).toEqual({
      route: { name: "exchange", round: "final", returnFile: "/f.shortlist" },
    });
    // An enrolment stays on the round the secretariat is looking at.
    expect(handedDestination(file("enrolment"), challenge, { name: "exchange", round: "semiFinal" })).toEqual({
      route: { name: "exchange", round: "semiFinal", enrolmentFile: "/f.shortlist" },
    });
    const nowhere = handedDestination(file("return", "shortlist"), null, { name: "newChallenge" });
    expect("problem" in nowhere && nowhere.problem).toContain("“f.shortlist” is a judge's score return");
  });
});

describe("checking a receipt", () => {
  const sent = { ...judgeRound, returns: [{ sequence: 1, scores: 15, sentAt: "2021-09-03T09:00:00Z", expectedReceipt: "HT7Q-M2XA" }] };

  it("says which return a typed code is for and what the secretariat did with it", async () => {
    backend.judgeRounds.mockResolvedValue(ok([sent]));
    backend.checkReceiptCode.mockResolvedValue(ok({ sequence: 1, summary: "14 scores accepted, 0 unchanged, 1 conflict" }));
    await start("#/judge");
    type("judge-receipt-shortlist", " ht7q m2xb ");
    click("judge-receipt-shortlist-check");
    await settle();
    expect(backend.checkReceiptCode).toHaveBeenCalledWith(1, "shortlist", "ht7q m2xb");
    expect(text("#judge-receipt-shortlist-found")).toBe(
      "HT7Q M2XB is the receipt for your return 1: 14 scores accepted, 0 unchanged, 1 conflict. The secretariat has it exactly as you sent it",
    );
    expect(await seriousViolations()).toEqual([]);
  });

  it("says so on the field when the code is for none of the judge's returns", async () => {
    backend.judgeRounds.mockResolvedValue(ok([sent]));
    backend.checkReceiptCode.mockResolvedValue(ok(null));
    await start("#/judge");
    type("judge-receipt-shortlist", "AAAA-BBBB");
    click("judge-receipt-shortlist-check");
    await settle();
    expect(text("#judge-receipt-shortlist-error")).toContain("AAAA-BBBB is not the receipt for any of your Shortlist returns");
    expect(document.getElementById("judge-receipt-shortlist-found")).toBeNull();
  });
});

describe("the judge's round", () => {
  it("says how far the judge has got and who sent the bundle", async () => {
    const { progressText, senderText } = await import("./lib/exchange");
    expect(progressText(judgeRound)).toBe("3 of 8 ideas submitted");
    expect(progressText({ ...judgeRound, method: "pairwise", pairs: 7, compared: 2 })).toBe("2 of 7 pairs compared");
    expect(progressText({ ...judgeRound, method: "both", pairs: 7, compared: 7 })).toBe("3 of 8 ideas submitted; 7 of 7 pairs compared");
    expect(senderText(judgeRound)).toMatch(/^Sent by Priya Shah on 2 September 2021 at \d+(:\d\d)?(am|pm) \(key fingerprint K7QF-2M9D-XB4T-P8WA\)$/);
  });
});
