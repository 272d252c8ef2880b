// The register's query as it lives in the address (`#/ideas?q=cafe&department=ONS&page=2`):
// search words, filters, sort and page. Keeping it in the hash makes Back work and lets an idea's
// page link back to the very list it was opened from.
import type { ChallengeId, IdeaQuery, SortKey, Stage } from "./api";
import { STAGES } from "./stage";

/** The filter dimensions, named as IdeaQuery and the facets name them. */
export const DIMENSIONS = ["stages", "departments", "themes", "tags", "professions", "grades", "regions"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type RegisterQuery = {
  text: string;
  stages: Stage[];
  departments: string[];
  themes: string[];
  tags: string[];
  professions: string[];
  grades: string[];
  regions: string[];
  sort: SortKey;
  descending: boolean;
  /** 1-based. */
  page: number;
};

/** The name of a dimension's parameter in the address: one value per parameter, repeated. */
const PARAM: Record<Dimension, string> = {
  stages: "stage",
  departments: "department",
  themes: "theme",
  tags: "tag",
  professions: "profession",
  grades: "grade",
  regions: "region",
};

export const PAGE_SIZE = 50;

const SORT_KEYS: readonly SortKey[] = ["relevance", "reference", "submitted", "title"];

/** Best match when there are words to match; reference order otherwise. */
export function defaultSort(text: string): SortKey {
  return text.trim() === "" ? "reference" : "relevance";
}

/** Newest first for dates; A to Z (and best first) for the rest. */
export function defaultDescending(sort: SortKey): boolean {
  return sort === "submitted";
}

export function emptyQuery(): RegisterQuery {
  return {
    text: "",
    stages: [],
    departments: [],
    themes: [],
    tags: [],
    professions: [],
    grades: [],
    regions: [],
    sort: "reference",
    descending: false,
    page: 1,
  };
}

/**
 * Reads the part of the hash after "?". Anything unreadable falls back to the default rather than
 * failing: an address typed or kept from an older version still shows the register.
 */
export function parseRegisterQuery(search: string): RegisterQuery {
  const params = new URLSearchParams(search);
  const query = emptyQuery();
  query.text = params.get("q") ?? "";
  for (const dimension of DIMENSIONS) {
    const values = unique(params.getAll(PARAM[dimension]).filter((v) => v !== ""));
    if (dimension === "stages") query.stages = values.filter((v): v is Stage => (STAGES as readonly string[]).includes(v));
    else query[dimension] = values;
  }
  const sort = params.get("sort");
  query.sort = sort !== null && (SORT_KEYS as readonly string[]).includes(sort) ? (sort as SortKey) : defaultSort(query.text);
  // Best match means nothing without words.
  if (query.sort === "relevance" && query.text.trim() === "") query.sort = "reference";
  const order = params.get("order");
  query.descending = order === "desc" ? true : order === "asc" ? false : defaultDescending(query.sort);
  const page = params.get("page");
  query.page = page !== null && /^[1-9][0-9]{0,6}$/.test(page) ? Number(page) : 1;
  return query;
}

/** The part after "?" (without it), leaving out whatever is the default; "" for the plain list. */
export function serializeRegisterQuery(query: RegisterQuery): string {
  const params = new URLSearchParams();
  if (query.text !== "") params.set("q", query.text);
  for (const dimension of DIMENSIONS) for (const value of query[dimension]) params.append(PARAM[dimension], value);
  if (query.sort !== defaultSort(query.text)) params.set("sort", query.sort);
  if (query.descending !== defaultDescending(query.sort)) params.set("order", query.descending ? "desc" : "asc");
  if (query.page !== 1) params.set("page", String(query.page));
  // URLSearchParams writes spaces as "+"; "%20" reads the same and is what people expect to see.
  return params.toString().replace(/\+/g, "%20");
}

export function isSameQuery(a: RegisterQuery, b: RegisterQuery): boolean {
  return serializeRegisterQuery(a) === serializeRegisterQuery(b);
}

export function hasFilters(query: RegisterQuery): boolean {
  return DIMENSIONS.some((d) => query[d].length > 0);
}

/** The query with one filter value added or taken away, back on page 1. */
export function toggleFilter(query: RegisterQuery, dimension: Dimension, value: string, on: boolean): RegisterQuery {
  const current: string[] = query[dimension];
  const values = on ? unique([...current, value]) : current.filter((v) => v !== value);
  return { ...query, [dimension]: values, page: 1 };
}

/** The same words and sort with no filters, back on page 1. */
export function clearFilters(query: RegisterQuery): RegisterQuery {
  const empty = emptyQuery();
  return { ...empty, text: query.text, sort: query.sort, descending: query.descending };
}

/** New search words: page 1, and the sort follows the words unless someone chose one. */
export function withText(query: RegisterQuery, text: string): RegisterQuery {
  const wasDefault = query.sort === defaultSort(query.text) && query.descending === defaultDescending(query.sort);
  let sort = wasDefault ? defaultSort(text) : query.sort;
  if (sort === "relevance" && text.trim() === "") sort = "reference";
  const descending = wasDefault || sort !== query.sort ? defaultDescending(sort) : query.descending;
  return { ...query, text, sort, descending, page: 1 };
}

export function withSort(query: RegisterQuery, sort: SortKey): RegisterQuery {
  return { ...query, sort, descending: defaultDescending(sort), page: 1 };
}

export function toIdeaQuery(challengeId: ChallengeId, query: RegisterQuery): IdeaQuery {
  return {
    challengeId,
    text: query.text.trim(),
    stages: [...query.stages],
    departments: [...query.departments],
    themes: [...query.themes],
    tags: [...query.tags],
    professions: [...query.professions],
    grades: [...query.grades],
    regions: [...query.regions],
    sort: query.sort,
    descending: query.descending,
    page: query.page,
    pageSize: PAGE_SIZE,
  };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
