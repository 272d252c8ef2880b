//! The PDF packs' content: what the secretariat knows about a round, composed as a
//! `shortlist_pdf` [`Document`].
//!
//! # The pieces
//!
//! - [`PackData`]: everything a pack is made from, already read: the challenge, the round, its
//!   ideas with their evaluations ([`PackIdea`]), the rubric, and what goes on the cover.
//! - [`panel_pack`]: the panel's briefing pack; [`judge_pack`]: the same for one judge
//!   ([`JudgeBrief`]), listing the ideas left out of it; [`one_pager`]: one idea on a page.
//! - [`results_pack`]: a scored round ([`ScoredRound`]): the ranking, each idea's spread across the
//!   judges, the judges' severity, declared interests and the decisions.
//!
//! # What it must not do
//!
//! Compose only. No database, no files, no clock: the app's use cases (`ops::packs` in
//! `shortlist-app`) read what a pack needs, call a function here, and lay the document out and
//! write it with `shortlist_pdf`. So the packs' wording can be tested on the document model,
//! without a database or PDF bytes; and the layout engine knows nothing of ideas or judges.

use chrono::{DateTime, NaiveDate, Utc};
use shortlist_domain::{Challenge, ConflictKind, Decision, Evaluation, Idea, Rag, Reference, Stage};
use shortlist_pdf::{Block, Cell, Column, Document, DotPlot, DotRow, Metadata, Span, Table};
use shortlist_scoring::{Rubric, Scale};

/// One idea with what the pack says about it.
#[derive(Debug, Clone)]
pub struct PackIdea {
    pub idea: Idea,
    pub evaluation: Option<Evaluation>,
}

/// Everything a pack is made from.
#[derive(Debug, Clone)]
pub struct PackData {
    pub challenge: Challenge,
    pub round: Stage,
    pub ideas: Vec<PackIdea>,
    pub rubric: Rubric,
    pub meeting_date: Option<NaiveDate>,
    /// E.g. "Version 1" or "Final": printed on the cover so readers know which copy they hold.
    pub version: String,
    /// Hide submitters' names, emails and departments, so the panel judges the idea alone.
    pub blind: bool,
    pub author: String,
    pub made_at: DateTime<Utc>,
    /// The audit trail's fingerprint when the pack was made (see `shortlist_store::audit`):
    /// printed on the cover and at the foot of every page, so that any printed page can be
    /// tied to the exact state of the data it came from.
    pub audit_fingerprint: Option<String>,
}

