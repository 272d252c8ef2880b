import { describe, expect, it } from "vitest";
import type { IdeaSummary } from "./api";
import { sortIdeas } from "./sort";

const idea = (id: number, reference: string, title: string, updatedAt: string): IdeaSummary => ({
  id,
  reference,
  title,
  submitterName: "A Person",
  department: "ONS",
  updatedAt,
});

const ideas = [
  idea(1, "DC21-0010", "beta", "2021-05-02T10:00:00Z"),
  idea(2, "DC21-0009", "Alpha", "2021-05-03T10:00:00Z"),
  idea(3, "DC21-0100", "alpha", "2021-05-01T10:00:00Z"),
];

describe("sortIdeas", () => {
  it("orders references by their numbers", () => {
    expect(sortIdeas(ideas, "reference", "ascending").map((i) => i.id)).toEqual([2, 1, 3]);
    expect(sortIdeas(ideas, "reference", "descending").map((i) => i.id)).toEqual([3, 1, 2]);
  });

  it("ignores case and breaks ties by reference", () => {
    expect(sortIdeas(ideas, "title", "ascending").map((i) => i.id)).toEqual([2, 3, 1]);
  });

  it("orders by time last updated", () => {
    expect(sortIdeas(ideas, "updatedAt", "descending").map((i) => i.id)).toEqual([2, 1, 3]);
  });

  it("leaves the list it was given alone", () => {
    const before = ideas.map((i) => i.id);
    sortIdeas(ideas, "title", "descending");
    expect(ideas.map((i) => i.id)).toEqual(before);
  });
});
