// Console section: export downloads (CSV per table, the whole campaign as JSON) and the audit log.
import { api, seg, query, describeError } from "./api.js";
import { el, replace, formatTime } from "./dom.js";
import { table, downloadText } from "./admin-kit.js";

const CSV_NAMES = [["contributions", "Contributions"], ["comments", "Comments"], ["votes", "Votes"], ["codes", "Coding"],
  ["participants", "Participants (k-anonymous, last release)"], ["stats", "Statistics"], ["audit", "Audit log"]];

export const exportSection = {
  id: "export",
  title: "Export and audit log",
  intro: "Exports never contain who wrote what: no table has a contributor column, so no two can be joined on a person.",
  async load(section) {
    const download = async (path, filename, type) => {
      const text = await section.run(() => api("GET", path, undefined, { accept: "text" }));
      if (text !== null) {
        downloadText(text, filename, type);
        section.say(`${filename} downloaded.`, "success");
      }
    };
    const buttons = el("div", { class: "actions" },
      ...CSV_NAMES.map(([name, label]) => el("button", { type: "button", class: "secondary", "data-export": name, text: `${label} (CSV)`,
        onclick: () => download(`/admin/campaigns/${seg(section.slug)}/export/${name}.csv`, `${section.slug}-${name}.csv`, "text/csv") })),
      el("button", { type: "button", class: "secondary", "data-export": "json", text: "Everything (JSON)",
        onclick: () => download(`/admin/campaigns/${seg(section.slug)}/export.json`, `${section.slug}.json`, "application/json") }));
    // The one linked table, for admins on purpose: each download is in the audit log.
    const linked = section.console.me?.role === "admin"
      ? el("div", {}, el("h3", { text: "Linked export (admins)" }),
        el("p", { class: "muted", text: "Contributions up to the last statistics release with their authors' profile groups, shown only for groups of at least k people. Authors have pseudonyms made afresh for each download, so two downloads never join. Every download is recorded in the audit log." }),
        el("button", { type: "button", class: "secondary", "data-export": "linked", text: "Linked export (CSV)",
          onclick: () => download(`/admin/campaigns/${seg(section.slug)}/export/linked.csv`, `${section.slug}-linked.csv`, "text/csv") }))
      : null;
    const audit = el("div", {}, el("h3", { text: "Audit log" }));
    replace(section.body, buttons, linked, audit);
    try {
      const { items } = await api("GET", `/admin/audit${query({ campaign: section.slug })}`);
      audit.append(items.length
        ? table("Audit log", ["When", "Who", "Action", "Target", "Reason"], items.map((e) => [formatTime(e.at), e.actor, e.action, String(e.target ?? ""), e.reason ?? ""]))
        : el("p", { class: "muted", text: "No audited actions yet." }));
    } catch (error) {
      audit.append(el("p", { class: "notice", text: `The audit log could not be loaded. ${describeError(error)}` }));
    }
  },
};
