import { describe, expect, it } from "vitest";
import type { Evaluation } from "./api";
import {
  blankObstacle,
  COST_BANDS,
  evaluationFormFrom,
  evaluationSavedMessage,
  evaluationStatus,
  labelOf,
  moneyRange,
  ragTag,
  screeningFormFrom,
  toEvaluationInput,
  toScreeningInput,
  UNDER_WAY,
} from "./evaluation";

const stored: Evaluation = {
  viability: {
    rating: "green",
    narrative: "Can be done",
    dataAvailability: "partly",
    dataQuality: null,
    dataSharingAgreement: "needed",
    dpia: null,
    lawfulBasis: "Public task",
    technicalFeasibility: "",
    skillsCapacity: "",
    costBand: "10kTo50k",
    timeToValue: null,
  },
  benefits: {
    rating: null,
    narrative: "",
    beneficiaries: ["staff"],
    kinds: [],
    valueLow: 250000,
    valueHigh: null,
    valueConfidence: "low",
    peopleAffected: 0,
    prioritiesFit: "",
  },
  obstacles: {
    rating: "amber",
    narrative: "",
    register: [{ category: "funding", description: "No budget", likelihood: 4, impact: 2, mitigation: "Bid", owner: "DD", status: "mitigating" }],
  },
  recommendation: "progress",
  rationale: "Good",
  updatedBy: "Priya",
  updatedAt: "2021-05-01T10:00:00Z",
};

describe("the evaluation form", () => {
  it("round-trips a stored evaluation into what the backend reads, numbers as typed text", () => {
    const input = toEvaluationInput(evaluationFormFrom(stored));
    expect(input.viability).toEqual({ ...stored.viability });
    expect(input.benefits).toEqual({
      rating: null,
      narrative: "",
      beneficiaries: ["staff"],
      kinds: [],
      valueLow: "250000",
      valueHigh: "",
      valueConfidence: "low",
      peopleAffected: "0",
      prioritiesFit: "",
    });
    expect(input.obstaclesRating).toBe("amber");
    expect(input.obstacles).toEqual([
      { category: "funding", description: "No budget", likelihood: "4", impact: "2", mitigation: "Bid", owner: "DD", status: "mitigating" },
    ]);
    expect(input.recommendation).toBe("progress");
  });

  it("sends a new obstacle's unanswered choices as null and blank", () => {
    const form = evaluationFormFrom({ ...stored, obstacles: { rating: null, narrative: "", register: [] } });
    form.obstacles.push(blankObstacle());
    expect(toEvaluationInput(form).obstacles).toEqual([
      { category: null, description: "", likelihood: "", impact: "", mitigation: "", owner: "", status: "open" },
    ]);
  });

  it("says how much is left after saving", () => {
    expect(evaluationSavedMessage(0)).toBe("Evaluation saved");
    expect(evaluationSavedMessage(1)).toBe("Evaluation saved: 1 answer still to do");
    expect(evaluationSavedMessage(3)).toBe("Evaluation saved: 3 answers still to do");
  });
});

describe("showing an evaluation", () => {
  it("gives every rating a word, and grey for none", () => {
    expect(ragTag("red")).toEqual({ label: "Red", className: "govuk-tag--red" });
    expect(ragTag("amber")).toEqual({ label: "Amber", className: "govuk-tag--orange" });
    expect(ragTag("green")).toEqual({ label: "Green", className: "govuk-tag--green" });
    expect(ragTag(null)).toEqual({ label: "Not rated", className: "govuk-tag--grey" });
  });

  it("words each choice as the history and the packs do, in the forms' order", () => {
    expect(labelOf(UNDER_WAY, "partly")).toBe("Partly: something similar exists");
    expect(labelOf(UNDER_WAY, null)).toBe("Not answered");
    expect(COST_BANDS.map((c) => c.value)).toEqual(["under10k", "10kTo50k", "50kTo250k", "250kTo1m", "over1m"]);
    expect(labelOf(COST_BANDS, "250kTo1m")).toBe("£250,000 to £1 million");
  });

  it("writes money as pounds with thousands separators", () => {
    expect(moneyRange(250000, 1000000)).toBe("£250,000 to £1,000,000");
    expect(moneyRange(5000, 5000)).toBe("£5,000");
    expect(moneyRange(5000, null)).toBe("At least £5,000");
    expect(moneyRange(null, 5000)).toBe("Up to £5,000");
    expect(moneyRange(null, null)).toBe("Not answered");
  });

  it("says where an evaluation stands", () => {
    expect(evaluationStatus(false, 0)).toBe("Not started");
    expect(evaluationStatus(true, 0)).toBe("Complete");
    expect(evaluationStatus(true, 4)).toBe("4 to do");
  });
});

describe("the screening form", () => {
  it("turns one link per line into a list, and back", () => {
    const form = screeningFormFrom(null);
    form.eligibility = "ineligible";
    form.underWayLinks = "https://a.example\r\n\n  https://b.example  ";
    expect(toScreeningInput(form)).toEqual({
      eligibility: "ineligible",
      eligibilityReason: "",
      underWay: null,
      underWayNote: "",
      underWayLinks: ["https://a.example", "https://b.example"],
    });
    const back = screeningFormFrom({
      eligibility: "eligible",
      eligibilityReason: "",
      underWay: "no",
      underWayNote: "",
      underWayLinks: ["https://a.example", "https://b.example"],
      screenedBy: "Priya",
      screenedAt: "2021-05-01T10:00:00Z",
    });
    expect(back.underWayLinks).toBe("https://a.example\nhttps://b.example");
  });
});