fn pdf_rag(r: Option<Rag>) -> shortlist_pdf::Rag {
    match r {
        Some(Rag::Red) => shortlist_pdf::Rag::Red,
        Some(Rag::Amber) => shortlist_pdf::Rag::Amber,
        Some(Rag::Green) => shortlist_pdf::Rag::Green,
        None => shortlist_pdf::Rag::NotRated,
    }
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn money(n: i64) -> String {
    format!("£{}", shortlist_domain::group_thousands(n.max(0) as usize))
}

fn kv(key: &str, value: impl Into<String>) -> (String, Vec<Span>) {
    let value = value.into();
    (key.to_owned(), vec![Span::plain(if value.trim().is_empty() { "Not given".to_owned() } else { value })])
}

fn answered<T>(value: Option<T>, label: impl Fn(T) -> &'static str) -> String {
    value.map(label).unwrap_or("Not answered").to_owned()
}

fn document(data: &PackData, title: String, subject: String) -> Document {
    let meta = Metadata {
        title,
        author: data.author.clone(),
        subject,
        language: "en-GB".to_owned(),
        date_label: long_date(data.made_at.date_naive()),
        created_unix: data.made_at.timestamp(),
    };
    let mut doc = Document::new(meta);
    if let Some(fingerprint) = &data.audit_fingerprint {
        doc = doc.with_footer_note(format!("Data as at audit {fingerprint}"));
    }
    match data.challenge.marking.label() {
        Some(marking) => doc.with_marking(marking),
        None => doc,
    }
}

/// The panel briefing pack for a round: cover, how to use it, contents, the summary table, a
/// section per idea with a scoring grid, and the rubric in an annex.
pub fn panel_pack(data: &PackData) -> Document {
    let round = data.round.label();
    let title = format!("{} – {round} panel briefing pack", data.challenge.name);
    let mut doc = document(data, title.clone(), format!("Briefing for the {round} panel"));
    cover(&mut doc, data, "Panel briefing pack");
    doc.push(Block::heading(1, "How to use this pack"));
    doc.push(Block::paragraph(format!(
        "This pack holds the {} ideas on the {} for the panel to discuss. Each idea has its own section: \
         what was proposed, the secretariat's assessment of its viability, its benefits and the obstacles to \
         delivering it, each rated red, amber or green, and a recommendation.",
        data.ideas.len(),
        round.to_lowercase()
    )));
    doc.push(Block::List {
        ordered: false,
        items: vec![
            vec![Span::plain("Start with the summary table: it shows every idea's ratings at a glance.")],
            vec![Span::plain(
                "Read each idea's section before the meeting, and score it on the grid at its end against the \
                 criteria and bands in the annex.",
            )],
            vec![Span::plain(
                "If you have a conflict of interest with an idea (you manage someone involved, work in the same \
                 team, or have a personal or financial interest), tell the secretariat before the meeting.",
            )],
            vec![Span::plain(format!(
                "This pack is marked {}. Keep it safe and do not forward it.",
                data.challenge.marking.label().unwrap_or("for the panel only")
            ))],
        ],
    });
    if data.blind {
        doc.push(Block::Paragraph(vec![Span::italic(
            "Names and departments of the people who sent in the ideas are left out of this pack, so that each idea is judged on its merits.",
        )]));
    }
    briefing_body(&mut doc, data, "Summary of the ideas");
    doc
}

/// A one-page summary of one idea: what it is, its ratings and the recommendation.
pub fn one_pager(data: &PackData, item: &PackIdea) -> Document {
    let idea = &item.idea;
    let title = format!("{}: {}", idea.reference, idea.details.title);
    let mut doc = document(data, title.clone(), format!("One-page summary of {}", idea.reference));
    doc.push(Block::heading(1, title));
    idea_facts(&mut doc, data, idea);
    doc.push(Block::paragraph(idea.details.summary.clone()));
    if let Some(e) = &item.evaluation {
        doc.push(Block::Ratings(ratings(e)));
        let mut facts = vec![
            kv("Viability", e.viability.narrative.clone()),
            kv("Benefits", e.benefits.narrative.clone()),
            kv("Estimated value", value_range(e)),
        ];
        if let Some(worst) = e.obstacles.register.first() {
            facts.push(kv(
                "Biggest obstacle",
                format!(
                    "{} (likelihood {} × impact {} = {})",
                    worst.description,
                    worst.likelihood,
                    worst.impact,
                    worst.severity()
                ),
            ));
        }
        facts.push(kv("Recommendation", answered(e.recommendation, |r| r.label())));
        facts.push(kv("Why", e.rationale.clone()));
        doc.push(Block::KeyValue(facts));
    } else {
        doc.push(Block::paragraph("Not evaluated yet."));
    }
    doc
}

/// For whom a per-judge pack is made, and which of the round's ideas it leaves out and why.
#[derive(Debug, Clone)]
pub struct JudgeBrief {
    pub name: String,
    pub role: String,
    /// Reference, title and why it is left out ("You declared an interest: same team").
    pub left_out: Vec<(String, String, String)>,
}

/// The per-judge pack: the panel pack for one judge's ideas, listing those left out.
pub fn judge_pack(data: &PackData, judge: &JudgeBrief) -> Document {
    let round = data.round.label();
    let title = format!("{} – {round} briefing pack for {}", data.challenge.name, judge.name);
    let mut doc = document(data, title, format!("Briefing for {} for the {round} panel", judge.name));
    cover(&mut doc, data, &format!("Briefing pack for {}", judge.name));
    doc.push(Block::heading(1, "How to use this pack"));
    doc.push(Block::paragraph(format!(
        "This pack holds the {} ideas of the {} round that you are asked to score, {}. Each idea has its own \
         section with the secretariat's assessment and a grid to score it against the criteria in the annex.",
        data.ideas.len(),
        round.to_lowercase(),
        if judge.role.is_empty() { judge.name.clone() } else { format!("{}, {}", judge.name, judge.role) }
    )));
    if !judge.left_out.is_empty() {
        doc.push(Block::Heading {
            level: 2,
            text: "Ideas left out of your pack".to_owned(),
            bookmark: false,
        });
        doc.push(Block::Table(Table {
            columns: vec![Column::auto("Reference"), Column::fr("Title", 3.0), Column::fr("Why", 2.0)],
            rows: judge
                .left_out
                .iter()
                .map(|(r, t, why)| {
                    vec![Cell::text(r.clone()), Cell::text(t.clone()), Cell::text(why.clone())]
                })
                .collect(),
            min_row_height_mm: 0.0,
        }));
    }
    briefing_body(&mut doc, data, "Summary of your ideas");
    doc
}

fn score(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "–".to_owned())
}

/// A round's scoring as the results pack reports it: the numbers `shortlist_scoring` worked out,
/// joined by the caller to the names and references a reader knows.
#[derive(Debug, Clone)]
pub struct ScoredRound {
    /// The rubric the counted totals were given under.
    pub rubric_name: String,
    pub scale: Scale,
    /// Scores saved but not submitted, which do not count yet.
    pub draft_scores: u32,
    /// Scores given under earlier versions of the rubric, which do not count.
    pub earlier_version_scores: u32,
    /// Ranked ideas best first, then unranked ones.
    pub ranking: Vec<RankedIdea>,
    /// The panel, in its order.
    pub judges: Vec<PanelJudge>,
    /// The panel's declared interests in the round's ideas, withdrawn ones included.
    pub interests: Vec<DeclaredInterest>,
    /// The panel's recorded decisions, in the meeting's order.
    pub decisions: Vec<PanelDecision>,
    /// Whether the round is judged by rubric scores; `false` for a pairwise-only round, whose
    /// pack leaves out every section about scores.
    pub scores_used: bool,
    /// Resamples behind the ranking's intervals (0: none drawn).
    pub resamples: u32,
    /// How far the judges agree, per criterion and then for the total.
    pub reliability: Vec<ReliabilityLine>,
    /// The line the round draws, and the ideas on it that rest on one judge; `None` when the
    /// next stage has no target.
    pub cut: Option<Cut>,
    /// The pairwise ranking, for a round judged (also) by comparing pairs.
    pub pairwise: Option<PairwiseRound>,
}

