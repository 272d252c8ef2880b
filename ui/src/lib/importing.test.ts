import { describe, expect, it } from "vitest";
import { duplicateReason, FIELDS, fieldLabel, importButtonText, importedMessage, sameFields, withFields } from "./importing";

const summary = { added: 37, alreadyImported: 0, withProblems: 0, flaggedDuplicates: 0, firstReference: "DC21-0201", lastReference: "DC21-0237" };

describe("import words", () => {
  it("labels every field as the Rust side does, with Do not import last", () => {
    expect(FIELDS).toHaveLength(19);
    expect(fieldLabel("submittedAt")).toBe("Date submitted");
    expect(fieldLabel("submitterEmail")).toBe("Submitter's email address");
    expect(FIELDS[FIELDS.length - 1]).toBe("ignore");
  });

  it("says what an import did, with the references it gave", () => {
    expect(importedMessage(summary)).toEqual({ message: "Imported 37 ideas (DC21-0201 to DC21-0237).", duplicates: null });
    expect(importedMessage({ ...summary, added: 1, lastReference: "DC21-0201", flaggedDuplicates: 1 })).toEqual({
      message: "Imported 1 idea (DC21-0201).",
      duplicates: "1 flagged as a possible duplicate.",
    });
    expect(importedMessage({ ...summary, added: 0, firstReference: null, lastReference: null }).message).toBe("No new ideas were imported.");
  });

  it("explains why two ideas look alike", () => {
    expect(duplicateReason(true, 1)).toBe("Same submitter and title");
    expect(duplicateReason(false, 0.456)).toBe("Similar wording (46%)");
    expect(duplicateReason(false, 0.456, "comma")).toBe("Similar wording, 46%");
    expect(duplicateReason(false, null)).toBe("Similar wording");
  });

  it("counts ideas on the import button", () => {
    expect(importButtonText(1)).toBe("Import 1 idea");
    expect(importButtonText(1200)).toBe("Import 1,200 ideas");
  });

  it("replaces fields without touching the headers", () => {
    const mapping = { columns: [{ header: "A", field: "title" as const }, { header: "B", field: "ignore" as const }] };
    const changed = withFields(mapping, ["title", "summary"]);
    expect(changed).toEqual({ columns: [{ header: "A", field: "title" }, { header: "B", field: "summary" }] });
    expect(sameFields(mapping, ["title", "ignore"])).toBe(true);
    expect(sameFields(mapping, ["title", "summary"])).toBe(false);
  });
});
