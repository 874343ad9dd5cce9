// "Ask for an invitation" on an invite-only campaign: an address and a note for the facilitators, who decide.
// Loaded only when asked for (campaign.js imports it on the button's first click), so the page's weight is unchanged.
import { api, describeError, seg } from "./api.js";
import { el, byId, replace, say } from "./dom.js";

/** Draws the request form into #request-invite-form. */
export function openRequestInvite(page) {
  const status = byId("request-invite-status");
  const address = el("input", { id: "request-invite-address", type: "email", autocomplete: "email", "aria-describedby": "request-invite-hint" });
  const note = el("textarea", { id: "request-invite-note", rows: 3, maxlength: 500, "aria-describedby": "request-invite-note-hint" });
  const send = el("button", { type: "submit", id: "request-invite-send", text: "Ask for an invitation" });
  const form = el("form", { id: "request-invite" },
    el("div", { class: "field" },
      el("label", { for: "request-invite-address", text: "Your e-mail address" }),
      el("span", { class: "hint", id: "request-invite-hint", text: "The facilitators see only the part after the @; if they agree, your invitation comes to this address. It is kept encrypted and deleted once they decide, or when the invitation's time runs out." }),
      address),
    el("div", { class: "field" },
      el("label", { for: "request-invite-note", text: "A note for the facilitators (optional)" }),
      el("span", { class: "hint", id: "request-invite-note-hint", text: "Say why you would like to take part — your team or role, not your name." }),
      note),
    el("p", { class: "actions" }, send));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("POST", `/api/campaigns/${seg(page.slug)}/invitation-requests`, { email: address.value, note: note.value });
      replace(byId("request-invite-form"));
      say(status, "Thank you. If the facilitators agree, your invitation will come by e-mail.", "success");
    } catch (error) {
      say(status, describeError(error), "error");
    }
  });
  replace(byId("request-invite-form"), form);
  address.focus();
}
