// Finding an idea by what people quote: its reference.
import { commands, type ChallengeId, type Reference } from "./api";
import { ask } from "./backend";

/**
 * The id of the idea with this reference, or null if there is none (or the search failed: the
 * callers say the reference was not found). References are in the search index, so a search for
 * one finds it among at most a page of near matches.
 */
export async function findIdeaId(challengeId: ChallengeId, reference: Reference): Promise<number | null> {
  const answer = await ask(
    commands.searchIdeas({
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
    }),
  );
  if (!answer.ok) return null;
  return answer.data.hits.find((hit) => hit.idea.reference === reference)?.idea.id ?? null;
}
