import { describe, expect, it } from "vitest";
import type { Challenge } from "./api";
import { CURRENT_CHALLENGE_KEY, currentChallenge, readRememberedId, rememberChallenge } from "./challenge";

const challenge = (id: number, createdAt: string): Challenge => ({
  id,
  name: `Challenge ${id}`,
  year: 2021,
  closingDate: "2021-05-14",
  marking: "OFFICIAL",
  referencePrefix: "DC21",
  createdAt,
});

const older = challenge(1, "2021-01-01T09:00:00Z");
const newer = challenge(2, "2022-01-01T09:00:00Z");
// Later in time though earlier as text: offsets must be compared as times.
const newestWithOffset = challenge(3, "2022-01-01T10:30:00+01:00");

describe("currentChallenge", () => {
  it("is nothing when there are no challenges (first run)", () => {
    expect(currentChallenge([], null)).toBeNull();
  });

  it("is the one created most recently when no choice is remembered", () => {
    expect(currentChallenge([older, newer], null)).toBe(newer);
    expect(currentChallenge([newestWithOffset, older, newer], null)).toBe(newestWithOffset);
  });

  it("is the remembered choice while it still exists", () => {
    expect(currentChallenge([older, newer], 1)).toBe(older);
    expect(currentChallenge([older, newer], 99)).toBe(newer);
  });
});

describe("remembering the choice", () => {
  it("round-trips through storage", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    rememberChallenge(storage, 2);
    expect(store.get(CURRENT_CHALLENGE_KEY)).toBe("2");
    expect(readRememberedId(storage)).toBe(2);
  });

  it("never fails start-up over storage that is missing, refuses or holds rubbish", () => {
    const refusing = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    };
    expect(readRememberedId(undefined)).toBeNull();
    expect(readRememberedId(refusing)).toBeNull();
    expect(() => rememberChallenge(refusing, 1)).not.toThrow();
    expect(readRememberedId({ getItem: () => "abc" })).toBeNull();
  });
});
