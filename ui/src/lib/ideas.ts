// Finding an idea by what people quote: its reference.
import { commands, type ChallengeId, type Reference } from "./api";

/**
 * The id of the idea with this reference, or null if there is none. References are in the search
 * index, so a search for one finds it among at most a page of near matches.
 */
export async function findIdeaId(challengeId: ChallengeId, reference: Reference): Promise<number | null> {
  const result = await commands.searchIdeas({
    challengeId,
    text: reference,
    stages: [],
    departments: [],
    themes: [],
    tags: [],
    professions: [],
    grades: [],
    regions: [],
    sort: "relevance",
    descending: false,
    page: 1,
    pageSize: 0,
  });
  if (result.status !== "ok") return null;
  return result.data.hits.find((hit) => hit.idea.reference === reference)?.idea.id ?? null;
}
