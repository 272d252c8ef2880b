// The offline exchange as people read it: what each side is told after sending or taking in a
// file, and where things stand with each judge. The files themselves are made and checked in
// Rust (shortlist-exchange); these only word the results.
import type { BundleExport, BundleOpened, JudgeExchange, JudgeRound, ReceiptCheck, ReturnImported, ReturnWritten } from "./api";
import { countOf, formatDateTime } from "./format";
import { stageLabel } from "./stage";

/** Paths typed one per line (or chosen in the dialog), without blank lines or stray spaces. */
export function parsePaths(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** "Wrote 3 bundles (sealed)"; the folder is shown beside it. */
export function bundlesMessage(out: BundleExport): string {
  if (out.written.length === 0) return "No bundles were written: no judge of this round has an enrolled key";
  const sealed = out.written.every((w) => w.sealed) ? " sealed with the passphrase" : "";
  return `Wrote ${countOf(out.written.length, "bundle")}${sealed}`;
}

/** The judges who got no bundle, and why, or null when everyone got one. */
export function skippedMessage(out: BundleExport): string | null {
  if (out.skipped.length === 0) return null;
  const names = out.skipped.join(", ");
  return `No bundle for ${names}: ${out.skipped.length === 1 ? "their key is" : "their keys are"} not enrolled yet`;
}

/** What the judge is told after opening a bundle. */
export function openedMessage(opened: BundleOpened): string {
  if (opened.alreadyOpened) return `You had opened this ${stageLabel(opened.stage)} bundle before: nothing changed`;
  if (opened.pairs > 0) return `Opened your ${stageLabel(opened.stage)} bundle: ${countOf(opened.ideas, "idea")}, ${countOf(opened.pairs, "pair")} to compare`;
  return `Opened your ${stageLabel(opened.stage)} bundle: ${countOf(opened.ideas, "idea")} to score`;
}

/** Who made the bundle and when, with the fingerprint to check. */
export function senderText(from: { madeBy: string; signedAt: string; senderFingerprint: string }): string {
  return `Sent by ${from.madeBy} on ${formatDateTime(from.signedAt)} (key fingerprint ${from.senderFingerprint})`;
}

/** What the judge is told after making a return. */
export function returnMessage(written: ReturnWritten): string {
  return `Saved return ${written.sequence}: ${countOf(written.scores, "score")} for ${countOf(written.ideas, "idea")}`;
}

/** Totals over the returns just imported, for the summary's heading. */
export function importTotals(reports: ReturnImported[]): string {
  const refused = reports.filter((r) => r.refused !== null).length;
  const taken = reports.filter((r) => r.refused === null);
  const accepted = taken.reduce((n, r) => n + r.accepted, 0);
  const choices = taken.reduce((n, r) => n + r.choicesAccepted, 0);
  const conflicts = taken.reduce((n, r) => n + r.conflicts, 0);
  const parts = [`${countOf(reports.length, "return")} read`];
  // Scores and pairwise choices are counted apart: a round judged both ways brings both.
  if (accepted - choices > 0 || choices === 0) parts.push(`${countOf(accepted - choices, "score")} taken in`);
  if (choices > 0) parts.push(`${countOf(choices, "pairwise choice")} taken in`);
  if (conflicts > 0) parts.push(`${countOf(conflicts, "conflict")} to settle`);
  if (refused > 0) parts.push(`${refused} refused`);
  return parts.join(", ");
}

/** One return's outcome in a sentence. */
export function reportText(r: ReturnImported): string {
  if (r.refused !== null) return `Refused: ${r.refused}`;
  if (r.alreadyImported) return r.note ?? "Already imported: nothing changed";
  const counts = `${r.accepted} taken in, ${r.unchanged} unchanged, ${countOf(r.conflicts, "conflict")}`;
  const notes = [r.note, ...r.choiceConflicts].filter((n): n is string => n !== null && n !== "");
  return notes.length > 0 ? `${counts}. ${notes.join(" ")}` : counts;
}

/** The key column of the secretariat's table. */
export function keyText(j: JudgeExchange): string {
  return j.fingerprint === null ? "Not enrolled" : j.fingerprint;
}

/** The bundle column. */
export function bundleText(j: JudgeExchange): string {
  if (j.bundleSentAt === null) return "Not sent";
  return `${countOf(j.bundleIdeas ?? 0, "idea")}, ${formatDateTime(j.bundleSentAt)}`;
}

/** The returns column. */
export function returnsText(j: JudgeExchange): string {
  if (j.latestReturn === null || j.latestImportedAt === null) return "None yet";
  return `Return ${j.latestReturn} taken in ${formatDateTime(j.latestImportedAt)}, receipt ${j.latestReceipt ?? ""}`;
}

/** How far the judge has got with a round. */
export function progressText(round: JudgeRound): string {
  const pairs = `${round.compared} of ${countOf(round.pairs, "pair")} compared`;
  if (round.method === "pairwise") return pairs;
  const scores = `${round.submitted} of ${countOf(round.ideas, "idea")} submitted`;
  return round.method === "both" ? `${scores}; ${pairs}` : scores;
}

/** What a receipt code the judge typed says: which return, and what the secretariat did with it. */
export function receiptText(code: string, check: ReceiptCheck): string {
  return `${code.trim().toUpperCase()} is the receipt for your return ${check.sequence}: ${check.summary}. The secretariat has it exactly as you sent it`;
}