/// How far the judges agree on one criterion, or on the total.
#[derive(Debug, Clone)]
pub struct ReliabilityLine {
    /// "Viability", or "The total".
    pub name: String,
    /// ICC(2,1): one judge's score.
    pub icc_single: Option<f64>,
    /// ICC(2,k): the panel's mean.
    pub icc_average: Option<f64>,
    /// Krippendorff's alpha (interval), the figure the reading follows.
    pub alpha: Option<f64>,
    /// "The judges agree poorly on Innovation (Krippendorff's alpha 0.42, …)."
    pub reading: String,
}

/// The round's cut.
#[derive(Debug, Clone)]
pub struct Cut {
    /// How many ideas go on.
    pub target: u32,
    pub next_stage: Stage,
    /// Ideas whose side of the line rests on one judge, in rank order.
    pub single_judge: Vec<SingleJudgeIdea>,
}

/// An idea whose place in or out of the cut rests on one judge.
#[derive(Debug, Clone)]
pub struct SingleJudgeIdea {
    pub reference: Reference,
    pub title: String,
    /// "Without Amara Osei it would be out of the 4."
    pub reason: String,
}

/// A pairwise round's overall ranking as the pack reports it.
#[derive(Debug, Clone)]
pub struct PairwiseRound {
    /// Overall choices the ranking used.
    pub comparisons: u32,
    pub ranking: Vec<PairwiseRanked>,
    /// One sentence on how the judges' choices sit with the ranking.
    pub agreement: String,
    /// The cut from the pairwise ranking.
    pub cut: Option<Cut>,
}

/// One idea of the pairwise ranking.
#[derive(Debug, Clone)]
pub struct PairwiseRanked {
    /// "2", or "2=".
    pub rank: String,
    pub reference: Reference,
    pub title: String,
    /// Log-odds of beating an average idea of the round.
    pub strength: f64,
    pub low: f64,
    pub high: f64,
    /// The modelled chance of being preferred to an average idea.
    pub win_probability: f64,
    pub comparisons: u32,
}

/// One row of the ranking.
#[derive(Debug, Clone)]
pub struct RankedIdea {
    pub reference: Reference,
    pub title: String,
    /// "2", or "2=" when shared; `None` when unranked.
    pub rank: Option<String>,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub normalised_mean: Option<f64>,
    pub judges_counted: u32,
    pub sd: Option<f64>,
    pub disagreement: bool,
    /// The weighted totals of the judges who gave one, in the panel's order.
    pub totals: Vec<f64>,
    /// The 95% interval of the mean the ranking uses, resampling judges.
    pub score_interval: Option<(f64, f64)>,
    /// The best and worst plausible ranks (95%).
    pub rank_interval: Option<(u32, u32)>,
    /// Share of resamples in which it was inside the cut.
    pub in_cut: Option<f64>,
}

/// One judge of the panel, with how their scoring compares.
#[derive(Debug, Clone)]
pub struct PanelJudge {
    pub name: String,
    pub role: String,
    /// Ideas fully scored; `None` when the scoring has nothing on the judge.
    pub ideas_scored: Option<usize>,
    pub mean_total: Option<f64>,
    /// Positive: more generous than the panel; negative: more severe.
    pub severity: Option<f64>,
}

/// A judge's declared interest in one of the round's ideas.
#[derive(Debug, Clone)]
pub struct DeclaredInterest {
    /// The judge's name.
    pub judge: String,
    /// The idea's reference.
    pub idea: String,
    pub kind: ConflictKind,
    pub withdrawn: bool,
}

/// The panel's decision on one idea.
#[derive(Debug, Clone)]
pub struct PanelDecision {
    pub reference: Reference,
    pub title: String,
    pub decision: Decision,
}

