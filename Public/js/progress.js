// The progress page: what became of each idea taken forward — its status, the team's response and the updates since.
import { api, describeError, seg } from "./api.js";
import { el, byId, replace, say, plural, formatDay } from "./dom.js";
import { slugFromLocation } from "./slug.js";

/** A `YYYY-MM-DD` day in the reader's words, read at noon UTC so no time zone moves it a day. */
const day = (text) => (text ? formatDay(`${text}T12:00:00Z`) : "");

/** Statuses whose ideas the organisation took on (the summary counts them together). */
const ADOPTED = new Set(["adopted", "in_progress", "implemented"]);

function update(entry) {
  const where = [entry.role, entry.site].filter(Boolean).join(", ");
  return el("li", {},
    el("strong", { text: day(entry.on) }),
    where ? ` · ${where}` : "",
    entry.percent === null || entry.percent === undefined ? "" : ` · ${entry.percent}% done`,
    el("p", { class: "body", text: entry.note }));
}

function ideaItem(item) {
  const outcome = item.outcome;
  const heading = `idea-${item.id}-title`;
  const children = [
    el("h3", { id: heading, text: item.title || "Untitled idea" }),
    el("p", { class: "meta" },
      el("span", { class: `pill status-${outcome.status}`, text: outcome.label }),
      outcome.changedOn ? el("span", { text: `since ${day(outcome.changedOn)}` }) : null,
      item.guideId ? el("a", { href: `/guide/${encodeURIComponent(slugFromLocation())}`, text: "In the guide" }) : null),
    el("p", { class: "body idea-text", text: item.body }),
  ];
  if (outcome.response) {
    children.push(el("div", { class: "response" },
      el("h4", { text: "The team's response" }),
      el("p", { class: "body", text: outcome.response })));
  } else {
    children.push(el("p", { class: "muted", text: "The team has not reported on this idea yet." }));
  }
  if (outcome.percent !== null && outcome.percent !== undefined) {
    const label = `idea-${item.id}-done`;
    children.push(el("p", { class: "done" },
      el("span", { id: label, text: `${outcome.percent}% done ` }),
      el("progress", { max: "100", value: String(outcome.percent), "aria-labelledby": label })));
  }
  if (outcome.updates?.length) {
    children.push(el("h4", { text: plural(outcome.updates.length, "update") }),
      el("ul", { class: "updates" }, ...outcome.updates.map(update)));
  }
  if (outcome.history?.length > 1) {
    children.push(el("details", {},
      el("summary", { text: "Earlier statuses" }),
      el("ol", { class: "history" }, ...outcome.history.slice(0, -1).map((entry) =>
        el("li", {}, el("strong", { text: `${entry.label}, ${day(entry.on)}: ` }), entry.response)))));
  }
  return el("li", { class: "item progress-item", "data-idea-id": item.id, "data-status": outcome.status,
    "aria-labelledby": heading }, ...children);
}

function render(data, shown) {
  const items = (data.items ?? []).filter((item) => !shown || item.outcome.status === shown);
  replace(byId("ideas"), ...items.map(ideaItem));
  const total = (data.items ?? []).length;
  byId("idea-count").textContent = total === 0
    ? "Nothing has been reported yet. The team will say here what happens to each shortlisted idea."
    : shown ? `${plural(items.length, "idea")} of ${total}` : plural(total, "idea");
}

async function start() {
  const status = byId("status");
  const slug = slugFromLocation();
  if (!slug) {
    say(status, "No campaign was given in the address.", "error");
    return;
  }
  byId("campaign-link").href = `/c/${encodeURIComponent(slug)}`;
  byId("guide-link").href = `/guide/${encodeURIComponent(slug)}`;
  let data;
  try {
    data = await api("GET", `/api/campaigns/${seg(slug)}/progress`);
  } catch (error) {
    byId("title").textContent = "Progress not available";
    say(status, describeError(error), "error");
    return;
  }
  byId("title").textContent = `Progress: ${data.title}`;
  document.title = `Progress: ${data.title} – Groundswell`;
  const counts = Object.fromEntries((data.statuses ?? []).map((s) => [s.status, s.count]));
  const adopted = [...ADOPTED].reduce((sum, key) => sum + (counts[key] ?? 0), 0);
  replace(byId("summary"),
    el("li", {}, el("strong", { text: (data.items ?? []).length }), "ideas followed here"),
    el("li", {}, el("strong", { text: adopted }), "adopted"),
    el("li", {}, el("strong", { text: counts.implemented ?? 0 }), "implemented"),
    el("li", {}, el("strong", { text: counts.not_taken_forward ?? 0 }), "not taken forward, with reasons"));
  const select = byId("filter-status");
  replace(select, el("option", { value: "", text: "Every status" }),
    ...(data.statuses ?? []).filter((s) => s.count > 0).map((s) => el("option", { value: s.status, text: `${s.label} (${s.count})` })));
  select.addEventListener("change", () => render(data, select.value));
  render(data, "");
}

start();
