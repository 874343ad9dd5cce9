// Building blocks shared by the console sections: labelled fields, tables, file downloads and reason prompts.
import { el } from "./dom.js";

let counter = 0;

/** A labelled control; returns the wrapper. The control gets a fresh id when it has none. */
export function field(label, control, hint = null) {
  if (!control.id) control.id = `f-${++counter}`;
  const hintNode = hint ? el("span", { class: "hint", id: `${control.id}-hint`, text: hint }) : null;
  if (hintNode) control.setAttribute("aria-describedby", hintNode.id);
  return el("div", { class: "field" }, el("label", { for: control.id, text: label }), hintNode, control);
}

export function input(attrs = {}) {
  return el("input", { type: "text", ...attrs });
}

export function select(options, attrs = {}) {
  return el("select", attrs, ...options.map(([value, label]) => el("option", { value, text: label })));
}

/**
 * A table with a caption; `rows` are arrays of cells (strings, numbers or nodes). Its wrapper scrolls sideways on a
 * narrow screen, so it is a named region in the tab order: keyboard users scroll it with the arrow keys (WCAG 2.1.1).
 */
export function table(caption, headers, rows) {
  return el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": caption },
    el("table", {},
      el("caption", { class: "visually-hidden", text: caption }),
      el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, ...rows.map((cells) => el("tr", {}, ...cells.map((cell) => el("td", {}, cell ?? "")))))));
}

/** Offers `text` as a file download without navigating away (a blob link, clicked once). */
export function downloadText(text, filename, type = "text/csv") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A one-line "Reason" input used by audited actions. */
export function reasonInput(label = "Reason (kept in the audit log)") {
  const control = input({ name: "reason", maxlength: 300 });
  return { control, wrapper: field(label, control) };
}