/// The results pack after scoring: the ranking raw beside normalised, each idea's spread across
/// the judges as a chart, the disagreements, the judges' severity, and the decisions.
pub fn results_pack(data: &PackData, results: &ScoredRound) -> Document {
    let round = data.round.label();
    let title = format!("{} – {round} results", data.challenge.name);
    let mut doc = document(data, title, format!("Results of the {round} panel"));
    cover(&mut doc, data, "Results pack");
    if results.scores_used {
        scores_sections(&mut doc, results);
    }
    if let Some(p) = &results.pairwise {
        pairwise_section(&mut doc, p);
    }
    doc.push(Block::heading(1, "Decisions"));
    if results.decisions.is_empty() {
        doc.push(Block::paragraph("The panel has not recorded its decisions yet."));
    } else {
        doc.push(Block::Table(Table {
            columns: vec![
                Column::auto("Reference"),
                Column::fr("Title", 2.0),
                Column::auto("Decision"),
                Column::fr("Reasons", 2.5),
            ],
            rows: results
                .decisions
                .iter()
                .map(|d| {
                    let x = &d.decision;
                    vec![
                        Cell::text(d.reference.as_str()),
                        Cell::text(d.title.clone()),
                        Cell::text(format!("{}, {}", x.kind.label(), long_date(x.decided_on))),
                        Cell::text(x.reasons.clone()),
                    ]
                })
                .collect(),
            min_row_height_mm: 0.0,
        }));
    }
    doc
}

/// The sections about rubric scores: how they are worked out, the ranking and how sure it is,
/// the judges' spread, agreement and severity, the cut, and declared interests.
fn scores_sections(doc: &mut Document, results: &ScoredRound) {
    let scale = results.scale;
    doc.push(Block::heading(1, "How the results are worked out"));
    doc.push(Block::paragraph(format!(
        "Each judge's total for an idea is the weighted mean of their scores against the rubric “{}”, on its \
         scale of {} to {}. An idea's raw mean is the mean of its judges' totals; judges who declared an interest \
         or have not scored it are left out, so no idea is penalised for having fewer judges. The normalised \
         mean first puts each judge's totals on a common footing (how far each total sits from that judge's own \
         average), so a severe or generous judge does not move an idea up or down. An idea is flagged when its \
         judges disagree widely.",
        results.rubric_name, scale.min, scale.max
    )));
    if results.draft_scores > 0 || results.earlier_version_scores > 0 {
        doc.push(Block::Paragraph(vec![Span::italic(format!(
            "Not counted: {} scores still in draft and {} given under an earlier version of the rubric.",
            results.draft_scores, results.earlier_version_scores
        ))]));
    }
    doc.push(Block::heading(1, "Ranking"));
    doc.push(Block::Table(Table {
        columns: vec![
            Column::auto("Rank"),
            Column::auto("Reference"),
            Column::fr("Title", 1.0),
            Column::auto("Raw"),
            Column::auto("Median"),
            Column::auto("Normalised"),
            Column::auto("Judges"),
            Column::auto("Spread"),
        ],
        rows: results
            .ranking
            .iter()
            .map(|r| {
                let spread = match (r.sd, r.disagreement) {
                    (Some(sd), true) => format!("{sd:.2} Disagree"),
                    (Some(sd), false) => format!("{sd:.2}"),
                    (None, _) => "–".to_owned(),
                };
                vec![
                    Cell::text(r.rank.clone().unwrap_or_else(|| "–".to_owned())),
                    Cell::text(r.reference.as_str()),
                    Cell::text(r.title.clone()),
                    Cell::text(score(r.mean)),
                    Cell::text(score(r.median)),
                    Cell::text(score(r.normalised_mean)),
                    Cell::text(r.judges_counted.to_string()),
                    Cell::text(spread),
                ]
            })
            .collect(),
        min_row_height_mm: 0.0,
    }));
    doc.push(Block::heading(1, "Each idea's scores across the judges"));
    doc.push(Block::DotPlot(DotPlot {
        rows: results
            .ranking
            .iter()
            .filter(|r| r.mean.is_some())
            .map(|r| DotRow { label: r.reference.0.clone(), values: r.totals.clone(), mean: r.mean })
            .collect(),
        min: f64::from(scale.min),
        max: f64::from(scale.max),
        axis_label: format!("Judge's weighted total ({} to {})", scale.min, scale.max),
        alt: format!(
            "Dot plot of each scored idea's weighted totals from the judges, on the scale {} to {}, best ranked \
             first, with each idea's mean; a wide spread of dots means the judges disagree",
            scale.min, scale.max
        ),
    }));
    doc.push(Block::paragraph(
        "Each dot is one judge's total for the idea, and a dot with a number stands for that many judges with the same total; the mark is the mean. Wide rows are where the judges disagree.",
    ));
    let disagreements: Vec<_> = results.ranking.iter().filter(|r| r.disagreement).collect();
    doc.push(Block::heading(1, "Where the judges disagree"));
    if disagreements.is_empty() {
        doc.push(Block::paragraph("No idea's judges disagree widely."));
    } else {
        doc.push(Block::List {
            ordered: false,
            items: disagreements
                .iter()
                .map(|r| {
                    vec![
                        Span::bold(format!("{}: ", r.reference)),
                        Span::plain(format!(
                            "{} (totals from {} to {}, spread {})",
                            r.title,
                            score(r.totals.iter().copied().reduce(f64::min)),
                            score(r.totals.iter().copied().reduce(f64::max)),
                            score(r.sd)
                        )),
                    ]
                })
                .collect(),
        });
    }
    confidence_sections(doc, results);
    doc.push(Block::heading(1, "The judges"));
    doc.push(Block::Table(Table {
        columns: vec![
            Column::auto("Judge"),
            Column::auto("Ideas scored"),
            Column::auto("Mean total"),
            Column::auto("Compared with the panel"),
        ],
        rows: results
            .judges
            .iter()
            .map(|j| {
                let severity = match j.severity {
                    Some(s) if s > 0.005 => format!("{s:.2} more generous"),
                    Some(s) if s < -0.005 => format!("{:.2} more severe", -s),
                    Some(_) => "In line".to_owned(),
                    None => "–".to_owned(),
                };
                vec![
                    Cell::text(format!("{}, {}", j.name, j.role)),
                    Cell::text(j.ideas_scored.map(|n| n.to_string()).unwrap_or_default()),
                    Cell::text(score(j.mean_total)),
                    Cell::text(severity),
                ]
            })
            .collect(),
        min_row_height_mm: 0.0,
    }));
    if !results.interests.is_empty() {
        doc.push(Block::heading(2, "Declared interests"));
        doc.push(Block::List {
            ordered: false,
            items: results
                .interests
                .iter()
                .map(|c| {
                    let withdrawn = if c.withdrawn { " (withdrawn)" } else { "" };
                    vec![Span::plain(format!(
                        "{}: {}, {}{withdrawn}",
                        c.judge,
                        c.idea,
                        c.kind.label().to_lowercase()
                    ))]
                })
                .collect(),
        });
    }
}

