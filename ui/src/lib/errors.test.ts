import { describe, expect, it } from "vitest";
import { hasErrors, toFormErrors, unexpected } from "./errors";

describe("toFormErrors", () => {
  it("links each field's message to the input with that id, in the backend's order", () => {
    const errors = toFormErrors({
      code: "validation",
      message: "Check the idea",
      fields: [
        { field: "title", message: "Enter a title" },
        { field: "closingDay", message: "Closing date must be a real date" },
      ],
    });
    expect(errors.summary).toEqual([
      { href: "#title", text: "Enter a title" },
      { href: "#closingDay", text: "Closing date must be a real date" },
    ]);
    expect(errors.byField).toEqual({ title: "Enter a title", closingDay: "Closing date must be a real date" });
    expect(errors.general).toBeNull();
    expect(hasErrors(errors)).toBe(true);
  });

  it("shows one message per field, the first one, so the summary has no duplicate links", () => {
    const errors = toFormErrors({
      code: "validation",
      message: "",
      fields: [
        { field: "title", message: "Enter a title" },
        { field: "title", message: "Title must be 200 characters or fewer" },
      ],
    });
    expect(errors.summary).toHaveLength(1);
    expect(errors.byField.title).toBe("Enter a title");
  });

  it.each(["notFound", "internal", "databaseUnusable"] as const)("shows a %s error as a general message", (code) => {
    const errors = toFormErrors({ code, message: "Idea 9 does not exist", fields: [] });
    expect(errors).toEqual({ summary: [], byField: {}, general: "Idea 9 does not exist" });
    expect(hasErrors(errors)).toBe(true);
  });

  it("still shows a validation error that names no field", () => {
    const errors = toFormErrors({ code: "validation", message: "Nothing to save", fields: [] });
    expect(errors.general).toBe("Nothing to save");
  });
});

describe("unexpected", () => {
  it("gives a sentence a person can act on, not the thrown value's JSON", () => {
    const error = unexpected({ weird: true });
    expect(error.code).toBe("internal");
    expect(error.message).not.toContain("{");
    expect(unexpected(new Error("bridge missing")).message).toContain("bridge missing");
  });
});

describe("rows of a list", () => {
  it("links a row's field (`obstacles.0.likelihood`) to its box (`obstacles-0-likelihood`), keeping the message by field", () => {
    const errors = toFormErrors({
      code: "validation",
      message: "Check the evaluation",
      fields: [{ field: "obstacles.0.likelihood", message: "Select the likelihood of obstacle 1 from 1 to 5" }],
    });
    expect(errors.summary).toEqual([{ href: "#obstacles-0-likelihood", text: "Select the likelihood of obstacle 1 from 1 to 5" }]);
    expect(errors.byField["obstacles.0.likelihood"]).toBe("Select the likelihood of obstacle 1 from 1 to 5");
  });
});
