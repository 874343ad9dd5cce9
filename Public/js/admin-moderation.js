// Console section: the moderation queue — flagged or hidden items with hide, restore, redact and merge, each with a reason.
import { api, seg, query } from "./api.js";
import { el, replace, formatTime, plural } from "./dom.js";
import { field, input, select, sayBulk } from "./admin-kit.js";

export const moderationSection = {
  id: "moderation",
  title: "Moderation",
  intro: "Held, waiting and reported items, held first; or everything hidden. Tick several to restore them or dismiss their reports at once. Every action is kept in the audit log with its reason; authors stay anonymous.",
  async load(section) {
    section.scope = section.scope ?? "awaiting";
    if (section.scope === "merged") return merged(section);
    const { items, signals, counts } = await api("GET", `/admin/campaigns/${seg(section.slug)}/moderation${query({ scope: section.scope })}`);
    const burst = signals?.reportBurst
      ? el("p", { class: "status is-error", role: "status", text: `A burst of reports: ${plural(signals.reportsLastHour, "report")} in the last hour. Look for a brigade before acting on them one by one.` })
      : null;
    const scope = scopePicker(section);
    const summary = counts ? Object.entries(counts).filter(([, n]) => n).map(([status, n]) => `${n} ${(STATUS[status] ?? status).toLowerCase()}`).join(", ") : "";
    const boxes = [];
    const list = el("ul", { class: "items", id: "moderation-list" }, ...items.map((item) => queueItem(section, item, boxes)));
    replace(section.body, burst, el("div", { class: "inline-fields" }, field("Show", scope)),
      summary ? el("p", { id: "moderation-counts", text: summary }) : null,
      items.length ? bulkBar(section, boxes) : null,
      items.length ? list : el("p", { class: "muted", text: section.scope === "hidden" ? "Nothing is hidden." : "Nothing waiting. Well done." }));
  },
};

const SCOPES = [["awaiting", "Awaiting a decision"], ["hidden", "Hidden"], ["merged", "Merged duplicates"]];

function scopePicker(section) {
  const scope = select(SCOPES, { name: "scope", id: "moderation-scope" });
  scope.value = section.scope;
  scope.addEventListener("change", () => { section.scope = scope.value; section.load(); });
  return scope;
}

/** The merges that can be undone: each duplicate beside the contribution it went into, with "Undo the merge". */
async function merged(section) {
  const { items } = await api("GET", `/admin/campaigns/${seg(section.slug)}/merges`);
  const describe = (c) => `${c.id}${c.title ? `: ${c.title}` : ""}`;
  const entries = items.map(({ source, into }) => {
    const reason = input({ maxlength: 300, name: "reason" });
    const undo = async () => {
      const restored = await section.run(() => api("POST", `/admin/contributions/${seg(source.id)}/unmerge`, { reason: reason.value.trim() }));
      if (restored) {
        await section.load();
        section.say(`Merge undone: contribution ${source.id} is back on its own, with its votes and comments.`, "success");
      }
    };
    return el("li", { class: "item", "data-merge-source": source.id },
      el("h3", { text: `Contribution ${describe(source)}` }),
      el("p", { class: "body", text: source.body ?? "" }),
      el("p", { class: "meta", text: `Merged into ${describe(into)}` }),
      field("Reason (kept in the audit log)", reason),
      el("div", { class: "actions" }, el("button", { type: "button", class: "secondary", text: "Undo the merge", "aria-label": `Undo the merge of contribution ${source.id}`, onclick: undo })));
  });
  replace(section.body, el("div", { class: "inline-fields" }, field("Show", scopePicker(section))),
    items.length
      ? el("ul", { class: "items", id: "merge-list" }, ...entries)
      : el("p", { class: "muted", text: "No merge to undo: no contribution has been merged into another." }));
}

/** Restore or dismiss the ticked contributions in one request each way (issue 19's bulk routes). */
function bulkBar(section, boxes) {
  const reason = input({ maxlength: 300, id: "moderation-bulk-reason" });
  const all = el("input", { type: "checkbox", id: "moderation-all" });
  all.addEventListener("change", () => { for (const box of boxes) box.checked = all.checked; });
  const run = async (verb, done) => {
    const ids = boxes.filter((b) => b.checked).map((b) => Number(b.value));
    if (!ids.length) return section.say("Tick the items first.", "error");
    if (!reason.value.trim()) {
      section.say("Please give a reason; it is kept in the audit log.", "error");
      return reason.focus();
    }
    const answer = await section.run(() => api("POST", `/admin/campaigns/${seg(section.slug)}/moderation/${verb}`, { ids, reason: reason.value.trim() }));
    if (!answer) return;
    await section.load();
    const count = Array.isArray(answer.done) ? answer.done.length : answer.done;
    sayBulk(section, answer, `${plural(count, "item")} ${done}.`);
  };
  return el("div", { class: "inline-fields", id: "moderation-bulk" },
    el("label", { class: "choice" }, all, "Tick every contribution"), field("Reason for the ticked items", reason),
    el("div", { class: "actions" },
      el("button", { type: "button", class: "secondary", text: "Restore or approve the ticked", onclick: () => run("restore", "restored") }),
      el("button", { type: "button", class: "secondary", text: "Keep the ticked: dismiss their reports", onclick: () => run("dismiss", "kept, reports dismissed") })));
}