/// How sure the ranking is, how far the judges agree, and the cut.
fn confidence_sections(doc: &mut Document, results: &ScoredRound) {
    if results.resamples > 0 {
        doc.push(Block::heading(1, "How sure the ranking is"));
        doc.push(Block::paragraph(format!(
            "The panel could have been made up differently. To see how much that matters, the ranking was worked \
             out again {} times, each time from a panel drawn at random from these judges (a judge may be drawn \
             more than once). The ranges below hold 95% of those results: a narrow range means the place does \
             not depend on who sat on the panel; “Ranks” are the places it plausibly holds.",
            thousands(results.resamples)
        )));
        let cut_column = results.cut.as_ref().map(|c| format!("In the {}", c.target));
        if let Some(cut) = &results.cut {
            doc.push(Block::paragraph(format!(
                "“In the {0}” is the share of those results in which the idea was among the {0} going on to the {1}.",
                cut.target,
                cut.next_stage.label()
            )));
        }
        let mut columns = vec![
            Column::auto("Rank"),
            Column::auto("Reference"),
            Column::fr("Title", 1.0),
            Column::auto("Mean"),
            Column::auto("95% range"),
            Column::auto("Ranks"),
        ];
        if let Some(c) = &cut_column {
            columns.push(Column::auto(c.clone()));
        }
        doc.push(Block::Table(Table {
            columns,
            rows: results
                .ranking
                .iter()
                .filter(|r| r.rank.is_some())
                .map(|r| {
                    let mut row = vec![
                        Cell::text(r.rank.clone().unwrap_or_default()),
                        Cell::text(r.reference.as_str()),
                        Cell::text(r.title.clone()),
                        Cell::text(score(r.mean)),
                        Cell::text(match r.score_interval {
                            Some((l, h)) => format!("{l:.2} to {h:.2}"),
                            None => "–".to_owned(),
                        }),
                        Cell::text(match r.rank_interval {
                            Some((b, w)) if b == w => b.to_string(),
                            Some((b, w)) => format!("{b} to {w}"),
                            None => "–".to_owned(),
                        }),
                    ];
                    if cut_column.is_some() {
                        row.push(Cell::text(
                            r.in_cut.map(|p| format!("{:.0}%", 100.0 * p)).unwrap_or_default(),
                        ));
                    }
                    row
                })
                .collect(),
            min_row_height_mm: 0.0,
        }));
    }
    if !results.reliability.is_empty() {
        doc.push(Block::heading(1, "How far the judges agree"));
        doc.push(Block::List {
            ordered: false,
            items: results.reliability.iter().map(|r| vec![Span::plain(r.reading.clone())]).collect(),
        });
        doc.push(Block::paragraph(
            "Krippendorff's alpha is 1 when the judges agree exactly and 0 when they agree no more than chance \
             would; 0.8 or more is good agreement, below 0.67 poor. It copes with judges who did not score an \
             idea. The intraclass correlations (ICC) say how far one judge's score, and the panel's mean, can be \
             relied on; they use only the ideas every judge scored.",
        ));
        doc.push(Block::Table(Table {
            columns: vec![
                Column::fr("Scores on", 1.0),
                Column::auto("Alpha"),
                Column::auto("ICC one judge"),
                Column::auto("ICC panel mean"),
            ],
            rows: results
                .reliability
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(r.name.clone()),
                        Cell::text(score(r.alpha)),
                        Cell::text(score(r.icc_single)),
                        Cell::text(score(r.icc_average)),
                    ]
                })
                .collect(),
            min_row_height_mm: 0.0,
        }));
    }
    if let Some(cut) = &results.cut {
        cut_section(doc, cut, "scores");
    }
}

