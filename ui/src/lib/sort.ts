// Sorting the ideas table (MOJ sortable table pattern, done here rather than by MOJ's script,
// which would rewrite rows that Svelte owns).
import type { IdeaSummary } from "./api";

export type IdeaColumn = "reference" | "title" | "submitterName" | "department" | "updatedAt";
export type SortOrder = "ascending" | "descending";

// Numeric-aware so DC21-0010 follows DC21-0009 and "Idea 10" follows "Idea 9".
const collator = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });

export function sortIdeas(ideas: readonly IdeaSummary[], by: IdeaColumn, order: SortOrder): IdeaSummary[] {
  const sign = order === "ascending" ? 1 : -1;
  return [...ideas].sort((a, b) => {
    const primary =
      by === "updatedAt"
        ? Date.parse(a.updatedAt) - Date.parse(b.updatedAt)
        : collator.compare(a[by], b[by]);
    // Ties keep a stable, meaningful order: by reference.
    return sign * primary || collator.compare(a.reference, b.reference);
  });
}
