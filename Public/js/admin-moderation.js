// Console section: the moderation queue — flagged or hidden items with hide, restore, redact and merge, each with a reason.
import { api, seg } from "./api.js";
import { el, replace, formatTime, plural } from "./dom.js";
import { field, input } from "./admin-kit.js";

export const moderationSection = {
  id: "moderation",
  title: "Moderation",
  intro: "Reported and hidden items. Every action is kept in the audit log with its reason; authors stay anonymous.",
  async load(section) {
    const { items } = await api("GET", `/admin/campaigns/${seg(section.slug)}/moderation`);
    replace(section.body, items.length
      ? el("ul", { class: "items" }, ...items.map((item) => queueItem(section, item)))
      : el("p", { class: "muted", text: "Nothing waiting. Well done." }));
  },
};

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
      el("span", { class: hidden ? "pill quiet" : "pill", text: hidden ? "Hidden" : item.state ?? "visible" }),
      el("span", { text: plural(item.flags ?? 0, "report") }),
      item.reasons?.length ? el("span", { text: `Reasons: ${item.reasons.join(", ")}` }) : null,
      el("span", { text: formatTime(item.createdAt) })),
    el("p", { class: "body", text: item.body ?? "" }),
    field("Reason", reason),
    el("div", { class: "actions" },
      hidden
        ? el("button", { type: "button", class: "secondary", text: "Restore", onclick: () => act("restore") })
        : el("button", { type: "button", class: "danger", text: "Hide", onclick: () => act("hide") })),
    redact, merge);
}
