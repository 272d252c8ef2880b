import { describe, expect, it } from "vitest";
import { COMMENT_EXAMPLES } from "./rules.generated";
import { CONFLICT_KINDS, conflictKindText, isExtreme, JUDGING_ROUNDS, keyToScore, nextIdeaToScore, nextUnscored, scoreKeysText, severityText, workStatusText } from "./judging";

const bands = [
  { min: 1, max: 1, label: "Poor", description: "" },
  { min: 2, max: 3, label: "Fair", description: "" },
  { min: 4, max: 5, label: "Good", description: "" },
];

describe("scoring keys", () => {
  it.each<[string, { min: number; max: number }, number | null]>([
    ["4", { min: 1, max: 5 }, 4],
    ["6", { min: 1, max: 5 }, null],
    ["0", { min: 1, max: 5 }, null],
    // 1 to 10: no 0 to give, so 0 gives 10.
    ["0", { min: 1, max: 10 }, 10],
    ["9", { min: 1, max: 10 }, 9],
    ["t", { min: 1, max: 10 }, 10],
    // 0 to 10: 0 is a score; t gives 10.
    ["0", { min: 0, max: 10 }, 0],
    ["t", { min: 0, max: 10 }, 10],
    ["x", { min: 0, max: 10 }, null],
  ])("%j on %o gives %j", (key, scale, expected) => {
    expect(keyToScore(key, scale)).toBe(expected);
  });

  it("says how to type 10 where the scale has it", () => {
    expect(scoreKeysText({ min: 1, max: 5 })).toBe("Type 1 to 5 to give that score");
    expect(scoreKeysText({ min: 1, max: 10 })).toContain("type 0 for 10");
    expect(scoreKeysText({ min: 0, max: 10 })).toContain("type t for 10");
  });
});

describe("what comes next", () => {
  it("finds the next unscored criterion, going round, or -1", () => {
    expect(nextUnscored([3, null, 4, null], 1)).toBe(3);
    expect(nextUnscored([null, 2, 4, 5], 2)).toBe(0);
    expect(nextUnscored([1, 2, 3], 0)).toBe(-1);
  });

  it("skips submitted, finished and unscorable ideas when finding the next idea", () => {
    const items = [
      { idea: 1, scorable: true, scored: 5, submitted: false },
      { idea: 2, scorable: false, scored: 0, submitted: false },
      { idea: 3, scorable: true, scored: 5, submitted: true },
      { idea: 4, scorable: true, scored: 2, submitted: false },
    ];
    expect(nextIdeaToScore(items, 1, 5)).toBe(4);
    expect(nextIdeaToScore(items, 4, 5)).toBeNull();
  });
});

describe("words and figures", () => {
  it("treats the lowest and highest bands as extreme", () => {
    expect([1, 2, 3, 4, 5].map((v) => isExtreme(v, bands))).toEqual([true, false, false, true, true]);
    expect(isExtreme(null, bands)).toBe(false);
  });

  it("asks for a comment on the scores the Rust rule does, for every example it gives", () => {
    expect(COMMENT_EXAMPLES.length).toBeGreaterThan(0);
    for (const example of COMMENT_EXAMPLES) {
      const asked = example.scores.map((v) => isExtreme(v, example.bands));
      expect(asked, example.rubric).toEqual(example.needsComment);
    }
  });

  it("names the rounds and the kinds of interest as the backend does", () => {
    expect(JUDGING_ROUNDS).toEqual(["shortlist", "semiFinal", "final"]);
    expect(CONFLICT_KINDS.map((k) => k.value)).toEqual(["lineManagement", "sameTeam", "personalRelationship", "financialInterest", "other"]);
    expect(conflictKindText("sameTeam")).toBe("same team");
  });

  it("says how severe a judge is with a sign and a word", () => {
    expect(severityText(0.42)).toBe("+0.4 more generous");
    expect(severityText(-0.31)).toBe("\u22120.3 more severe");
    expect(severityText(0.01)).toBe("0.0 in line with the panel");
    expect(severityText(null)).toBe("—");
  });

  it("gives each idea's status in the judge's list", () => {
    const item = { assigned: true, conflict: null, scored: 0, submitted: false };
    expect(workStatusText(item, 5)).toBe("Not started");
    expect(workStatusText({ ...item, scored: 3 }, 5)).toBe("3 of 5");
    expect(workStatusText({ ...item, scored: 5, submitted: true }, 5)).toBe("Submitted");
    expect(workStatusText({ ...item, conflict: {} }, 5)).toBe("Declared interest");
  });
});
