// Console section: the analysis aids — candidate themes for drafting the codebook, the machine coder with its
// measured agreement beside every use, machine coding of the items no team codes, and the teams' pace.
import { api, seg, describeError, ApiError } from "./api.js";
import { el, replace, formatDay, plural } from "./dom.js";
import { field, input, select, table, confirmStep, AGREEMENT_NOTE } from "./admin-kit.js";

const KINDS = [["barrier", "Barrier"], ["building_block", "Building block"]];

export const assistSection = {
  id: "assist",
  title: "Assisted analysis",
  intro: "Help that keeps coding blind: groups found in the text to draft the codebook from, a machine coder measured like a third team, and the teams' pace.",
  async load(section) {
    const facilitates = section.console.me?.role !== "analyst";
    const parts = facilitates
      ? [el("div", { id: "assist-candidates" }), el("div", { id: "assist-machine" }), el("div", { id: "assist-disputes" }), el("div", { id: "assist-progress" })]
      : [el("div", { id: "assist-progress" })];
    replace(section.body, ...parts);
    if (!facilitates) return progress(section);
    // The status says what can be shown, so no part asks for what the server would refuse.
    const [codebook, status] = await Promise.all([
      api("GET", `/admin/campaigns/${seg(section.slug)}/themes`), api("GET", `/admin/campaigns/${seg(section.slug)}/coding/assist`)]);
    const names = new Map((codebook.themes ?? []).map((theme) => [theme.id, theme.name]));
    names.teams = new Map((codebook.teams ?? []).map((team) => [team.coder, team.name]));
    await Promise.all([candidates(section, status), machine(section, names, status), progress(section)]);
  },
};

const percent = (value) => (typeof value === "number" ? `${Math.round(value * 100)}%` : "–");
const decimal = (value) => (typeof value === "number" ? value.toFixed(2) : "–");
const themeList = (names, ids, notRelevant) => (notRelevant ? "Not relevant" : (ids ?? []).map((id) => names.get(id) ?? `Theme ${id}`).join(", "));

/** The figure, in words, as it stands beside every suggestion and machine code. */
function figureText(figure) {
  return `Machine coder: kappa ${decimal(figure.kappa)}, alpha ${decimal(figure.alpha)}, ${percent(figure.percent)} exact agreement with the settled codes on ${plural(figure.heldOut ?? 0, "held-out item")}.`;
}

/** Shows a section part's own failure in place (the server's message), so one part failing leaves the others. */
function failed(target, heading, error) {
  replace(target, el("h3", { text: heading }), el("p", { class: "notice-404", text: error instanceof ApiError && error.message ? error.message : describeError(error) }));
}

// Candidate themes

async function candidates(section, status) {
  const target = section.body.querySelector("#assist-candidates");
  if (!status.texts) {
    return replace(target, el("h3", { text: "Candidate themes" }),
      el("p", { class: "muted", id: "candidate-summary", text: "There are no Understand contributions to group yet." }));
  }
  let draft;
  try {
    draft = await api("GET", `/admin/campaigns/${seg(section.slug)}/coding/candidates`);
  } catch (error) {
    return failed(target, "Candidate themes", error);
  }
  drawCandidates(section, target, draft);
}

