// Building blocks shared by the console sections: labelled fields, tables, file downloads and reason prompts.
import { el, phaseName } from "./dom.js";

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

/**
 * Offers the server's bytes as a file download without navigating away (a blob link, clicked once). Never text
 * re-wrapped: decoding drops the UTF-8 byte order mark Excel needs to read "Café" (issue 20).
 */
export function downloadBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A one-line "Reason" input used by audited actions. */
/**
 * Says how a bulk request went from its `{done, skipped}` answer: `lead`, then each item left as it was with the
 * server's reason (`left` names them, `name` each id) — information when some were left, success when none were.
 */
export function sayBulk(section, answer, lead, left = "Left as they were", name = (id) => id) {
  const skipped = answer.skipped ?? [];
  const rest = skipped.length ? ` ${left}: ${skipped.map((s) => `${name(s.id)} (${s.message ?? s.code})`).join("; ")}.` : "";
  section.say(lead + rest, skipped.length ? "info" : "success");
}

export function reasonInput(label = "Reason (kept in the audit log)") {
  const control = input({ name: "reason", maxlength: 300 });
  return { control, wrapper: field(label, control) };
}

/** What kappa and alpha mean, in the words shown wherever either figure is (the coding report, the machine coder). */
export const AGREEMENT_NOTE = "Kappa is Cohen's measure of agreement beyond what chance alone would give: 1 is perfect agreement, 0 no better than chance; above 0.6 is usually taken as substantial. Krippendorff's alpha reads the same way, counting every disagreement.";

/**
 * Asks before a step that cannot simply be undone (archive, launch, open or close a phase, delete): a modal dialog
 * naming what will happen, with the step's own verb on the confirming button. Resolves true only when that button is
 * pressed; Cancel, Escape or closing the dialog resolve false. Focus starts on Cancel and goes back where it was.
 */
export function confirmStep({ title, message, confirm, danger = false }) {
  const returnTo = document.activeElement;
  const cancelButton = el("button", { type: "button", class: "secondary", text: "Cancel", "data-confirm": "cancel" });
  const confirmButton = el("button", { type: "button", class: danger ? "danger" : "", text: confirm, "data-confirm": "confirm" });
  const heading = el("h2", { id: `confirm-${++counter}`, text: title });
  const dialog = el("dialog", { class: "confirm", "aria-labelledby": heading.id },
    heading, el("p", { text: message }), el("div", { class: "actions" }, confirmButton, cancelButton));
  document.body.append(dialog);
  return new Promise((resolve) => {
    let answer = false;
    confirmButton.addEventListener("click", () => { answer = true; dialog.close(); });
    cancelButton.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
      resolve(answer);
    });
    dialog.showModal();
    cancelButton.focus();
  });
}

/** A campaign's state in words. */
export function campaignStateWords(state) {
  return { draft: "Draft: not launched yet", live: "Live", archived: "Archived: read-only" }[state] ?? String(state ?? "");
}

/** A phase's state in words: "Open now", "Not opened yet", "Closed". */
export function phaseStateWords(state) {
  return { open: "Open now", pending: "Not opened yet", closed: "Closed" }[state] ?? String(state ?? "");
}

/** Where a campaign is in its four phases, in one line: "Answer open now", "Not started", "Understand closed; Answer next". */
export function phasesInWords(phases = []) {
  const open = phases.find((phase) => phase.state === "open");
  if (open) return `${phaseName(open.kind)} open now`;
  const next = phases.find((phase) => phase.state === "pending");
  const closed = phases.filter((phase) => phase.state === "closed");
  if (!closed.length) return next ? `Not started: ${phaseName(next.kind)} first` : "No phases";
  const last = closed[closed.length - 1];
  return next ? `${phaseName(last.kind)} closed; ${phaseName(next.kind)} next` : "Every phase closed";
}