const STATUS = { held: "Held by reports", pending: "Waiting for approval", reported: "Reported", hidden: "Hidden" };

function queueItem(section, item, boxes) {
  const isComment = item.contributionId !== undefined && item.questionId === undefined;
  const base = isComment ? `/admin/comments/${seg(item.id)}` : `/admin/contributions/${seg(item.id)}`;
  const kind = isComment ? "Comment" : "Contribution";
  const reason = input({ maxlength: 300, name: "reason" });
  const act = async (verb, extra = {}) => {
    if (!reason.value.trim()) {
      section.say("Please give a reason; it is kept in the audit log.", "error");
      reason.focus();
      return;
    }
    if (await section.run(() => api("POST", `${base}/${verb}`, { reason: reason.value.trim(), ...extra }))) {
      await section.load();
      section.say(`${kind} ${item.id}: ${verb} done.`, "success");
    }
  };
  const hidden = item.state === "hidden";
  const status = item.status ?? (hidden ? "hidden" : "reported");
  const redactTitle = isComment || item.title == null ? null : input({ maxlength: 200, value: item.title, name: "title" });
  const redactBody = el("textarea", { maxlength: 5000, name: "body" });
  redactBody.value = item.body ?? "";
  const redact = el("details", {}, el("summary", { text: "Redact the text" }),
    redactTitle ? field("Title to show instead", redactTitle) : null,
    field("Text to show instead", redactBody, "Remove names or personal details from the title and the text; only admins can read the original."),
    el("button", { type: "button", class: "secondary", text: "Save redaction",
      onclick: () => act("redact", { body: redactBody.value, ...(redactTitle ? { title: redactTitle.value } : {}) }) }));
  const merge = isComment ? null : mergeForm(section, item, act);
  const box = isComment ? null : el("input", { type: "checkbox", name: "moderate", value: item.id, "aria-label": `Tick ${kind.toLowerCase()} ${item.id}` });
  if (box) boxes.push(box);
  return el("li", { class: "item", "data-moderation-id": item.id },
    el("h3", {}, box, ` ${kind} ${item.id}${item.title ? `: ${item.title}` : ""}`),
    el("p", { class: "meta" },
      el("span", { class: hidden ? "pill quiet" : "pill", text: STATUS[status] ?? status }),
      item.official ? el("span", { class: "pill official", text: "Official statement" }) : null,
      el("span", { text: plural(item.flags ?? 0, "report") }),
      item.flags ? el("span", { text: `weighing ${item.reportWeight ?? 0} of ${item.threshold ?? "?"}` }) : null,
      item.burst ? el("span", { class: "pill", text: "Reported in a burst" }) : null,
      item.reasons?.length ? el("span", { text: `Reasons: ${item.reasons.join(", ")}` }) : null,
      el("span", { text: formatTime(item.createdAt) })),
    el("p", { class: "body", text: item.body ?? "" }),
    field("Reason", reason),
    el("div", { class: "actions" },
      hidden || status === "pending"
        ? el("button", { type: "button", class: "secondary", text: status === "pending" ? "Approve" : "Restore", onclick: () => act("restore") })
        : el("button", { type: "button", class: "danger", text: "Hide", onclick: () => act("hide") }),
      !isComment && (status === "held" || status === "reported")
        ? el("button", { type: "button", class: "secondary", text: "Keep it: dismiss the reports", onclick: () => act("dismiss") })
        : null),
    redact, merge);
}

/** Merge by finding the contribution to keep: search its words, pick it from what the campaign shows. */
function mergeForm(section, item, act) {
  const words = input({ type: "search", name: "merge-search", maxlength: 100 });
  const results = el("div", { class: "merge-results", "aria-live": "polite" });
  const search = async () => {
    const text = words.value.trim();
    if (!text) return;
    const found = await section.run(() => api("GET", `/admin/campaigns/${seg(section.slug)}/merge-targets${query({ q: text })}`));
    if (!found) return;
    const candidates = (found.items ?? []).filter((c) => c.id !== item.id);
    replace(results, candidates.length
      ? el("ul", { class: "plain" }, ...candidates.map((c) => el("li", {}, `${c.id}: ${c.title || c.body.slice(0, 80)} `,
        el("button", { type: "button", class: "secondary", text: `Merge into ${c.id}`, onclick: () => act("merge", { into: c.id }) }))))
      : el("p", { class: "muted", text: "No other contribution has those words." }));
  };
  words.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); search(); } });
  return el("details", {}, el("summary", { text: "Merge into another contribution" }),
    field("Words from the contribution to keep", words),
    el("button", { type: "button", class: "secondary", text: "Find it", onclick: search }), results);
}
