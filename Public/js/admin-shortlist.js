// Console section: criteria scoring (0–3 per criterion) and shortlist rounds, one row per idea.
import { api, seg, query } from "./api.js";
import { el, replace } from "./dom.js";
import { field, input, select } from "./admin-kit.js";

const DEFAULT_CRITERIA = ["impact", "feasibility", "reach"];
const SCORE_OPTIONS = [["", "–"], ["0", "0 none"], ["1", "1 low"], ["2", "2 medium"], ["3", "3 high"]];

export const shortlistSection = {
  id: "shortlist",
  title: "Scoring and shortlist",
  intro: "Score ideas against the criteria, then shortlist them round by round with a reason.",
  async load(section) {
    const campaign = await api("GET", `/admin/campaigns/${seg(section.slug)}`);
    const criteria = campaign.criteria?.length ? campaign.criteria : DEFAULT_CRITERIA;
    const { items } = await api("GET", `/api/campaigns/${seg(section.slug)}/contributions${query({ sort: "top", limit: 50 })}`);
    replace(section.body, items.length
      ? el("ul", { class: "items" }, ...items.map((item) => row(section, item, criteria)))
      : el("p", { class: "muted", text: "No ideas to score yet." }));
  },
};

function row(section, item, criteria) {
  const selects = criteria.map((name) => [name, select(SCORE_OPTIONS, { name })]);
  const scores = el("form", { class: "inline-fields" },
    ...selects.map(([name, control]) => field(name[0].toUpperCase() + name.slice(1), control)),
    el("button", { type: "submit", class: "secondary", text: "Save scores" }));
  scores.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(selects.filter(([, c]) => c.value !== "").map(([name, c]) => [name, Number(c.value)]));
    if (await section.run(() => api("PUT", `/admin/contributions/${seg(item.id)}/scores`, body))) section.say(`Scores saved for idea ${item.id}.`, "success");
  });
  const round = select([["1", "Round 1"], ["2", "Round 2"], ["3", "Round 3"]]);
  const reason = input({ maxlength: 300 });
  const shortlist = el("form", { class: "inline-fields" }, field("Round", round), field("Reason", reason),
    el("button", { type: "submit", text: "Shortlist" }));
  shortlist.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (await section.run(() => api("POST", `/admin/campaigns/${seg(section.slug)}/shortlist/${seg(round.value)}`, { contributionId: item.id, reason: reason.value.trim() }))) {
      section.say(`Idea ${item.id} shortlisted in round ${round.value}.`, "success");
    }
  });
  return el("li", { class: "item" },
    el("h3", { text: `${item.id}. ${item.title || "Untitled"}` }),
    el("p", { class: "meta" }, el("span", { text: `${item.up} up, ${item.down} down` }), item.shortlisted ? el("span", { class: "pill", text: "Shortlisted" }) : null),
    el("p", { class: "body", text: item.body }),
    scores, shortlist);
}
