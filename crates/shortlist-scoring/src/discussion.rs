//! The order in which the panel discusses ideas in its meeting.
//!
//! A panel has little time, so it spends it where the scores settle least:
//! 1. **Disagreement** — ideas whose judges disagree (the flag of [`IdeaResult::disagreement`]),
//!    widest sd first, then widest range, then best rank, then idea id.
//! 2. **Borderline** — the rest of the ideas near the cut-off: with the round taking
//!    `cut_off` ideas (say 8) and a margin `k` (say 2), the ranks `cut_off - k + 1 ..= cut_off + k`
//!    (7 to 10): the last `k` places in and the first `k` out. Best rank first, then idea id.
//!    Ties follow their shared rank, so a tie across the line is borderline as a whole.
//! 3. **Other** — everything else, best rank first, unranked ideas last, then by idea id.
//!
//! Each idea appears once, under the first group it qualifies for; `borderline` is still set
//! on a disagreement item that is also near the line, so the chair can say so.

use serde::Serialize;

use crate::aggregate::{IdeaResult, Results};
use crate::score::IdeaId;

/// Why an idea is where it is in the discussion order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum DiscussionReason {
    /// The judges disagree.
    Disagreement,
    /// Its rank is near the cut-off.
    Borderline,
    /// Neither.
    Other,
}

/// One idea in the discussion order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DiscussionItem {
    /// The idea.
    pub idea: IdeaId,
    /// Its rank in the results.
    pub rank: Option<u32>,
    /// The group it is discussed in.
    pub reason: DiscussionReason,
    /// Whether its judges disagree.
    pub disagreement: bool,
    /// Whether its rank is near the cut-off.
    pub borderline: bool,
}

/// Orders `results`' ideas for the meeting, as described in the [module documentation](self).
/// `cut_off` is how many ideas go through (the round's target size); `margin` is `k`.
/// A `cut_off` of 0 or a `margin` of 0 makes nothing borderline.
pub fn discussion_order(results: &Results, cut_off: u32, margin: u32) -> Vec<DiscussionItem> {
    let borderline = |rank: Option<u32>| {
        rank.is_some_and(|r| {
            cut_off > 0 && margin > 0 && r + margin > cut_off && r <= cut_off.saturating_add(margin)
        })
    };
    let mut items: Vec<(&IdeaResult, DiscussionItem)> = results
        .ideas
        .iter()
        .map(|r| {
            let b = borderline(r.rank);
            let reason = if r.disagreement {
                DiscussionReason::Disagreement
            } else if b {
                DiscussionReason::Borderline
            } else {
                DiscussionReason::Other
            };
            (
                r,
                DiscussionItem {
                    idea: r.idea,
                    rank: r.rank,
                    reason,
                    disagreement: r.disagreement,
                    borderline: b,
                },
            )
        })
        .collect();
    items.sort_by(|(ra, a), (rb, b)| {
        let spread = |r: &IdeaResult| r.spread.map_or((0.0, 0.0), |s| (s.sd, s.range));
        let by_spread =
            if a.reason == DiscussionReason::Disagreement && b.reason == DiscussionReason::Disagreement {
                let ((sa, ga), (sb, gb)) = (spread(ra), spread(rb));
                sb.total_cmp(&sa).then(gb.total_cmp(&ga))
            } else {
                std::cmp::Ordering::Equal
            };
        a.reason
            .cmp(&b.reason)
            .then(by_spread)
            // `None` (unranked) last.
            .then(a.rank.unwrap_or(u32::MAX).cmp(&b.rank.unwrap_or(u32::MAX)))
            .then(a.idea.cmp(&b.idea))
    });
    items.into_iter().map(|(_, item)| item).collect()
}
