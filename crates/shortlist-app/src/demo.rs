//! PLACEHOLDER until the demo generator lands (being written now).
use shortlist_domain::{ChallengeInput, IdeaInput, Marking};
pub const DEMO_SEED: u64 = 2021;
pub const DEMO_IDEA_COUNT: usize = 200;
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoIdea { pub title: String, pub summary: String, pub submitter_name: String, pub department: String }
impl DemoIdea { pub fn to_input(&self) -> IdeaInput { IdeaInput { title: self.title.clone(), summary: self.summary.clone(), submitter_name: self.submitter_name.clone(), department: self.department.clone() } } }
pub fn demo_challenge() -> ChallengeInput { ChallengeInput { name: "Civil Service Data Challenge 2021".into(), year: "2021".into(), closing_day: "14".into(), closing_month: "5".into(), closing_year: "2021".into(), marking: Some(Marking::Official), reference_prefix: "DC21".into() } }
pub fn demo_ideas(_seed: u64, count: usize) -> Vec<DemoIdea> { (0..count).map(|i| DemoIdea { title: format!("Idea {i}"), summary: "Summary".into(), submitter_name: "Siân Llŷr".into(), department: "Welsh Government".into() }).collect() }