/// "1,000".
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn cut_section(doc: &mut Document, cut: &Cut, by: &str) {
    doc.push(Block::heading(2, format!("Ideas whose place rests on one judge ({by})")));
    doc.push(Block::paragraph(format!(
        "{} ideas go on to the {}. Each judge was left out in turn to see whether any idea would move across \
         that line without them.",
        cut.target,
        cut.next_stage.label()
    )));
    if cut.single_judge.is_empty() {
        doc.push(Block::paragraph("No idea's place in or out rests on a single judge."));
    } else {
        doc.push(Block::List {
            ordered: false,
            items: cut
                .single_judge
                .iter()
                .map(|d| {
                    vec![
                        Span::bold(format!("{}: ", d.reference)),
                        Span::plain(format!("{}. {}", d.title, d.reason)),
                    ]
                })
                .collect(),
        });
    }
}

/// The pairwise ranking: strengths with their intervals, and the judges' agreement.
fn pairwise_section(doc: &mut Document, p: &PairwiseRound) {
    doc.push(Block::heading(1, "Pairwise ranking"));
    doc.push(Block::paragraph(format!(
        "The judges compared ideas two at a time ({} comparisons). A Bradley–Terry model turns the choices into \
         a strength for each idea: 0 is an average idea of the round, and each point more multiplies the odds \
         of being preferred by about 2.7. The 95% range shows how sure the strength is; ideas whose \
         ranges overlap widely are not clearly apart. “Beats average” is the modelled chance of being preferred to \
         an average idea; “Compared” counts the idea's comparisons.",
        p.comparisons
    )));
    doc.push(Block::Table(Table {
        columns: vec![
            Column::auto("Rank"),
            Column::auto("Reference"),
            Column::fr("Title", 1.0),
            Column::auto("Strength"),
            Column::auto("95% range"),
            Column::auto("Beats average"),
            Column::auto("Compared"),
        ],
        rows: p
            .ranking
            .iter()
            .map(|r| {
                vec![
                    Cell::text(r.rank.clone()),
                    Cell::text(r.reference.as_str()),
                    Cell::text(r.title.clone()),
                    Cell::text(format!("{:+.2}", r.strength)),
                    Cell::text(format!("{:+.2} to {:+.2}", r.low, r.high)),
                    Cell::text(format!("{:.0}%", 100.0 * r.win_probability)),
                    Cell::text(r.comparisons.to_string()),
                ]
            })
            .collect(),
        min_row_height_mm: 0.0,
    }));
    doc.push(Block::paragraph(p.agreement.clone()));
    if let Some(cut) = &p.cut {
        cut_section(doc, cut, "pairwise");
    }
}

/// What the panel and per-judge packs share after their introductions: the contents, the
/// summary table, a section per idea with its scoring grid, and the rubric annex.
fn briefing_body(doc: &mut Document, data: &PackData, summary_heading: &str) {
    doc.push(Block::Heading { level: 1, text: "Contents".to_owned(), bookmark: false });
    doc.push(Block::Contents { max_level: 2 });
    doc.push(Block::PageBreak);
    doc.push(Block::heading(1, summary_heading));
    doc.push(Block::Table(summary_table(data)));
    doc.push(Block::PageBreak);
    doc.push(Block::heading(1, "The ideas"));
    for (i, item) in data.ideas.iter().enumerate() {
        if i > 0 {
            doc.push(Block::PageBreak);
        }
        idea_section(doc, data, item, true);
    }
    doc.push(Block::PageBreak);
    rubric_annex(doc, &data.rubric);
}

fn cover(doc: &mut Document, data: &PackData, kind: &str) {
    doc.push(Block::Space(30.0));
    doc.push(Block::Heading { level: 1, text: data.challenge.name.clone(), bookmark: false });
    doc.push(Block::Heading {
        level: 2,
        text: format!("{} – {} round", kind, data.round.label()),
        bookmark: false,
    });
    doc.push(Block::Space(8.0));
    let mut facts = vec![
        kv("Meeting", data.meeting_date.map(long_date).unwrap_or_else(|| "Date to be confirmed".to_owned())),
        kv("Ideas", data.ideas.len().to_string()),
        kv("Version", data.version.clone()),
        kv("Prepared by", format!("{}, {}", data.author, long_date(data.made_at.date_naive()))),
        kv("Marking", data.challenge.marking.label().unwrap_or("None")),
    ];
    if let Some(fingerprint) = &data.audit_fingerprint {
        facts.push(kv(
            "Audit fingerprint",
            format!("{fingerprint} (Settings → Audit trail shows the data's fingerprint now)"),
        ));
    }
    doc.push(Block::KeyValue(facts));
    doc.push(Block::PageBreak);
}

