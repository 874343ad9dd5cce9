// The form "Report" opens: a reason, words of one's own for "Something else", sent once; loaded on the first click.
import { api, describeError, ApiError } from "./api.js";
import { el, say } from "./dom.js";
import { askToJoin } from "./join.js";
import { titleOf } from "./votes.js";
import { markReported, remember } from "./report.js";

const REASONS = [
  ["offensive", "Offensive or abusive"],
  ["personal", "Names or personal details"],
  ["spam", "Spam or advertising"],
  ["other", "Something else"],
];

/** The longest explanation the server keeps with a reason (FlagRules: 500 characters, minus "other: "). */
const DETAIL_MAX = 490;

/** The reason as the server keeps it: the code, or for "Something else" the person's own words after it. */
export function reasonText(reason, detail) {
  return reason === "other" && detail ? `other: ${detail}` : reason;
}

/** The report form for contribution `item` (or its `comment`), marking `button` once the report is sent. */
export function reportForm(page, item, comment, button) {
  const kind = comment ? "comment" : "contribution";
  const targetId = comment ? comment.id : item.id;
  const selectId = comment ? `report-reason-comment-${targetId}` : `report-reason-${item.id}`;
  const detailId = `report-detail-${kind}-${targetId}`;
  const status = el("p", { class: "status", role: "status", hidden: true });
  const select = el("select", { id: selectId, name: "reason" }, ...REASONS.map(([value, label]) => el("option", { value, text: label })));
  const detail = el("textarea", { id: detailId, name: "detail", maxlength: DETAIL_MAX, rows: 3, "aria-describedby": `${detailId}-hint` });
  const detailField = el("div", { class: "field", hidden: true },
    el("label", { for: detailId, text: "Tell the team what is wrong" }),
    el("span", { class: "hint", id: `${detailId}-hint`, text: "Only the moderators read this. Please do not name anyone." }),
    detail);
  select.addEventListener("change", () => {
    detailField.hidden = select.value !== "other";
    if (!detailField.hidden) detail.focus();
  });
  const form = el("form", { class: "report-form card" },
    el("div", { class: "field" }, el("label", { for: selectId, text: `Why should the team look at this ${kind}?` }), select),
    detailField,
    status,
    el("div", { class: "actions" }, el("button", { type: "submit", text: "Send report" })),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const words = detail.value.trim();
    if (select.value === "other" && !words) {
      say(status, "Please say in a few words what is wrong.", "error");
      detail.focus();
      return;
    }
    const reason = reasonText(select.value, words);
    if (!page.joined) {
      askToJoin("Join the campaign to report it. Your report will be sent as soon as you have joined.", {
        slug: page.slug,
        action: { kind: "report", id: item.id, commentId: comment?.id ?? null, reason, title: titleOf(item), returnTo: page.ideaPath ?? null },
      });
      return;
    }
    const path = comment ? `/api/comments/${encodeURIComponent(comment.id)}/flags` : `/api/contributions/${encodeURIComponent(item.id)}/flags`;
    try {
      await api("POST", path, { reason });
      form.replaceChildren(el("p", { class: "status is-success", role: "status", text: "Thank you. The campaign team will look at it." }));
      markReported(button);
      remember(page, kind, targetId);
    } catch (error) {
      if (error instanceof ApiError && error.code === "already_flagged") {
        form.replaceChildren(el("p", { class: "status is-info", role: "status", text: describeError(error) }));
        markReported(button);
        remember(page, kind, targetId);
        return;
      }
      say(status, describeError(error), "error");
    }
  });
  return form;
}
