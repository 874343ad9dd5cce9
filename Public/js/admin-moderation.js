// Console section: the moderation queue — flagged or hidden items with hide, restore, redact and merge, each with a reason.
import { api, seg } from "./api.js";
import { el, replace, formatTime, plural } from "./dom.js";
import { field, input } from "./admin-kit.js";

export const moderationSection = {
  id: "moderation",
  title: "Moderation",
  intro: "Held, waiting and reported items, held first. Every action is kept in the audit log with its reason; authors stay anonymous.",
  async load(section) {
    const { items, signals } = await api("GET", `/admin/campaigns/${seg(section.slug)}/moderation`);
    const burst = signals?.reportBurst
      ? el("p", { class: "status is-error", role: "status", text: `A burst of reports: ${plural(signals.reportsLastHour, "report")} in the last hour. Look for a brigade before acting on them one by one.` })
      : null;
    replace(section.body, burst, items.length
      ? el("ul", { class: "items" }, ...items.map((item) => queueItem(section, item)))
      : el("p", { class: "muted", text: "Nothing waiting. Well done." }));
  },
};

const STATUS = { held: "Held by reports", pending: "Waiting for approval", reported: "Reported", hidden: "Hidden" };

function queueItem(section, item) {
  const isComment = item.contributionId !== undefined && item.questionId === undefined;
  const base = isComment ? `/admin/comments/${seg(item.id)}` : `/admin/contributions/${seg(item.id)}`;
  const kind = isComment ? "Comment" : "Contribution";
  const reason = input({ maxlength: 300 });
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
  const redactBody = el("textarea", { maxlength: 5000 });
  redactBody.value = item.body ?? "";
  const redact = el("details", {}, el("summary", { text: "Redact the text" }),
    field("Text to show instead", redactBody, "Remove names or personal details; the original is not kept."),
    el("button", { type: "button", class: "secondary", text: "Save redaction", onclick: () => act("redact", { body: redactBody.value }) }));
  const into = input({ inputmode: "numeric" });
  const merge = isComment ? null : el("details", {}, el("summary", { text: "Merge into another contribution" }),
    field("Number of the contribution to keep", into),
    el("button", { type: "button", class: "secondary", text: "Merge", onclick: () => act("merge", { into: Number(into.value) || into.value }) }));
  return el("li", { class: "item", "data-moderation-id": item.id },
    el("h3", { text: `${kind} ${item.id}${item.title ? `: ${item.title}` : ""}` }),
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