fn ratings(e: &Evaluation) -> Vec<(String, shortlist_pdf::Rag)> {
    vec![
        ("Viability".to_owned(), pdf_rag(e.viability.rating)),
        ("Benefits".to_owned(), pdf_rag(e.benefits.rating)),
        ("Obstacles".to_owned(), pdf_rag(e.obstacles.rating)),
    ]
}

fn summary_table(data: &PackData) -> Table {
    // Sized to their content (issue #16): references, badges and the recommendation keep
    // their words whole, and the title takes what is left.
    let mut columns = vec![Column::auto("Reference"), Column::fr("Title", 1.0)];
    if !data.blind {
        columns.push(Column::auto("Department"));
    }
    columns.extend([
        Column::auto("Viability"),
        Column::auto("Benefits"),
        Column::auto("Obstacles"),
        Column::auto("Recommendation"),
    ]);
    let rows = data
        .ideas
        .iter()
        .map(|item| {
            let e = item.evaluation.as_ref();
            let mut row =
                vec![Cell::text(item.idea.reference.as_str()), Cell::text(item.idea.details.title.clone())];
            if !data.blind {
                row.push(Cell::text(item.idea.details.department.clone()));
            }
            row.extend([
                Cell::Rag(pdf_rag(e.and_then(|e| e.viability.rating))),
                Cell::Rag(pdf_rag(e.and_then(|e| e.benefits.rating))),
                Cell::Rag(pdf_rag(e.and_then(|e| e.obstacles.rating))),
                Cell::text(answered(e.and_then(|e| e.recommendation), |r| r.label())),
            ]);
            row
        })
        .collect();
    Table { columns, rows, min_row_height_mm: 0.0 }
}

fn idea_facts(doc: &mut Document, data: &PackData, idea: &Idea) {
    let d = &idea.details;
    let mut facts = Vec::new();
    if !data.blind {
        facts.push(kv("Sent in by", d.submitter_name.clone()));
        facts.push(kv("Department", d.department.clone()));
    }
    facts.push(kv("Submitted", long_date(d.submitted_on)));
    if !d.themes.is_empty() {
        facts.push(kv("Themes", d.themes.join(", ")));
    }
    facts.push(kv("Stage", idea.stage.label()));
    doc.push(Block::KeyValue(facts));
}

fn value_range(e: &Evaluation) -> String {
    let b = &e.benefits;
    match (b.value_low, b.value_high) {
        (Some(l), Some(h)) => format!(
            "{} to {}{}",
            money(l),
            money(h),
            b.value_confidence
                .map(|c| format!(" ({} confidence)", c.label().to_lowercase()))
                .unwrap_or_default()
        ),
        _ => "Not estimated".to_owned(),
    }
}

fn idea_section(doc: &mut Document, data: &PackData, item: &PackIdea, with_grid: bool) {
    let idea = &item.idea;
    let d = &idea.details;
    doc.push(Block::heading(2, format!("{}: {}", idea.reference, d.title)));
    idea_facts(doc, data, idea);
    for (heading, body) in [
        ("Summary", &d.summary),
        ("The problem it addresses", &d.problem),
        ("The data it would use", &d.data_description),
        ("Benefits in the submitter's words", &d.benefits),
    ] {
        if !body.trim().is_empty() {
            doc.push(Block::Heading { level: 3, text: heading.to_owned(), bookmark: false });
            doc.push(Block::paragraph(body.clone()));
        }
    }
    let Some(e) = &item.evaluation else {
        doc.push(Block::Heading { level: 3, text: "Assessment".to_owned(), bookmark: false });
        doc.push(Block::paragraph("The secretariat has not evaluated this idea yet."));
        if with_grid {
            scoring_grid(doc, &data.rubric);
        }
        return;
    };
    doc.push(Block::Heading { level: 3, text: "Assessment at a glance".to_owned(), bookmark: false });
    doc.push(Block::Ratings(ratings(e)));
    let v = &e.viability;
    doc.push(Block::Heading {
        level: 3,
        text: format!("Viability: {}", rag_word(v.rating)),
        bookmark: false,
    });
    doc.push(Block::KeyValue(vec![
        kv("Data available", answered(v.data_availability, |x| x.label())),
        kv("Data quality", answered(v.data_quality, |x| x.label())),
        kv("Data sharing agreement", answered(v.data_sharing_agreement, |x| x.label())),
        kv("DPIA", answered(v.dpia, |x| x.label())),
        kv("Lawful basis", v.lawful_basis.clone()),
        kv("Technical feasibility", v.technical_feasibility.clone()),
        kv("Skills and capacity", v.skills_capacity.clone()),
        kv("Cost", answered(v.cost_band, |x| x.label())),
        kv("Time to first value", answered(v.time_to_value, |x| x.label())),
    ]));
    if !v.narrative.is_empty() {
        doc.push(Block::paragraph(v.narrative.clone()));
    }
    let b = &e.benefits;
    doc.push(Block::Heading { level: 3, text: format!("Benefits: {}", rag_word(b.rating)), bookmark: false });
    let join = |xs: Vec<&str>| if xs.is_empty() { String::new() } else { xs.join(", ") };
    doc.push(Block::KeyValue(vec![
        kv("Who benefits", join(b.beneficiaries.iter().map(|x| x.label()).collect())),
        kv("Kind of benefit", join(b.kinds.iter().map(|x| x.label()).collect())),
        kv("Estimated value", value_range(e)),
        kv(
            "People affected",
            b.people_affected
                .map(|n| shortlist_domain::group_thousands(n.max(0) as usize))
                .unwrap_or_default(),
        ),
        kv("Fit with priorities", b.priorities_fit.clone()),
    ]));
    if !b.narrative.is_empty() {
        doc.push(Block::paragraph(b.narrative.clone()));
    }
    let o = &e.obstacles;
    doc.push(Block::Heading {
        level: 3,
        text: format!("Obstacles to delivery: {}", rag_word(o.rating)),
        bookmark: false,
    });
    if !o.narrative.is_empty() {
        doc.push(Block::paragraph(o.narrative.clone()));
    }
    if o.register.is_empty() {
        doc.push(Block::paragraph("No obstacles recorded."));
    } else {
        doc.push(Block::Table(Table {
            columns: vec![
                Column::auto("Obstacle"),
                Column::auto("Category"),
                Column::auto("L × I"),
                Column::auto("Mitigation"),
                Column::auto("Owner"),
                Column::auto("Status"),
            ],
            rows: o
                .register
                .iter()
                .map(|x| {
                    vec![
                        Cell::text(x.description.clone()),
                        Cell::text(x.category.label()),
                        Cell::text(format!("{}×{} = {}", x.likelihood, x.impact, x.severity())),
                        Cell::text(x.mitigation.clone()),
                        Cell::text(x.owner.clone()),
                        Cell::text(x.status.label()),
                    ]
                })
                .collect(),
            min_row_height_mm: 0.0,
        }));
    }
    doc.push(Block::Heading {
        level: 3,
        text: format!("Recommendation: {}", answered(e.recommendation, |r| r.label())),
        bookmark: false,
    });
    if !e.rationale.is_empty() {
        doc.push(Block::paragraph(e.rationale.clone()));
    }
    if with_grid {
        scoring_grid(doc, &data.rubric);
    }
}

