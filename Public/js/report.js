// "Report" for one contribution or comment: the button, and "Reported" remembered from the server's record
// (`/api/me`). The form it opens (`report-form.js`) is fetched on the first click.
import { el } from "./dom.js";
import { titleOf } from "./votes.js";

/** Shows `button` as done: the report was sent, now or before. */
export function markReported(button) {
  button.disabled = true;
  button.textContent = "Reported";
  button.setAttribute("aria-expanded", "false");
}

/** Notes a report just sent in `page.reported`, so a redrawn thread or list still says "Reported". */
export function remember(page, kind, id) {
  page.reported ??= { contributions: [], comments: [] };
  const list = kind === "comment" ? "comments" : "contributions";
  page.reported[list] = [...(page.reported[list] ?? []), id];
}

/** Marks every report button on the page whose contribution or comment the visitor already reported. */
export function showReported(reported) {
  const contributions = new Set(reported?.contributions ?? []);
  const comments = new Set(reported?.comments ?? []);
  for (const button of document.querySelectorAll("button.report[data-report]")) {
    const [kind, id] = button.dataset.report.split("-");
    if ((kind === "contribution" ? contributions : comments).has(Number(id))) markReported(button);
  }
}

/**
 * A "Report" button that opens a reason form inside `node`, for contribution `item` or, with `comment`, for one of
 * its comments. `page.reported` (from `/api/me`) says what was reported already.
 */
export function reportControl(page, item, node, comment = null) {
  const kind = comment ? "comment" : "contribution";
  const targetId = comment ? comment.id : item.id;
  const button = el("button", { type: "button", class: "link report", "aria-expanded": "false", "data-report": `${kind}-${targetId}` },
    "Report", el("span", { class: "visually-hidden", text: comment ? " this comment" : `: ${titleOf(item)}` }));
  const already = comment ? page.reported?.comments : page.reported?.contributions;
  if (already?.includes?.(targetId)) markReported(button);
  let form = null;
  button.addEventListener("click", async () => {
    if (form) {
      form.remove();
      form = null;
      button.setAttribute("aria-expanded", "false");
      return;
    }
    const { reportForm } = await import("./report-form.js");
    form = reportForm(page, item, comment, button);
    node.append(form);
    button.setAttribute("aria-expanded", "true");
    form.querySelector("select").focus();
  });
  return button;
}
