// Console section: shortlisting as a table — the criteria as a list, every idea with its mean scores and total, sorted
// and filtered, scored inline (one request for the whole table), and selected into or taken out of rounds in bulk.
import { api, seg } from "./api.js";
import { el, replace, plural } from "./dom.js";
import { field, input, select, confirmStep, sayBulk } from "./admin-kit.js";

const SCORE_OPTIONS = [["", "–"], ["0", "0"], ["1", "1"], ["2", "2"], ["3", "3"]];
/** The rounds in order; each draws from the one before. */
const ROUNDS = [["prioritise", "Prioritise (people vote on it)"], ["act", "Act (we will do it)"], ["published", "Published in the guide"]];
const roundName = (key) => ROUNDS.find(([k]) => k === key)?.[1] ?? key;
const mean = (value) => (typeof value === "number" ? value.toFixed(1) : "–");

export const shortlistSection = {
  id: "shortlist",
  title: "Scoring and shortlist",
  intro: "Score the ideas from Answer against the criteria (0 none to 3 high) in the table, save the scores once, then tick ideas and select them into a round with one reason. Sort by any column; filter by words or round.",
  async load(section) {
    const data = await api("GET", `/admin/campaigns/${seg(section.slug)}/shortlist`);
    const criteria = data.criteria ?? [];
    section.view = section.view ?? { sort: "total", filter: "", round: "" };
    replace(section.body, criteriaEditor(section, criteria),
      !criteria.length ? el("p", { class: "muted", text: "Add the criteria above before scoring." }) : null,
      data.ideas?.length ? ideaTable(section, data.ideas, criteria) : el("p", { class: "muted", text: "No ideas from the Answer phase yet." }));
  },
};

/** The criteria as a list of (key, label) rows; the key is the short name scores are stored under. */
function criteriaEditor(section, criteria) {
  const list = el("ol", { class: "criteria-list", id: "criteria-list" });
  const addRow = (c = { key: "", label: "" }) => {
    const key = input({ name: "key", value: c.key, maxlength: 40, "aria-label": "Key (short, lower case)" });
    const label = input({ name: "label", value: c.label, maxlength: 100, "aria-label": "What it means" });
    const row = el("li", { class: "inline-fields" }, key, label,
      el("button", { type: "button", class: "secondary", text: "Remove", onclick: () => row.remove() }));
    list.append(row);
  };
  criteria.forEach(addRow);
  const form = el("form", { class: "criteria-form", id: "criteria-form" }, el("h3", { text: "Criteria" }), list,
    el("div", { class: "actions" }, el("button", { type: "button", class: "secondary", text: "Add a criterion", onclick: () => addRow() }),
      el("button", { type: "submit", text: "Save criteria" })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const rows = [...list.children].map((row) => ({ key: row.querySelector("[name=key]").value.trim().toLowerCase(), label: row.querySelector("[name=label]").value.trim() }))
      .filter((c) => c.key).map((c) => ({ key: c.key, label: c.label || c.key }));
    if (await section.run(() => api("PUT", `/admin/campaigns/${seg(section.slug)}/criteria`, { criteria: rows }))) {
      await section.load();
      section.say("Criteria saved.", "success");
    }
  });
  return form;
}