fn rag_word(r: Option<Rag>) -> &'static str {
    r.map(Rag::label).unwrap_or("Not rated")
}

/// A grid to score by hand: one row per criterion, with its weight and the scale.
fn scoring_grid(doc: &mut Document, rubric: &Rubric) {
    let scale = rubric.scale();
    doc.push(Block::Heading { level: 3, text: "Your scores".to_owned(), bookmark: false });
    doc.push(Block::paragraph(format!(
        "Score each criterion from {} to {} using the bands in the annex. Add a comment for the lowest and \
         highest bands.",
        scale.min, scale.max
    )));
    doc.push(Block::Table(Table {
        columns: vec![
            Column::auto("Criterion"),
            Column::auto("Weight"),
            Column::mm("Score", 18.0),
            Column::fr("Comment", 3.0),
        ],
        rows: rubric
            .criteria()
            .iter()
            .map(|c| vec![Cell::text(c.name.clone()), Cell::text(weight(c.weight)), Cell::Blank, Cell::Blank])
            .collect(),
        min_row_height_mm: 12.0,
    }));
}

fn weight(w: f64) -> String {
    if w.fract() == 0.0 {
        format!("{w:.0}")
    } else {
        format!("{w:.2}")
    }
}

fn rubric_annex(doc: &mut Document, rubric: &Rubric) {
    doc.push(Block::heading(1, "Annex: how to score"));
    let scale = rubric.scale();
    doc.push(Block::paragraph(format!(
        "The panel scores every idea against the criteria of the rubric “{}”, each from {} to {}. A criterion's \
         weight says how much it counts in the idea's total, which is the weighted mean of its scores.",
        rubric.name(),
        scale.min,
        scale.max
    )));
    doc.push(Block::heading(2, "Criteria"));
    doc.push(Block::Table(Table {
        columns: vec![Column::auto("Criterion"), Column::auto("Weight"), Column::auto("What to look for")],
        rows: rubric
            .criteria()
            .iter()
            .map(|c| {
                vec![Cell::text(c.name.clone()), Cell::text(weight(c.weight)), Cell::text(c.guidance.clone())]
            })
            .collect(),
        min_row_height_mm: 0.0,
    }));
    doc.push(Block::heading(2, "Bands"));
    doc.push(Block::Table(Table {
        columns: vec![Column::auto("Score"), Column::auto("Band"), Column::auto("Description")],
        rows: rubric
            .bands()
            .iter()
            .rev()
            .map(|b| {
                let range = if b.min == b.max { b.min.to_string() } else { format!("{}–{}", b.min, b.max) };
                vec![Cell::text(range), Cell::text(b.label.clone()), Cell::text(b.description.clone())]
            })
            .collect(),
        min_row_height_mm: 0.0,
    }));
}
