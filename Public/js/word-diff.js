// A word diff from the server's runs, built as text: removed words struck through, added ones underlined, and each
// change also named in words for screen readers, so colour is never the only cue.
import { el } from "./dom.js";

/** Word runs as one paragraph: removed words struck through, added ones marked, each also named in words for screen readers. */
export function diffView(runs) {
  return el("p", { class: "word-diff" }, ...(runs ?? []).map((run) => {
    switch (run.kind) {
      case "removed": return el("del", {}, el("span", { class: "visually-hidden", text: "[removed: " }), run.text,
        el("span", { class: "visually-hidden", text: "]" }));
      case "added": return el("ins", {}, el("span", { class: "visually-hidden", text: "[added: " }), run.text,
        el("span", { class: "visually-hidden", text: "]" }));
      default: return document.createTextNode(run.text);
    }
  }));
}
