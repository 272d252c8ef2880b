import { describe, expect, it } from "vitest";
import { clearFilters, emptyQuery, PAGE_SIZE, toggleFilter, toIdeaQuery, withSort, withText } from "./register";

describe("changing the register's query", () => {
  it("goes back to page 1 when a filter changes, and never repeats a value", () => {
    const on = toggleFilter({ ...emptyQuery(), page: 4 }, "departments", "ONS", true);
    expect(on.departments).toEqual(["ONS"]);
    expect(on.page).toBe(1);
    expect(toggleFilter(on, "departments", "ONS", true).departments).toEqual(["ONS"]);
    expect(toggleFilter(on, "departments", "ONS", false).departments).toEqual([]);
  });

  it("sorts by best match while there are words, unless someone chose a sort", () => {
    expect(withText(emptyQuery(), "cafe").sort).toBe("relevance");
    expect(withText(withText(emptyQuery(), "cafe"), "").sort).toBe("reference");
    const byTitle = withSort(emptyQuery(), "title");
    expect(withText(byTitle, "cafe").sort).toBe("title");
  });

  it("shows the newest first when sorted by date", () => {
    expect(withSort(emptyQuery(), "submitted").descending).toBe(true);
    expect(withSort(emptyQuery(), "title").descending).toBe(false);
  });

  it("clears filters but keeps the words and sort", () => {
    const query = { ...withText(emptyQuery(), "cafe"), regions: ["Wales"], page: 3 };
    expect(clearFilters(query)).toEqual({ ...emptyQuery(), text: "cafe", sort: "relevance" });
  });

  it("asks the backend for pages of 50, with the words trimmed", () => {
    const request = toIdeaQuery(7, { ...emptyQuery(), text: "  cafe ", tags: ["x"] });
    expect(request).toMatchObject({ challengeId: 7, text: "cafe", tags: ["x"], page: 1, pageSize: PAGE_SIZE });
    expect(PAGE_SIZE).toBe(50);
  });
});
