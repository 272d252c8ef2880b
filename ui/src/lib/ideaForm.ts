// The idea form's own model and how it becomes the IdeaInput the Rust side checks. The form
// keeps what people type (tags as one comma-separated line, links one per line, a theme not yet
// in the list); turning it into lists is done here so it can be tested without a screen.
import type { CoSubmitter, Dataset, Idea, IdeaInput } from "./api";
import { dateParts, todayParts } from "./format";

export type IdeaForm = {
  title: string;
  summary: string;
  problem: string;
  dataDescription: string;
  datasets: Dataset[];
  benefits: string;
  submitterName: string;
  submitterEmail: string;
  /** The submitter agreed to their name being published with the idea. */
  submitterConsent: boolean;
  department: string;
  profession: string;
  grade: string;
  region: string;
  coSubmitters: CoSubmitter[];
  submittedDay: string;
  submittedMonth: string;
  submittedYear: string;
  /** The themes ticked. */
  themes: string[];
  /** A theme typed into "Add a theme". */
  newTheme: string;
  /** Tags separated by commas, as typed. */
  tags: string;
  /** Links one per line, as typed. */
  links: string;
  notes: string;
};

export function blankDataset(): Dataset {
  return { name: "", owner: "", availability: "unknown" };
}

export function blankCoSubmitter(): CoSubmitter {
  return { name: "", email: "", consent: false };
}

/** A new idea's form: empty, dated today (most ideas are keyed in the day they arrive). */
export function newIdeaForm(today: Date = new Date()): IdeaForm {
  const { day, month, year } = todayParts(today);
  return {
    title: "",
    summary: "",
    problem: "",
    dataDescription: "",
    datasets: [],
    benefits: "",
    submitterName: "",
    submitterEmail: "",
    submitterConsent: false,
    department: "",
    profession: "",
    grade: "",
    region: "",
    coSubmitters: [],
    submittedDay: day,
    submittedMonth: month,
    submittedYear: year,
    themes: [],
    newTheme: "",
    tags: "",
    links: "",
    notes: "",
  };
}

export function ideaFormFrom(idea: Idea): IdeaForm {
  const { day, month, year } = dateParts(idea.submittedOn);
  return {
    title: idea.title,
    summary: idea.summary,
    problem: idea.problem,
    dataDescription: idea.dataDescription,
    datasets: idea.datasets.map((d) => ({ ...d })),
    benefits: idea.benefits,
    submitterName: idea.submitterName,
    submitterEmail: idea.submitterEmail,
    submitterConsent: idea.submitterConsent ?? false,
    department: idea.department,
    profession: idea.profession,
    grade: idea.grade,
    region: idea.region,
    coSubmitters: idea.coSubmitters.map((c) => ({ ...c })),
    submittedDay: day,
    submittedMonth: month,
    submittedYear: year,
    themes: [...idea.themes],
    newTheme: "",
    tags: idea.tags.join(", "),
    links: idea.links.join("\n"),
    notes: idea.notes,
  };
}

/**
 * What is sent to be checked and saved. Rows left wholly blank (an "Add another" pressed by
 * mistake) are dropped; a half-filled row is sent, so the Rust side can say what is missing.
 */
export function toIdeaInput(form: IdeaForm): IdeaInput {
  const themes = [...form.themes];
  const newTheme = form.newTheme.trim();
  if (newTheme !== "" && !themes.includes(newTheme)) themes.push(newTheme);
  return {
    title: form.title,
    summary: form.summary,
    problem: form.problem,
    dataDescription: form.dataDescription,
    datasets: form.datasets
      .filter((d) => d.name.trim() !== "" || d.owner.trim() !== "")
      .map((d) => ({ name: d.name, owner: d.owner, availability: d.availability })),
    benefits: form.benefits,
    submitterName: form.submitterName,
    submitterEmail: form.submitterEmail,
    submitterConsent: form.submitterConsent,
    department: form.department,
    profession: form.profession,
    grade: form.grade,
    region: form.region,
    coSubmitters: form.coSubmitters
      .filter((c) => c.name.trim() !== "" || c.email.trim() !== "")
      .map((c) => ({ name: c.name, email: c.email, consent: c.consent ?? false })),
    submittedDay: form.submittedDay,
    submittedMonth: form.submittedMonth,
    submittedYear: form.submittedYear,
    themes,
    tags: splitList(form.tags, ","),
    links: splitList(form.links, /\r?\n/),
    notes: form.notes,
  };
}

function splitList(text: string, separator: string | RegExp): string[] {
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}
