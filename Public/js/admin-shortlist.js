// Console section: the criteria, scoring each idea 0–3 per criterion, and selecting ideas into the shortlist rounds.
import { api, seg } from "./api.js";
import { el, replace } from "./dom.js";
import { field, input, select } from "./admin-kit.js";

const SCORE_OPTIONS = [["", "Not scored"], ["0", "0 – none"], ["1", "1 – low"], ["2", "2 – medium"], ["3", "3 – high"]];
/** The rounds in order; each draws from the one before. */
const ROUNDS = [["prioritise", "Prioritise (people vote on it)"], ["act", "Act (we will do it)"], ["published", "Published in the guide"]];
const roundName = (key) => ROUNDS.find(([k]) => k === key)?.[1] ?? key;

export const shortlistSection = {
  id: "shortlist",
  title: "Scoring and shortlist",
  intro: "Score the ideas from Answer against the criteria (0 none to 3 high), then select them round by round with a reason.",
  async load(section) {
    const table = await api("GET", `/admin/campaigns/${seg(section.slug)}/shortlist`);
    const criteria = table.criteria ?? [];
    replace(section.body, criteriaForm(section, criteria),
      !criteria.length ? el("p", { class: "muted", text: "Set the criteria above before scoring." }) : null,
      table.ideas?.length
        ? el("ul", { class: "items", id: "shortlist-ideas" }, ...table.ideas.map((idea) => row(section, idea, criteria)))
        : el("p", { class: "muted", text: "No ideas from the Answer phase yet." }));
  },
};

/** One line per criterion, "key: label"; the key is the short lower-case name scores are stored under. */
function criteriaForm(section, criteria) {
  const text = el("textarea", { rows: 3, name: "criteria" });
  text.value = criteria.map((c) => `${c.key}: ${c.label}`).join("\n");
  const form = el("form", { class: "criteria-form" },
    field("Criteria, one per line as key: label", text, "For example “impact: Difference it makes”. Changing them keeps scores already given."),
    el("button", { type: "submit", class: "secondary", text: "Save criteria" }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const list = text.value.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
      const [key, ...rest] = line.split(":");
      return { key: key.trim().toLowerCase(), label: (rest.join(":").trim() || key.trim()) };
    });
    if (await section.run(() => api("PUT", `/admin/campaigns/${seg(section.slug)}/criteria`, { criteria: list }))) await section.load();
  });
  return form;
}

const mean = (value) => (typeof value === "number" ? value.toFixed(1) : "–");

function row(section, idea, criteria) {
  const selects = criteria.map((c) => {
    const control = select(SCORE_OPTIONS, { name: c.key });
    control.value = idea.myScores?.[c.key] === undefined ? "" : String(idea.myScores[c.key]);
    return [c, control];
  });
  const scores = el("form", { class: "inline-fields scores" },
    ...selects.map(([c, control]) => field(c.label, control)),
    el("button", { type: "submit", class: "secondary", text: "Save scores" }));
  scores.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(selects.filter(([, c]) => c.value !== "").map(([c, control]) => [c.key, Number(control.value)]));
    if (!Object.keys(body).length) return section.say("Choose a score for at least one criterion.", "error");
    if (await section.run(() => api("PUT", `/admin/contributions/${seg(idea.id)}/scores`, body))) {
      section.say(`Scores saved for idea ${idea.id}.`, "success");
    }
  });
  const rounds = idea.rounds ?? {};
  const next = ROUNDS.find(([key]) => !(key in rounds));
  const round = select(ROUNDS, { name: "round" });
  if (next) round.value = next[0];
  const reason = input({ name: "reason", maxlength: 1000 });
  const shortlist = el("form", { class: "inline-fields shortlist" }, field("Round", round), field("Reason (kept in the audit log)", reason),
    el("button", { type: "submit", text: "Select into round" }));
  shortlist.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!reason.value.trim()) return section.say("Say why this idea is selected.", "error");
    if (await section.run(() => api("POST", `/admin/campaigns/${seg(section.slug)}/shortlist/${seg(round.value)}`, { contributionId: idea.id, reason: reason.value.trim() }))) {
      await section.load();
      section.say(`Idea ${idea.id} selected into ${roundName(round.value)}.`, "success");
    }
  });
  const totals = criteria.map((c) => `${c.label} ${mean(idea.criteria?.[c.key])}`).join(", ");
  return el("li", { class: "item", "data-idea-id": idea.id },
    el("h3", { text: `${idea.id}. ${idea.title || "Untitled idea"}` }),
    el("p", { class: "body", text: idea.body }),
    el("p", { class: "meta" },
      el("span", { text: `${idea.up} up, ${idea.down} down, ${idea.comments} comments` }),
      el("span", { text: `Mean scores from ${idea.scorers} ${idea.scorers === 1 ? "person" : "people"}: ${totals || "no criteria"}` })),
    Object.keys(rounds).length
      ? el("ul", { class: "rounds" }, ...Object.entries(rounds).map(([key, why]) => el("li", { class: "pill", text: `In ${roundName(key)}: ${why}` })))
      : el("p", { class: "muted small", text: "Not selected into any round yet." }),
    scores, shortlist);
}
