// Console section: statistics — headline numbers, participation per day, contributions per phase, themes, profile breakdowns.
import { api, seg } from "./api.js";
import { el, replace, phaseName, formatTime } from "./dom.js";
import { table } from "./admin-kit.js";
import { barChart } from "./charts.js";

export const statsSection = {
  id: "stats",
  title: "Statistics",
  intro: "Overall numbers only. Profile figures are released once a day, after at least k more people have joined, and groups too small to keep people anonymous are suppressed.",
  async load(section) {
    const stats = await api("GET", `/admin/campaigns/${seg(section.slug)}/stats`);
    const perDay = (stats.perDay ?? []).map((d) => ({ label: String(d.day).slice(5), value: d.participants ?? 0 }));
    const perPhase = (stats.perPhase ?? []).map((p) => ({ label: phaseName(p.phase ?? p.kind), value: p.contributions ?? p.count ?? 0 }));
    const perTheme = (stats.perTheme ?? []).map((t) => ({ label: t.name, value: t.contributions }));
    const profiles = stats.release ? Object.entries(stats.byProfile ?? {}) : [];
    const release = stats.release
      ? el("p", { class: "muted", text: `Profile figures as released ${formatTime(stats.release.releasedAt)}, over the ${stats.release.participants} people who had joined by then.` })
      : el("p", { class: "muted", text: `No profile figures are released yet: they come at 00:00 UTC once at least ${stats.kAnonymity ?? "k"} people have joined.` });
    replace(section.body,
      el("ul", { class: "numbers" },
        ...[["participants", stats.participants], ["contributions", stats.contributions], ["comments", stats.comments], ["votes", stats.votes]]
          .map(([label, value]) => el("li", {}, el("strong", { text: value ?? 0 }), label))),
      chartBlock("Participation per day", perDay),
      chartBlock("Contributions per phase", perPhase),
      chartBlock("Contributions per theme (settled codes, Understand)", perTheme),
      release,
      ...profiles.map(([key, rows]) => el("div", {}, el("h3", { text: `Profile: ${key}` }),
        table(`Profile answers for ${key}`, ["Answer", "People"], rows.map((row) => (row.suppressed || row === "suppressed"
          ? ["Small groups combined", "suppressed (fewer than the threshold)"]
          : [row.choice ?? "Did not answer", row.count]))))),
    );
  },
};

function chartBlock(title, data) {
  if (!data.length) return el("div", {}, el("h3", { text: title }), el("p", { class: "muted", text: "No data yet." }));
  return el("figure", {}, el("figcaption", {}, el("h3", { text: title })), barChart(title, data));
}
