// Console section: export downloads (CSV per table, the whole campaign as JSON) and the audit log.
import { api, seg, query, describeError } from "./api.js";
import { el, replace, formatTime } from "./dom.js";
import { table } from "./admin-kit.js";

/** Every CSV table, in the order an organiser looks for them: [file name, label, what it holds]. */
const CSV_NAMES = [
  ["contributions", "Contributions", "every contribution with its counts and themes"],
  ["comments", "Comments", ""],
  ["votes", "Votes", "one row per vote, by day"],
  ["codes", "Codes", "each team's code of each item, with the reconciled themes"],
  ["agreement", "Agreement", "between the teams, per theme and overall, per round"],
  ["findings", "Findings", "every settled item's themes, per round"],
  ["teams", "Coding teams", "who coded in which team (staff only)"],
  ["machine_codes", "Machine codes", "items the machine coder coded, kept apart"],
  ["participants", "Participants", "k-anonymous profile groups, last release"],
  ["stats", "Statistics", "activity per phase and per day"],
  ["audit", "Audit log", ""],
];

/**
 * A link the browser downloads itself: the file streams to disk byte for byte (the UTF-8 byte order mark that
 * Excel needs stays), with the session cookie, and nothing is held in the page's memory.
 */
function downloadLink(path, filename, name, label, note) {
  return el("li", {}, el("a", { href: path, download: filename, "data-export": name, text: label }),
    note ? el("span", { class: "muted small", text: ` — ${note}` }) : null);
}

export const exportSection = {
  id: "export",
  title: "Export and audit log",
  roles: ["admin", "facilitator", "organiser"],
  intro: "Exports never contain who wrote what: no table has a contributor column, so no two can be joined on a person. CSV files open in Excel and LibreOffice with their accents intact.",
  async load(section) {
    const base = `/admin/campaigns/${seg(section.slug)}`;
    const links = el("ul", { class: "export-links", id: "export-links" },
      ...CSV_NAMES.map(([name, label, note]) => downloadLink(`${base}/export/${name}.csv`, `${section.slug}-${name}.csv`, name, `${label} (CSV)`, note)),
      downloadLink(`${base}/export.json`, `${section.slug}.json`, "json", "Everything (JSON)", "the open-data tables in one file"));
    // The one linked table, for admins on purpose: each download is in the audit log.
    const linked = section.console.me?.role === "admin"
      ? el("div", {}, el("h3", { text: "Linked export (admins)" }),
        el("p", { class: "muted", text: "Contributions up to the last statistics release with their authors' profile groups, shown only for groups of at least k people. Authors have pseudonyms made afresh for each download, so two downloads never join. Every download is recorded in the audit log." }),
        el("ul", { class: "export-links" }, downloadLink(`${base}/export/linked.csv`, `${section.slug}-linked.csv`, "linked", "Linked export (CSV)", "")))
      : null;
    const audit = el("div", {}, el("h3", { text: "Audit log" }));
    replace(section.body, links, linked, audit);
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
