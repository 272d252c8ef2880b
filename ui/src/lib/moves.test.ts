import { describe, expect, it } from "vitest";
import { moveErrors, movedMessage } from "./moves";

describe("a move that did not happen", () => {
  const anchors = (field: string) => (field === "reason" ? "bulk-reason" : field.startsWith("DC21-") ? `select-${field}` : null);

  it("lists each refused idea of a batch, linked to its box", () => {
    const errors = moveErrors(
      {
        code: "refused",
        message: "Two ideas cannot move",
        fields: [
          { field: "DC21-0001", message: "DC21-0001 needs a complete evaluation" },
          { field: "DC21-0002", message: "DC21-0002 has left the challenge" },
        ],
      },
      anchors,
    );
    expect(errors.summary).toEqual([
      { href: "#select-DC21-0001", text: "DC21-0001 needs a complete evaluation" },
      { href: "#select-DC21-0002", text: "DC21-0002 has left the challenge" },
    ]);
    expect(errors.general).toBeNull();
  });

  it("shows a refusal without fields as its message, and a missing reason beside the reason box", () => {
    expect(moveErrors({ code: "refused", message: "Winners do not move", fields: [] }, anchors).general).toBe("Winners do not move");
    const errors = moveErrors({ code: "validation", message: "Check", fields: [{ field: "reason", message: "Say why" }] }, anchors);
    expect(errors.byField["bulk-reason"]).toBe("Say why");
    expect(errors.summary[0].href).toBe("#bulk-reason");
  });

  it("names what moved", () => {
    expect(movedMessage({ to: "shortlist", moved: ["DC21-0001", "DC21-0002", "DC21-0003"] })).toBe("Moved 3 ideas to Shortlist");
    expect(movedMessage({ to: "shortlist", moved: ["DC21-0001"] })).toBe("Moved 1 idea to Shortlist");
    expect(movedMessage({ to: "semiFinal", moved: ["DC21-0001"] }, true)).toBe("Moved DC21-0001 to Semi-final");
  });
});
