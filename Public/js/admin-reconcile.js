// Console section: reconciliation — a page of disputed items with both teams' codes beside the text, settled many at a time.
import { api, seg, query } from "./api.js";
import { el, replace, plural } from "./dom.js";
import { field, reasonInput, select, table, sayBulk } from "./admin-kit.js";

export const reconcileSection = {
  id: "reconcile",
  title: "Reconciliation",
  roles: ["admin", "facilitator"],
  intro: "Where the two teams coded an item differently, decide its finding. Tick the items, then take one team's codes for all of them, or mark them not relevant.",
  async load(section) {
    section.round = section.round ?? "understand";
    section.after = section.after ?? 0;
    const base = `/admin/campaigns/${seg(section.slug)}`;
    const [page, codebook] = await Promise.all([
      api("GET", `${base}/coding/disputes${query({ round: section.round, after: section.after || "" })}`),
      api("GET", `${base}/themes`),
    ]);
    const names = new Map((codebook.themes ?? []).map((t) => [t.id, t.name]));
    const describe = (code) => (code.notRelevant ? "Not relevant" : code.themes.map((id) => names.get(id) ?? `#${id}`).join(", ") || "No theme");

    const round = select([["understand", "Understand: contributions"], ["answer", "Answer: ideas"]], { name: "round" });
    round.value = section.round;
    round.addEventListener("change", () => { section.round = round.value; section.after = 0; section.load(); });

    const teams = page.teams ?? [];
    const boxes = [];
    const rows = (page.items ?? []).map((item) => {
      const box = el("input", { type: "checkbox", name: "item", value: item.contributionId, "aria-label": `Select contribution ${item.contributionId}` });
      boxes.push(box);
      const text = el("div", {}, el("p", { class: "muted small", text: item.question }),
        item.title ? el("strong", { text: item.title }) : null, el("p", { class: "body", text: item.body }));
      const byTeam = teams.map((team) => {
        const code = (item.codes ?? []).find((c) => c.coder === team.coder);
        return code ? el("div", {}, describe(code), code.memo ? el("p", { class: "muted small", text: `Memo: ${code.memo}` }) : null) : "–";
      });
      return [box, String(item.contributionId), text, ...byTeam];
    });
    const all = el("input", { type: "checkbox", id: "reconcile-all" });
    all.addEventListener("change", () => { for (const box of boxes) box.checked = all.checked; });
    const { control: reason, wrapper: reasonField } = reasonInput();
    const selected = () => boxes.filter((b) => b.checked).map((b) => Number(b.value));
    const settle = async (body, what) => {
      const ids = selected();
      if (!ids.length) return section.say("Tick the items to settle first.", "error");
      const answer = await section.run(() => api("POST", `${base}/reconcile`, { ...body(ids), reason: reason.value.trim() }));
      if (!answer) return;
      sayBulk(section, answer, `${plural(answer.done, "item")} settled ${what}.`, "Not settled");
      section.console.reload("coding");  // its agreement report counts the settled items
      await section.load();
    };
    const actions = el("div", { class: "actions", id: "reconcile-actions" },
      ...teams.map((team) => el("button", { type: "button", "data-take": team.id, text: `Take team ${team.name}'s codes`,
        onclick: () => settle((ids) => ({ take: team.id, ids }), `with team ${team.name}'s codes`) })),
      el("button", { type: "button", class: "secondary", text: "Not relevant",
        onclick: () => settle((ids) => ({ items: ids.map((id) => ({ contributionId: id, themes: [], notRelevant: true })) }), "as not relevant") }));
    const total = page.total ?? 0;
    const paging = el("div", { class: "actions" },
      section.after ? el("button", { type: "button", class: "secondary", text: "First page", onclick: () => { section.after = 0; section.load(); } }) : null,
      page.next != null ? el("button", { type: "button", class: "secondary", text: "Next page", onclick: () => { section.after = page.next; section.load(); } }) : null);
    // Teams go on coding while this screen is open: Refresh reads the disputes again.
    const refresh = el("button", { type: "button", class: "secondary", id: "reconcile-refresh", text: "Refresh", onclick: () => section.load() });
    replace(section.body, el("div", { class: "inline-fields" }, field("Round", round), refresh),
      el("p", { id: "reconcile-total", text: total ? `${total} disputed ${total === 1 ? "item" : "items"} in this round.` : "No disputed items in this round." }),
      rows.length ? el("div", {}, el("label", { class: "choice" }, all, "Select every item on this page"),
        table("Disputed items", ["", "Item", "Text", ...teams.map((t) => `Team ${t.name}`)], rows), reasonField, actions, paging) : null);
  },
};
