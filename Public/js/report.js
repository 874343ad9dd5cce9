// "Report" for one contribution: a small inline form with a reason, sent once per contributor.
import { api, describeError } from "./api.js";
import { el, say } from "./dom.js";
import { askToJoin } from "./join.js";

const REASONS = [
  ["offensive", "Offensive or abusive"],
  ["personal", "Names or personal details"],
  ["spam", "Spam or advertising"],
  ["other", "Something else"],
];

/** A "Report" button that opens a reason form inside `item` node. */
export function reportControl(page, item, node) {
  const button = el("button", { type: "button", class: "link report", "aria-expanded": "false" }, "Report");
  let form = null;
  button.addEventListener("click", () => {
    if (!page.joined) {
      askToJoin("Join the campaign to report a contribution.");
      return;
    }
    if (form) {
      form.remove();
      form = null;
      button.setAttribute("aria-expanded", "false");
      return;
    }
    const selectId = `report-reason-${item.id}`;
    const status = el("p", { class: "status", role: "status", hidden: true });
    const select = el("select", { id: selectId, name: "reason" }, ...REASONS.map(([value, label]) => el("option", { value, text: label })));
    form = el("form", { class: "report-form card" },
      el("div", { class: "field" }, el("label", { for: selectId, text: "Why should the team look at this?" }), select),
      status,
      el("div", { class: "actions" }, el("button", { type: "submit", text: "Send report" })),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await api("POST", `/api/contributions/${encodeURIComponent(item.id)}/flags`, { reason: select.value });
        form.replaceChildren(el("p", { class: "status is-success", role: "status", text: "Thank you. The campaign team will look at it." }));
        button.disabled = true;
        button.textContent = "Reported";
      } catch (error) {
        say(status, describeError(error), "error");
      }
    });
    node.append(form);
    button.setAttribute("aria-expanded", "true");
    select.focus();
  });
  return button;
}
