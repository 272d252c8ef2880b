// Which challenge the app is working on. With several, the person's last choice is remembered
// on this computer; otherwise the newest challenge is the current one.
import type { Challenge, ChallengeId } from "./api";

export const CURRENT_CHALLENGE_KEY = "shortlist.currentChallengeId";

/** The remembered choice if it still exists, else the challenge created most recently. */
export function currentChallenge(
  challenges: readonly Challenge[],
  rememberedId: ChallengeId | null,
): Challenge | null {
  if (challenges.length === 0) return null;
  const remembered = challenges.find((c) => c.id === rememberedId);
  if (remembered) return remembered;
  // RFC 3339 strings in UTC do not always compare as text (offsets, fractions), so compare times.
  return challenges.reduce((newest, c) =>
    Date.parse(c.createdAt) > Date.parse(newest.createdAt) ? c : newest,
  );
}

/** Storage that may be missing or refuse (private mode, a locked profile): never fatal. */
export function readRememberedId(storage: Pick<Storage, "getItem"> | undefined): ChallengeId | null {
  try {
    const raw = storage?.getItem(CURRENT_CHALLENGE_KEY);
    if (raw == null) return null;
    const id = Number(raw);
    return Number.isInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

export function rememberChallenge(storage: Pick<Storage, "setItem"> | undefined, id: ChallengeId): void {
  try {
    storage?.setItem(CURRENT_CHALLENGE_KEY, String(id));
  } catch {
    // Not remembering the choice only means the newest challenge opens next time.
  }
}

export function markingLabel(marking: Challenge["marking"]): string | null {
  return marking === "NONE" ? null : marking;
}
