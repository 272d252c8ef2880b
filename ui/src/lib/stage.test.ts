import { describe, expect, it } from "vitest";
import { STAGES, stageChoices, stageLabel, stageTagClass } from "./stage";

describe("stages", () => {
  it("lists every stage in the ladder's order, then the ways out", () => {
    expect(STAGES).toEqual(["submitted", "screened", "longlist", "shortlist", "semiFinal", "final", "winner", "notProgressed", "withdrawn", "ineligible"]);
  });

  it("names each stage as the backend's messages and the history do", () => {
    expect(stageLabel("semiFinal")).toBe("Semi-final");
    expect(stageLabel("notProgressed")).toBe("Not progressed");
    expect(stageChoices(["final", "winner"])).toEqual([
      { value: "final", label: "Final" },
      { value: "winner", label: "Winner" },
    ]);
  });

  it("shows a code it does not know as it is, in a grey tag", () => {
    expect(stageLabel("somewhereNew")).toBe("somewhereNew");
    expect(stageTagClass("somewhereNew")).toBe("govuk-tag--grey");
  });
});
