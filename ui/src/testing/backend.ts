// The fake backend the page tests share: one `vi.fn()` for every command in the generated
// bindings, made from the real module's `commands`, so a new command is here as soon as it is
// generated. vi.mock is per file, so each test file still says, once,
//
//   vi.mock("./bindings", async () => ({ commands: (await import("./testing/backend")).backend }));
//
// and calls resetBackend() before each test, then fakes what that test needs on top.
import { vi, type Mock } from "vitest";
import type { AppInfo, Challenge, UserSettings } from "../bindings";
import { failure, ok } from "./index";

// The real module, not the mock: this file is what the mock is made of.
const real = await vi.importActual<typeof import("../bindings")>("../bindings");

type Commands = typeof real.commands;

/** Every command as a mock with the command's own signature, so a fake answer is type-checked. */
export type Backend = { [Name in keyof Commands]: Mock<Commands[Name]> };

export const backend = Object.fromEntries(Object.keys(real.commands).map((name) => [name, vi.fn()])) as unknown as Backend;

export const info: AppInfo = {
  version: "0.1.0",
  dataDir: "/home/analyst/.local/share/shortlist",
  databasePath: "/home/analyst/.local/share/shortlist/shortlist.sqlite3",
  dataDirSource: "default",
  problem: null,
  protected: false,
};

export const challenge: Challenge = {
  id: 1,
  name: "Civil Service Data Challenge",
  year: 2021,
  closingDate: "2021-05-14",
  marking: "OFFICIAL-SENSITIVE",
  referencePrefix: "DC21",
  createdAt: "2021-03-01T09:00:00Z",
};

/** Someone who has told the app who they are. */
export const secretariat: UserSettings = { displayName: "Priya Secretariat", role: "secretariat", confirmed: true };

/**
 * Forgets every fake answer and call, then sets the ones every page test starts from: the app
 * opens (no database problem, no file handed to it) on one challenge, for the secretariat, with
 * no duplicates and no judge's rounds. A command a test does not fake answers with an internal
 * error that names it, so a page shows what was missed rather than failing somewhere obscure.
 */
export function resetBackend(): void {
  for (const [name, fn] of Object.entries(backend) as [string, Mock][]) {
    fn.mockReset();
    fn.mockImplementation(async () => failure("internal", `The test did not fake ${name}`));
  }
  backend.appInfo.mockResolvedValue(info);
  backend.userSettings.mockResolvedValue(ok(secretariat));
  backend.takeHandedFile.mockResolvedValue(ok(null));
  backend.listChallenges.mockResolvedValue(ok([challenge]));
  backend.listDuplicates.mockResolvedValue(ok([]));
  backend.judgeRounds.mockResolvedValue(ok([]));
  // A round is judged by rubric scores until the secretariat chooses otherwise.
  backend.pairwiseSettings.mockResolvedValue(ok({ method: "scores", pairsPerJudge: 0, perCriterion: false }));
  backend.personalDataStatus.mockResolvedValue(
    ok({ challengeId: 1, closingDate: "2021-05-14", closed: true, retainUntil: null, overdue: false, erasedAt: null, erasedHow: null, banner: null }),
  );
}
