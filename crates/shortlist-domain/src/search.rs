//! Finding ideas: the query a person builds from the search box, filters and sort, and what comes
//! back (a page of hits with highlighted snippets, and a count for every filter value).

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::{ChallengeId, IdeaSummary, Stage};

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum SortKey {
    /// Best match first when there is search text; reference order otherwise.
    #[default]
    Relevance,
    Reference,
    Submitted,
    Title,
}

/// A search of one challenge's register. Empty lists mean "no filter"; several values in one
/// list mean any of them; different lists must all hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct IdeaQuery {
    pub challenge_id: ChallengeId,
    /// Words to find; each is matched as a prefix, accents and case ignored.
    pub text: String,
    pub stages: Vec<Stage>,
    pub departments: Vec<String>,
    pub themes: Vec<String>,
    pub tags: Vec<String>,
    pub professions: Vec<String>,
    pub grades: Vec<String>,
    pub regions: Vec<String>,
    pub sort: SortKey,
    pub descending: bool,
    /// 1-based.
    pub page: u32,
    /// 0 means the default (50).
    pub page_size: u32,
}

impl IdeaQuery {
    pub const DEFAULT_PAGE_SIZE: u32 = 50;
    pub const MAX_PAGE_SIZE: u32 = 500;

    pub fn for_challenge(challenge_id: ChallengeId) -> IdeaQuery {
        IdeaQuery { challenge_id, page: 1, page_size: Self::DEFAULT_PAGE_SIZE, ..IdeaQuery::default() }
    }

    pub fn effective_page_size(&self) -> u32 {
        match self.page_size {
            0 => Self::DEFAULT_PAGE_SIZE,
            n => n.min(Self::MAX_PAGE_SIZE),
        }
    }

    pub fn effective_page(&self) -> u32 {
        self.page.max(1)
    }

    /// The search words as typed, split on anything that is not a letter or digit (so quotes and
    /// operators in the box are words, never query syntax).
    pub fn words(&self) -> Vec<String> {
        self.text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
    }
}

/// A piece of a snippet: highlighted pieces are the words that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SnippetPart {
    pub text: String,
    pub highlight: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub idea: IdeaSummary,
    /// Where the words matched, when there was search text.
    pub snippet: Vec<SnippetPart>,
}

/// One value of a filter and how many ideas it would show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: u32,
}

/// The counts beside each filter. Each dimension counts with every other filter applied but not
/// its own, so choosing a second department shows how many that would add.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Facets {
    pub stages: Vec<FacetValue>,
    pub departments: Vec<FacetValue>,
    pub themes: Vec<FacetValue>,
    pub tags: Vec<FacetValue>,
    pub professions: Vec<FacetValue>,
    pub grades: Vec<FacetValue>,
    pub regions: Vec<FacetValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    /// How many ideas match, across all pages.
    pub total: u32,
    pub page: u32,
    pub page_size: u32,
    pub hits: Vec<SearchHit>,
    pub facets: Facets,
}

/// Splits a snippet marked with `start`/`end` characters into plain and highlighted parts.
pub fn snippet_parts(marked: &str, start: char, end: char) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut highlight = false;
    for c in marked.chars() {
        if c == start || c == end {
            if !current.is_empty() {
                parts.push(SnippetPart { text: std::mem::take(&mut current), highlight });
            }
            highlight = c == start;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        parts.push(SnippetPart { text: current, highlight });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_syntax_typed_in_the_box_is_just_words() {
        let q = IdeaQuery { text: "\"NHS\" AND data* -(café)".into(), ..IdeaQuery::default() };
        assert_eq!(q.words(), ["NHS", "AND", "data", "café"], "operators never reach the search engine");
    }

    #[test]
    fn snippets_split_into_highlighted_parts() {
        let parts = snippet_parts("…the \u{2}café\u{3} register…", '\u{2}', '\u{3}');
        let shown: Vec<(&str, bool)> = parts.iter().map(|p| (p.text.as_str(), p.highlight)).collect();
        assert_eq!(shown, [("…the ", false), ("café", true), (" register…", false)]);
    }

    #[test]
    fn page_size_is_bounded() {
        let mut q = IdeaQuery::for_challenge(ChallengeId(1));
        q.page_size = 100_000;
        assert_eq!(q.effective_page_size(), IdeaQuery::MAX_PAGE_SIZE, "a huge page would freeze the list");
        q.page = 0;
        assert_eq!(q.effective_page(), 1);
    }
}
