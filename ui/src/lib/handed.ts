// Files the operating system hands to the app: a double-clicked bundle, score return or
// enrolment, or `shortlist-desktop FILE`. Rust identifies the file from inside (never from its
// name) and keeps it until the window takes it; this module decides which page it opens on and
// listens for files handed to the app while it is already open.
import { listen } from "@tauri-apps/api/event";
import type { Challenge, HandedFile } from "./api";
import { JUDGING_ROUNDS, type JudgingRound } from "./judging";
import type { Route } from "./router";

/** The event Rust sends when a file is handed to the running app (see src-tauri/src/lib.rs). */
export const HANDED_FILE_EVENT = "handed-file";

export type HandedDestination = { route: Route } | { problem: string };

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/**
 * Where a handed file opens: a bundle on the judge's "open a bundle" page, a return on the
 * exchange page of its round (the take-in field filled in), an enrolment on the exchange page's
 * enrol form. Returns and enrolments belong to a challenge the secretariat runs, so with no
 * challenge there is nowhere to take them: the person is told what the file is and where it goes.
 */
export function handedDestination(file: HandedFile, current: Challenge | null, route: Route): HandedDestination {
  if (file.kind === "bundle") return { route: { name: "judge", file: file.path } };
  const what = file.kind === "return" ? "a judge's score return" : "a judge's enrolment file";
  if (current === null) {
    return {
      problem: `“${fileName(file.path)}” is ${what}. It is taken in on the Exchange page of the challenge it belongs to, and this copy of Shortlist has no challenge yet. Set up the challenge (or open the copy of Shortlist that runs it), then open the file again.`,
    };
  }
  const round: JudgingRound =
    file.kind === "return" && file.round !== null && (JUDGING_ROUNDS as readonly string[]).includes(file.round)
      ? (file.round as JudgingRound)
      : route.name === "exchange"
        ? route.round
        : "shortlist";
  return file.kind === "return"
    ? { route: { name: "exchange", round, returnFile: file.path } }
    : { route: { name: "exchange", round, enrolmentFile: file.path } };
}

/**
 * Calls `onHanded` whenever a file is handed to the running app; returns the function that
 * stops listening. Outside the app (the unit tests' jsdom) there is no event bus: nothing to do.
 */
export function listenForHandedFiles(onHanded: () => void): () => void {
  if (!("__TAURI_INTERNALS__" in window)) return () => {};
  const stop = listen(HANDED_FILE_EVENT, () => onHanded()).catch(() => null);
  return () => {
    void stop.then((unlisten) => unlisten?.());
  };
}