function ideaTable(section, ideas, criteria) {
  const view = section.view;
  const words = view.filter.toLowerCase();
  const shown = ideas
    .filter((idea) => !words || `${idea.title ?? ""} ${idea.body}`.toLowerCase().includes(words))
    .filter((idea) => !view.round || (view.round === "none" ? !Object.keys(idea.rounds ?? {}).length : view.round in (idea.rounds ?? {})))
    .sort((a, b) => {
      const key = (idea) => (view.sort === "total" ? idea.total : view.sort === "votes" ? idea.score : idea.criteria?.[view.sort] ?? -1);
      return key(b) - key(a) || b.score - a.score;
    });
  const sort = select([["total", "Total score"], ["votes", "Votes (Wilson score)"], ...criteria.map((c) => [c.key, c.label])], { name: "sort", id: "shortlist-sort" });
  sort.value = view.sort;
  const filter = input({ name: "filter", type: "search", value: view.filter, id: "shortlist-filter" });
  const inRound = select([["", "Any"], ["none", "In no round"], ...ROUNDS], { name: "in-round", id: "shortlist-in-round" });
  inRound.value = view.round;
  const tools = el("form", { class: "inline-fields", id: "shortlist-view" }, field("Sort by", sort), field("Words", filter), field("Round", inRound),
    el("button", { type: "submit", class: "secondary", text: "Show" }));
  tools.addEventListener("submit", (event) => {
    event.preventDefault();
    section.view = { sort: sort.value, filter: filter.value.trim(), round: inRound.value };
    section.load();
  });
  sort.addEventListener("change", () => tools.requestSubmit());
  inRound.addEventListener("change", () => tools.requestSubmit());

  const boxes = [];
  const scoreControls = [];
  const rows = shown.map((idea) => {
    const box = el("input", { type: "checkbox", name: "idea", value: idea.id, "aria-label": `Select idea ${idea.id}` });
    boxes.push(box);
    const cells = criteria.map((c) => {
      const control = select(SCORE_OPTIONS, { name: c.key, "data-idea": idea.id, "aria-label": `Your ${c.label} score for idea ${idea.id}` });
      control.value = idea.myScores?.[c.key] === undefined ? "" : String(idea.myScores[c.key]);
      control.dataset.was = control.value;
      scoreControls.push(control);
      return el("td", {}, el("span", { class: "muted small", text: `mean ${mean(idea.criteria?.[c.key])} ` }), control);
    });
    const rounds = Object.keys(idea.rounds ?? {});
    return el("tr", { "data-idea-id": idea.id },
      el("td", {}, box), el("td", { text: String(idea.id) }),
      el("td", {}, el("strong", { text: idea.title || "Untitled idea" }), el("p", { class: "small", text: idea.body })),
      el("td", { text: `${idea.up} up, ${idea.down} down, ${idea.comments} comments` }),
      ...cells, el("td", { text: mean(idea.total) }),
      el("td", { text: rounds.length ? rounds.map(roundName).join("; ") : "–" }));
  });
  const table = el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": "Ideas and their scores" },
    el("table", { id: "shortlist-table" },
      el("caption", { class: "visually-hidden", text: "Ideas and their scores" }),
      el("thead", {}, el("tr", {}, ...["", "Idea", "Text", "Votes", ...criteria.map((c) => c.label), "Total", "Rounds"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, ...rows)));

  const saveScores = el("button", { type: "button", id: "save-scores", text: "Save my scores", onclick: async () => {
    const changed = new Map();
    for (const control of scoreControls) {
      if (control.value === control.dataset.was || control.value === "") continue;
      const id = Number(control.dataset.idea);
      changed.set(id, { ...(changed.get(id) ?? {}), [control.name]: Number(control.value) });
    }
    if (!changed.size) return section.say("No score has changed.", "info");
    const items = [...changed].map(([contributionId, scores]) => ({ contributionId, scores }));
    if (await section.run(() => api("PUT", `/admin/campaigns/${seg(section.slug)}/scores`, { items }))) {
      await section.load();
      section.say(`Scores saved for ${items.length} ${items.length === 1 ? "idea" : "ideas"}.`, "success");
    }
  } });
  const round = select(ROUNDS, { name: "round", id: "bulk-round" });
  const reason = input({ name: "reason", maxlength: 1000, id: "bulk-reason" });
  const chosen = () => boxes.filter((b) => b.checked).map((b) => Number(b.value));
  const bulk = async (verb) => {
    const ids = chosen();
    if (!ids.length) return section.say("Tick the ideas first.", "error");
    if (verb === "bulk" && !reason.value.trim()) return section.say("Say why these ideas are selected.", "error");
    if (verb === "remove" && !(await confirmStep({ title: `Take ${ids.length === 1 ? "this idea" : `these ${ids.length} ideas`} out?`,
      message: `Out of ${roundName(round.value)} and any later round. They can be selected again.`, confirm: "Take them out", danger: true }))) return;
    const answer = await section.run(() => api("POST", `/admin/campaigns/${seg(section.slug)}/${verb === "bulk" ? "shortlist" : "unshortlist"}/${seg(round.value)}`,
      verb === "bulk" ? { ids, reason: reason.value.trim() } : { ids }));
    if (!answer) return;
    await section.load();
    sayBulk(section, answer, `${plural(answer.done, "idea")} ${verb === "bulk" ? "selected into" : "taken out of"} ${roundName(round.value)}.`);
  };
  const actions = el("div", { class: "inline-fields", id: "shortlist-actions" }, field("Round", round), field("Reason (kept in the audit log)", reason),
    el("div", { class: "actions" },
      el("button", { type: "button", text: "Select the ticked ideas", onclick: () => bulk("bulk") }),
      el("button", { type: "button", class: "danger", text: "Take them out", onclick: () => bulk("remove") })));
  return el("div", {}, tools, el("p", { id: "shortlist-count", text: `${shown.length} of ${ideas.length} ideas shown.` }), table,
    el("div", { class: "actions" }, saveScores), actions);
}