function drawCandidates(section, target, draft) {
  const base = `/admin/campaigns/${seg(section.slug)}/coding/candidates`;
  const act = async (method, path, body) => {
    const answer = await section.run(() => api(method, path, body));
    if (answer?.items) drawCandidates(section, target, answer);
    return answer;
  };
  const groups = input({ type: "number", min: 2, max: 60, value: draft.groups, name: "groups" });
  const seed = input({ type: "number", min: 0, value: draft.seed, name: "seed" });
  const redraft = el("form", { class: "inline-fields", id: "candidate-draft" }, field("Groups", groups), field("Seed", seed),
    el("button", { type: "submit", class: "secondary", text: "Draft again" }));
  redraft.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (await act("POST", base, { groups: Number(groups.value), seed: Number(seed.value) })) section.say("A new draft of candidate themes.", "success");
  });
  const chosen = new Set();
  const merge = el("button", { type: "button", class: "secondary", text: "Merge the chosen candidates", disabled: true, onclick: async () => {
    if (await act("POST", `${base}/merge`, { ids: [...chosen] })) section.say("Candidates merged.", "success");
  } });
  const open = (draft.items ?? []).filter((c) => c.state === "open");
  const named = (draft.items ?? []).filter((c) => c.state === "named");
  const card = (candidate) => {
    const box = el("input", { type: "checkbox", "aria-label": `Choose candidate ${candidate.id} for merging`, onchange: (event) => {
      if (event.target.checked) chosen.add(candidate.id); else chosen.delete(candidate.id);
      merge.disabled = chosen.size < 2;
    } });
    const name = input({ maxlength: 120, name: "name", value: "" });
    const kind = select(KINDS, { name: "kind" });
    const naming = el("form", { class: "inline-fields", hidden: true }, field("Theme name", name), field("Kind", kind),
      el("button", { type: "submit", text: "Add to the codebook" }));
    naming.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!name.value.trim()) return section.say("Give the theme a name.", "error");
      const theme = await section.run(() => api("POST", `${base}/${seg(candidate.id)}/theme`, { name: name.value.trim(), kind: kind.value }));
      if (theme) {
        section.say(`“${theme.name}” is in the codebook.`, "success");
        await section.load();
      }
    });
    return el("li", { class: "item candidate", "data-candidate-id": candidate.id },
      el("h4", { text: candidate.words.slice(0, 4).join(" · ") || `Candidate ${candidate.id}` }),
      el("p", { class: "meta", text: `${plural(candidate.size, "contribution")} · distinctive words: ${candidate.words.join(", ")}` }),
      ...candidate.quotes.map((quote) => el("blockquote", { class: "quote", text: quote })),
      el("div", { class: "actions" },
        el("label", { class: "choice" }, box, "Merge"),
        el("button", { type: "button", text: "Name as a theme…", onclick: () => { naming.hidden = false; name.focus(); } }),
        el("button", { type: "button", class: "secondary", text: "Split in two", onclick: () => act("POST", `${base}/${seg(candidate.id)}/split`) }),
        el("button", { type: "button", class: "secondary", text: "Discard", onclick: () => act("POST", `${base}/${seg(candidate.id)}/discard`) })),
      naming);
  };
  const discarded = draft.discardedItems ?? [];
  replace(target,
    el("h3", { text: "Candidate themes" }),
    el("p", { id: "candidate-summary", text: `${plural(open.length, "open candidate")} and ${plural(named.length, "named theme")} from ${plural(draft.total, "contribution")}: `
      + `${draft.uncovered} not covered by any candidate${draft.newSinceDraft ? `, ${draft.newSinceDraft} new since this draft` : ""}.` }),
    el("p", { class: "muted small", text: "Groups of contributions that use the same words, found by the server from the text alone. Name the ones that are themes, merge or split the rest, discard what is not a theme." }),
    redraft,
    open.length > 1 ? el("div", { class: "actions" }, merge) : null,
    el("ul", { class: "items", id: "candidate-list" }, ...open.map(card)),
    named.length ? el("p", { class: "muted", text: `Named: ${named.map((c) => c.words.slice(0, 3).join(" · ")).join("; ")}.` }) : null,
    discarded.length ? el("details", {}, el("summary", { text: `Discarded (${discarded.length})` }),
      el("ul", { class: "items" }, ...discarded.map((c) => el("li", { class: "item" }, `${c.words.slice(0, 4).join(" · ")} (${plural(c.size, "contribution")}) `,
        el("button", { type: "button", class: "secondary", text: "Restore", onclick: () => act("POST", `${base}/${seg(c.id)}/restore`) }))))) : null);
}

// The machine coder

async function machine(section, names, status) {
  const target = section.body.querySelector("#assist-machine");
  const disputes = section.body.querySelector("#assist-disputes");
  if (!status.measurable) {
    replace(disputes);
    const why = status.themes
      ? `The machine coder is measured on settled codes (agreed or reconciled) before it suggests anything: it needs ${status.needed}, and this campaign has ${status.settled}.`
      : "The codebook has no themes yet.";
    return replace(target, el("h3", { text: "Machine coder" }), el("p", { id: "machine-unmeasured", text: why }));
  }
  let figure;
  try {
    figure = await api("GET", `/admin/campaigns/${seg(section.slug)}/coding/machine`);
  } catch (error) {
    replace(disputes);
    return failed(target, "Machine coder", error);
  }
  const settings = `/admin/campaigns/${seg(section.slug)}/coding/machine/settings`;
  const apply = async (enabled, question, confirm) => {
    if (!(await confirmStep({ title: question, message: figureText(figure), confirm, danger: !enabled }))) return;
    const answer = await section.run(() => api("PUT", settings, { enabled }));
    if (answer) {
      section.say(enabled ? `The machine coder coded ${plural(answer.coded, "item")} no team has coded.` : `${plural(answer.returned, "item")} returned to the teams.`, "success");
      await section.load();
    }
  };
  const rows = (figure.themes ?? []).map((t) => [t.name, decimal(t.kappa), decimal(t.alpha), percent(t.percent)]);
  const switches = figure.enabled
    ? el("div", { class: "actions" },
      el("button", { type: "button", text: "Recode them with the current coder", onclick: () => apply(true, "Recode every machine-coded item with the coder as it is now?", "Recode them") }),
      el("button", { type: "button", class: "secondary", text: "Return them to the teams", onclick: () => apply(false, `Delete the machine's codes of ${figure.machineCoded} items and return them to the teams' queues?`, "Return them") }))
    : el("div", { class: "actions" },
      el("button", { type: "button", text: `Let it code the ${plural(figure.eligible, "item")} no team has coded`, disabled: !figure.eligible,
        onclick: () => apply(true, `Let the machine coder code ${figure.eligible} items no team has coded? They leave the teams' queues, are marked machine-coded, and you can return them at any time.`, "Let it code them") }));
  replace(target,
    el("h3", { text: "Machine coder" }),
    el("p", { id: "machine-figure", class: "figure", text: figureText(figure) }),
    el("p", { class: "muted", text: AGREEMENT_NOTE }),
    figure.teams?.items
      ? el("p", { text: `For comparison, the two teams agree with each other at kappa ${decimal(figure.teams.kappa)} (${percent(figure.teams.percent)} exact agreement) on ${plural(figure.teams.items, "item")} both coded.` })
      : null,
    el("p", { class: "muted small", text: figure.method }),
    el("p", { id: "machine-state", text: figure.enabled
      ? `On: ${plural(figure.machineCoded, "item")} machine-coded, kept out of the teams' queues and of their agreement.`
      : "Off: the teams code every item; suggestions go to reconcilers only." }),
    switches,
    table("Machine coder's agreement by theme", ["Theme", "Kappa", "Alpha", "Agreement"], rows),
    figure.enabled ? await machineCodes(section, names) : null);
  await disputed(section, names, disputes);
}

