// Console section: the phase timeline with open / close buttons (with a reason for the audit log) and schedules.
import { api, seg } from "./api.js";
import { el, replace, phaseName, formatTime, PHASES } from "./dom.js";
import { field, input, confirmStep, phaseStateWords } from "./admin-kit.js";

/** "2026-11-21T20:00" for a datetime-local input, from an ISO string (UTC shown as local time). */
function toLocalInput(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const phasesSection = {
  id: "phases",
  title: "Phases",
  intro: "Understand → Answer → Prioritise → Act. Only one phase is open at a time: opening one first closes the open one.",
  async load(section) {
    const campaign = await api("GET", `/admin/campaigns/${seg(section.slug)}`);
    const phases = campaign.phases?.length ? campaign.phases : Object.keys(PHASES).map((kind) => ({ kind, state: "planned" }));
    const openNow = phases.find((phase) => phase.state === "open") ?? null;
    const list = el("ol", { class: "timeline" }, ...phases.map((phase) => phaseItem(section, phase, openNow)));
    replace(section.body, list);
  },
};

function phaseItem(section, phase, openNow) {
  const open = phase.state === "open";
  const reason = input({ maxlength: 300 });
  const opensAt = input({ type: "datetime-local", value: toLocalInput(phase.opensAt) });
  const closesAt = input({ type: "datetime-local", value: toLocalInput(phase.closesAt) });
  const base = `/admin/campaigns/${seg(section.slug)}/phases`;
  const change = async (verb) => {
    if (!(await confirmStep(askFirst(phase, verb, openNow)))) return;
    const body = reason.value.trim() ? { reason: reason.value.trim() } : {};
    const done = await section.run(async () => {
      // The server keeps one phase open at a time, so opening another first closes the open one (same reason).
      if (verb === "open" && openNow && openNow.kind !== phase.kind) await api("POST", `${base}/${seg(openNow.kind)}/close`, body);
      return api("POST", `${base}/${seg(phase.kind)}/${verb}`, body);
    });
    if (done) {
      await section.load();
      section.say(`${phaseName(phase.kind)} phase ${verb === "open" ? "opened" : "closed"}.`, "success");
      section.console.reload("campaigns");
    }
  };
  const schedule = el("form", { class: "schedule" },
    el("div", { class: "inline-fields" }, field("Opens at", opensAt), field("Closes at", closesAt)),
    el("button", { type: "submit", class: "secondary", text: "Save schedule" }));
  schedule.addEventListener("submit", async (event) => {
    event.preventDefault();
    const iso = (value) => (value ? new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z") : null);
    if (await section.run(() => api("PUT", `/admin/campaigns/${seg(section.slug)}/phases/${seg(phase.kind)}/schedule`, { opensAt: iso(opensAt.value), closesAt: iso(closesAt.value) }))) {
      section.say(`Schedule for ${phaseName(phase.kind)} saved.`, "success");
    }
  });
  const when = [phase.opensAt ? `opens ${formatTime(phase.opensAt)}` : null, phase.closesAt ? `closes ${formatTime(phase.closesAt)}` : null].filter(Boolean).join(", ");
  return el("li", { class: open ? "is-open" : "", "data-phase": phase.kind },
    el("h3", {}, phaseName(phase.kind), " ", el("span", { class: open ? "pill official" : "pill quiet", text: phaseStateWords(phase.state ?? "pending") })),
    when ? el("p", { class: "muted small", text: when }) : null,
    field("Reason (kept in the audit log)", reason),
    el("div", { class: "actions" },
      open
        ? el("button", { type: "button", class: "danger", text: `Close ${phaseName(phase.kind)}`, onclick: () => change("close") })
        : el("button", { type: "button", text: openNow ? `Close ${phaseName(openNow.kind)} and open ${phaseName(phase.kind)}` : `Open ${phaseName(phase.kind)}`, onclick: () => change("open") })),
    schedule);
}

/** What opening or closing a phase will do, asked before it is done: people's pages change at once. */
function askFirst(phase, verb, openNow) {
  const name = phaseName(phase.kind);
  if (verb === "close") {
    return { title: `Close ${name}?`, message: `People can no longer take part in ${name} until a phase is opened again.`, confirm: `Close ${name}`, danger: true };
  }
  const closing = openNow && openNow.kind !== phase.kind ? `${phaseName(openNow.kind)} closes first, then ` : "";
  return { title: `Open ${name}?`, message: `${closing}${name} opens for everyone in the campaign at once.`, confirm: `Open ${name}` };
}
