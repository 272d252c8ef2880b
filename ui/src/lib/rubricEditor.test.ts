import { describe, expect, it } from "vitest";
import { bandsFit, criterionIdFrom, evenBands, parseWeight, rubricFieldId, shareText, toDraft } from "./rubricEditor";

describe("criterion ids from names", () => {
  it("camelCases the words and numbers a name already taken", () => {
    expect(criterionIdFrom("Value for money", [])).toBe("valueForMoney");
    expect(criterionIdFrom("Café & co-design", [])).toBe("cafeCoDesign");
    expect(criterionIdFrom("Benefits", ["benefits"])).toBe("benefits2");
    expect(criterionIdFrom("  ", [])).toBe("criterion");
  });
});

describe("bands", () => {
  it("split a scale as evenly as whole scores allow, the spare scores going to the top", () => {
    expect(evenBands({ min: 1, max: 10 }, 3).map((b) => [b.min, b.max])).toEqual([[1, 3], [4, 6], [7, 10]]);
    expect(evenBands({ min: 1, max: 5 }, 9)).toHaveLength(5);
  });

  it("fit a scale only when every score is in exactly one", () => {
    const bands = evenBands({ min: 1, max: 5 }, 5);
    expect(bandsFit(bands, { min: 1, max: 5 })).toBe(true);
    expect(bandsFit(bands, { min: 0, max: 10 })).toBe(false);
  });
});

describe("weights", () => {
  it("are numbers above 0, and each one's share is of the total", () => {
    expect(parseWeight(" 1.5 ")).toBe(1.5);
    expect(parseWeight("0")).toBeNull();
    expect(parseWeight("-1")).toBeNull();
    expect(parseWeight("1e3")).toBeNull();
    expect(shareText(["1", "1", "2"], 2)).toBe("50%");
    expect(shareText(["1", "x"], 0)).toBe("—");
  });
});

describe("field ids", () => {
  it.each([
    ["name", "rubric-name"],
    ["scale", "rubric-scale"],
    ["criteria", "criteria-heading"],
    ["bands", "bands-heading"],
    ["criteria.1.weight", "criteria-1-weight"],
    ["criteria.2.id", "criteria-2-name"],
    ["bands.0.max", "bands-0-max"],
    ["bands.3", "bands-3-min"],
  ])("%s is shown at #%s", (field, id) => {
    expect(rubricFieldId(field)).toBe(id);
  });
});

describe("the draft", () => {
  it("keeps saved ids, makes new ones from names, and refuses text where a number belongs", () => {
    const rows = [
      { key: 0, id: "benefits", name: "Benefits", guidance: "", weight: "2" },
      { key: 1, id: null, name: "Benefits", guidance: "", weight: "1" },
    ];
    const bands = [{ key: 2, min: "1", max: "5", label: "All", description: "" }];
    const ok = toDraft("R", { min: 1, max: 5 }, rows, bands);
    expect(ok.draft?.criteria.map((c) => [c.id, c.weight])).toEqual([["benefits", 2], ["benefits2", 1]]);
    const bad = toDraft("R", { min: 1, max: 5 }, rows, [{ ...bands[0], max: "five" }]);
    expect(bad.errors?.summary).toEqual([{ href: "#bands-0-max", text: "Enter the last score of band 1 as a whole number, such as 5" }]);
  });
});
