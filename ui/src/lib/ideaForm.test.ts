import { describe, expect, it } from "vitest";
import type { Idea } from "./api";
import { ideaFormFrom, newIdeaForm, toIdeaInput } from "./ideaForm";

describe("the idea form", () => {
  it("dates a new idea today", () => {
    const form = newIdeaForm(new Date(2021, 4, 4));
    expect([form.submittedDay, form.submittedMonth, form.submittedYear]).toEqual(["4", "5", "2021"]);
  });

  it("turns typed lists into lists, dropping blank rows and blank entries", () => {
    const form = {
      ...newIdeaForm(),
      datasets: [
        { name: "School census", owner: "DfE", availability: "available" as const },
        { name: " ", owner: "", availability: "unknown" as const },
        { name: "", owner: "NHS England", availability: "partly" as const },
      ],
      coSubmitters: [{ name: "", email: "" }, { name: "Ann", email: "ann@example.gov.uk" }],
      themes: ["Health"],
      newTheme: "  Net zero ",
      tags: " pilot, ,linked data,",
      links: "https://a.example\r\n\n  https://b.example  ",
    };
    const input = toIdeaInput(form);
    // A half-filled row goes to the backend, which says what is missing.
    expect(input.datasets).toEqual([
      { name: "School census", owner: "DfE", availability: "available" },
      { name: "", owner: "NHS England", availability: "partly" },
    ]);
    // No consent unless it was given: a name is published only on a yes.
    expect(input.coSubmitters).toEqual([{ name: "Ann", email: "ann@example.gov.uk", consent: false }]);
    expect(input.themes).toEqual(["Health", "Net zero"]);
    expect(input.tags).toEqual(["pilot", "linked data"]);
    expect(input.links).toEqual(["https://a.example", "https://b.example"]);
    expect(input).not.toHaveProperty("newTheme");
  });

  it("round-trips a stored idea's lists through the form", () => {
    const idea = {
      submittedOn: "2021-05-04",
      datasets: [{ name: "D", owner: "O", availability: "notYet" }],
      coSubmitters: [{ name: "C", email: "c@example.gov.uk" }],
      themes: ["T"],
      tags: ["a", "b c"],
      links: ["https://x.example"],
    } as unknown as Idea;
    const input = toIdeaInput(ideaFormFrom({ ...newIdeaForm(), ...idea } as unknown as Idea));
    expect(input).toMatchObject({
      submittedDay: "4",
      submittedMonth: "5",
      submittedYear: "2021",
      datasets: idea.datasets,
      coSubmitters: idea.coSubmitters,
      themes: ["T"],
      tags: ["a", "b c"],
      links: ["https://x.example"],
    });
  });
});
