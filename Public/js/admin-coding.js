// Console section: the coding workspace (one item at a time, number keys toggle themes, memo, next; the codes saved
// many at a time) and the agreement report.
import { api, seg, query, describeError } from "./api.js";
import { el, replace, plural } from "./dom.js";
import { field, select, table, sayBulk, AGREEMENT_NOTE } from "./admin-kit.js";
import { CodeBatch, BATCH_SIZE, MAX_WAITING } from "./admin-coding-batch.js";

export const codingSection = {
  id: "coding",
  title: "Coding",
  roles: ["admin", "facilitator", "analyst"],
  intro: "Read each contribution and tick the themes it speaks to. Keys: 1–9 toggle a theme, N not relevant, M writes a memo (Esc leaves it), Enter codes it and moves on (Ctrl+Enter from the memo). Codes are saved ten at a time, at the end of your page and when you press Save now. The page of items you are given is yours for 15 minutes: nobody else in your team is given it meanwhile.",
  async load(section) {
    section.round = section.round ?? "understand";
    // Codes given before a reload (another round, another campaign) leave first; should that fail they stay waiting.
    if (section.batch?.size) await section.batch.flush();
    section.batch = new CodeBatch(section.slug);
    if (!section.leaving) {
      section.leaving = () => section.batch?.sendOnLeaving();
      window.addEventListener("pagehide", section.leaving);
    }
    const themes = await api("GET", `/admin/campaigns/${seg(section.slug)}/themes`);
    const themeList = (themes.themes ?? []).filter((theme) => !theme.archived);
    const queue = await api("GET", `/admin/campaigns/${seg(section.slug)}/coding/queue${query({ round: section.round })}`);
    const items = queue.items ?? [];
    const facilitator = section.console.me?.role !== "analyst";
    const round = select([["understand", "Understand: contributions"], ["answer", "Answer: ideas, against the themes"]], { name: "round", id: "coding-round" });
    round.value = section.round;
    round.addEventListener("change", () => { section.round = round.value; section.load(); });
    const giveBack = el("button", { type: "button", class: "secondary", text: "Give my page back", onclick: async () => {
      if (await section.run(() => api("DELETE", `/admin/campaigns/${seg(section.slug)}/coding/claims`))) section.say("Your page is given back to the team.", "success");
    } });
    // Other analysts go on coding: Refresh reads the queue and the agreement report again (codes waiting leave first).
    const refresh = el("button", { type: "button", class: "secondary", id: "coding-refresh", text: "Refresh", onclick: () => section.load() });
    const header = el("div", { class: "inline-fields" }, field("Round", round), giveBack, refresh,
      el("p", { class: "muted", id: "coding-remaining", text: `${queue.remaining ?? 0} ${queue.remaining === 1 ? "item" : "items"} left for your team in this round.` }));
    replace(section.body, header, workspace(section, themeList, items),
      facilitator ? el("div", { id: "agreement" }) : null);
    if (!facilitator) return;
    try {
      await agreement(section);
    } catch (error) {
      const target = section.body.querySelector("#agreement");
      replace(target, el("h3", { text: "Agreement between coders" }),
        el("p", { class: "notice", text: `The agreement report could not be loaded. ${describeError(error)}` }));
    }
  },
};

const toggle = (box) => { box.checked = !box.checked; };