async function machineCodes(section, names) {
  const page = await api("GET", `/admin/campaigns/${seg(section.slug)}/coding/machine/codes?limit=20`);
  const run = page.run ?? {};
  return el("div", { id: "machine-codes" },
    el("h4", { text: `Machine-coded items, least confident first (${page.total})` }),
    el("p", { class: "figure small", text: `Coded on ${formatDay(run.at)} by a coder measured at kappa ${decimal(run.kappa)} on ${plural(run.heldOut ?? 0, "held-out item")}.` }),
    el("ul", { class: "items" }, ...(page.items ?? []).map((item) => el("li", { class: "item" },
      el("p", { class: "body", text: item.body }),
      el("p", { class: "meta", text: `Machine: ${themeList(names, item.themes, item.notRelevant)} · confidence ${percent(item.confidence)}` })))));
}

async function disputed(section, names, target) {
  let page;
  try {
    page = await api("GET", `/admin/campaigns/${seg(section.slug)}/coding/suggestions?limit=20`);
  } catch (error) {
    return failed(target, "Disputes, with the machine's suggestion", error);
  }
  const reconcile = async (item) => {
    const body = { themes: item.suggestion.themes, notRelevant: item.suggestion.notRelevant, reason: "Took the machine coder's suggestion" };
    if (await section.run(() => api("POST", `/admin/contributions/${seg(item.contributionId)}/reconcile`, body))) {
      section.say(`Contribution ${item.contributionId} reconciled.`, "success");
      await disputed(section, names, target);
    }
  };
  replace(target,
    el("h3", { text: "Disputes, with the machine's suggestion" }),
    el("p", { class: "figure", text: `${plural(page.total, "disputed item")}. ${figureText(page.machine)}` }),
    page.items?.length
      ? el("ul", { class: "items", id: "dispute-list" }, ...page.items.map((item) => el("li", { class: "item", "data-id": item.contributionId },
        item.title ? el("h4", { text: item.title }) : null,
        el("p", { class: "body", text: item.body }),
        el("ul", {}, ...(item.codes ?? []).map((code) => el("li", { text: `Team ${names.teams?.get(code.coder) ?? code.coder}: ${themeList(names, code.themes, code.notRelevant)}` }))),
        el("p", { class: "suggestion", text: `Machine suggests: ${themeList(names, item.suggestion.themes, item.suggestion.notRelevant)} (confidence ${percent(item.suggestion.confidence)}; kappa ${decimal(page.machine.kappa)} on ${page.machine.heldOut} held-out items)` }),
        el("div", { class: "actions" }, el("button", { type: "button", class: "secondary", text: "Reconcile as suggested", onclick: () => reconcile(item) })))))
      : el("p", { class: "muted", text: "No open disputes." }));
}

// Progress and effort

async function progress(section) {
  const target = section.body.querySelector("#assist-progress");
  let report;
  try {
    report = await api("GET", `/admin/campaigns/${seg(section.slug)}/coding/progress`);
  } catch (error) {
    return failed(target, "Coding progress", error);
  }
  const pace = (value) => (typeof value === "number" ? value.toFixed(1) : "–");
  const rows = (report.teams ?? []).map((t) => [t.name, String(t.coded), String(t.remaining), pace(t.itemsPerHour), pace(t.itemsPerDay),
    t.remaining === 0 ? "Done" : t.finishesAt ? formatDay(t.finishesAt) : "No recent coding"]);
  const finish = report.finishesAt
    ? `At the current pace every team is done by ${formatDay(report.finishesAt)}.`
    : "There is no finishing date yet: a team with work left has not coded in the last seven days.";
  replace(target,
    el("h3", { text: "Coding progress" }),
    el("p", { id: "progress-summary", text: `${plural(report.items, "item")} for the teams, ${plural(report.codesNeeded, "code")} still needed${report.machineCoded ? `, ${report.machineCoded} machine-coded` : ""}. ${finish}` }),
    rows.length ? table("Coding progress by team", ["Team", "Coded", "Remaining", "Per hour coding", "Per day", "Finishes"], rows)
      : el("p", { class: "muted", text: "No coding teams yet." }));
}