function workspace(section, themes, items) {
  let index = 0;
  const box = el("div", { class: "coding-item", id: "coding-item", tabindex: "-1", "aria-live": "polite", "aria-label": "Item to code" });
  // Shortcuts are read on the whole workspace, so they keep working after "Code and next" moves focus to it.
  box.addEventListener("keydown", (event) => {
    const form = box.querySelector("form");
    if (!form || event.altKey || event.metaKey) return;
    const memo = form.querySelector("textarea[name=memo]");
    if (event.target === memo) {
      if (event.key === "Escape") box.focus();
      else if (event.key === "Enter" && event.ctrlKey) form.requestSubmit();
      else return;
      event.preventDefault();
      return;
    }
    if (event.ctrlKey || event.target instanceof HTMLButtonElement) return;
    const key = event.key.toLowerCase();
    const target = form.querySelector(`input[data-key="${key}"]`);
    if (target) toggle(target);
    else if (key === "n") toggle(form.querySelector("input[name=notRelevant]"));
    else if (key === "m") memo.focus();
    else if (key === "enter") form.requestSubmit();
    else return;
    event.preventDefault();
  });
  const draw = () => {
    const item = items[index];
    if (!item) {
      replace(box, el("p", { text: "Your team's queue is empty in this round: every item has been coded or is being coded by a teammate." }));
      return;
    }
    const boxes = themes.map((theme, i) => el("label", { class: "choice" },
      el("input", { type: "checkbox", name: "theme", value: theme.id, "data-key": i < 9 ? String(i + 1) : "" }),
      i < 9 ? el("kbd", { text: String(i + 1) }) : null, theme.name));
    const notRelevant = el("input", { type: "checkbox", name: "notRelevant" });
    const memo = el("textarea", { name: "memo", maxlength: 2000 });
    const next = el("button", { type: "submit", text: "Code and next" });
    const form = el("form", { "data-id": item.id },
      el("p", { class: "muted small", text: `Item ${index + 1} of ${items.length}` }),
      item.question ? el("p", { class: "question", text: `Question: ${item.question}` }) : null,
      el("h3", { text: item.title || `Contribution ${item.id}` }),
      el("p", { class: "body", text: item.body }),
      el("fieldset", {}, el("legend", { text: "Themes" }), ...boxes),
      el("label", { class: "choice" }, notRelevant, el("kbd", { text: "N" }), "Not relevant"),
      field("Memo (M)", memo),
      el("div", { class: "actions" }, next,
        el("button", { type: "button", class: "secondary", text: "Skip", onclick: () => { index += 1; draw(); } })));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const chosen = [...form.querySelectorAll("input[name=theme]:checked")].map((b) => Number(b.value));
      if (!chosen.length && !notRelevant.checked) return section.say("Tick at least one theme, or mark the item not relevant.", "error");
      if (chosen.length && notRelevant.checked) return section.say("An item not relevant has no themes: untick one or the other.", "error");
      if (section.batch.size >= MAX_WAITING) return section.say(`${MAX_WAITING} codes are waiting: press Save now before going on.`, "error");
      section.batch.add({ contributionId: item.id, themes: chosen, notRelevant: notRelevant.checked, memo: memo.value });
      index += 1;
      draw();
      box.focus();
      if (section.batch.size >= BATCH_SIZE || index >= items.length) await saveWaiting();
      else showWaiting();
    });
    replace(box, form);
  };
  const waiting = el("p", { class: "muted", id: "coding-waiting" });
  const saveNow = el("button", { type: "button", class: "secondary", id: "coding-save", text: "Save now", onclick: () => saveWaiting() });
  const showWaiting = () => {
    const count = section.batch.size;
    waiting.textContent = count ? `${plural(count, "code")} waiting to be saved.` : "Every code you gave is saved.";
    saveNow.hidden = count === 0;
  };
  const saveWaiting = async () => {
    const answer = await section.run(() => section.batch.flush());
    showWaiting();
    if (!answer) return;
    sayBulk(section, answer, `Saved ${plural(answer.done ?? 0, "code")}.`, "Not saved", (id) => `contribution ${id}`);
  };
  draw();
  showWaiting();
  return el("div", {}, box, el("div", { class: "actions" }, waiting, saveNow));
}

/** "82%" / "0.61", or "–" when there is not enough data for the figure. */
const percent = (value) => (typeof value === "number" ? `${Math.round(value * 100)}%` : "–");
const decimal = (value) => (typeof value === "number" ? value.toFixed(2) : "–");

/** Agreement is measured only over items that two teams coded; say why there is none yet. */
function agreementSummary(teamsPerItem, overall) {
  if ((teamsPerItem ?? 1) < 2) return "Each item is coded by one team in this campaign, so there is no agreement between coders to measure.";
  if (!overall.items) return "No item has been coded by two teams yet, so there is no agreement to measure.";
  return `Overall: ${percent(overall.percent)} agreement, kappa ${decimal(overall.kappa)}, over ${overall.items} items coded by two teams.`;
}

async function agreement(section) {
  const report = await api("GET", `/admin/campaigns/${seg(section.slug)}/agreement${query({ round: section.round })}`);
  const rows = (report.themes ?? []).map((row) => [row.name, String(row.figures?.items ?? 0), percent(row.figures?.percent), decimal(row.figures?.kappa)]);
  const overall = report.overall ?? {};
  const status = report.status ?? {};
  replace(section.body.querySelector("#agreement"), el("h3", { text: "Agreement between coders" }),
    el("p", { class: "muted", text: AGREEMENT_NOTE }),
    el("p", { text: agreementSummary(report.teamsPerItem, overall) +
      ` Items: ${status.agreed ?? 0} settled, ${status.disputed ?? 0} disputed, ${status.awaiting ?? 0} awaiting a second team, ${status.reconciled ?? 0} reconciled.` }),
    rows.length ? table("Agreement by theme", ["Theme", "Items", "Agreement", "Kappa"], rows) : el("p", { class: "muted", text: "No themes yet." }));
}
