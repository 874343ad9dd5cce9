// "Hear by e-mail": a contributor leaves an address for the campaign's news or their own ideas, sees it, erases it.
// Loaded only when asked for (campaign.js imports it on the button's first click), so the page's weight is unchanged.
import { api, describeError, seg } from "./api.js";
import { el, byId, replace, say } from "./dom.js";

/** Draws the form into #mail-optin-form with what the server holds for this contributor. */
export async function openMailOptIn(page) {
  const box = byId("mail-optin-form");
  const status = byId("mail-optin-status");
  const path = `/api/campaigns/${seg(page.slug)}/mail-address`;
  let current;
  try {
    current = await api("GET", path);
  } catch (error) {
    say(status, describeError(error), "error");
    return;
  }
  const address = el("input", { id: "mail-optin-address", type: "email", autocomplete: "email", "aria-describedby": "mail-optin-hint" });
  address.value = current.address ?? "";
  const news = el("input", { type: "checkbox", id: "mail-optin-news" });
  news.checked = current.address ? current.announcements : true;
  const alerts = el("input", { type: "checkbox", id: "mail-optin-alerts" });
  alerts.checked = current.address ? current.alerts : true;
  const erase = el("button", { type: "button", id: "mail-optin-erase", class: "danger", text: "Erase my address" });
  erase.hidden = !current.address;
  const form = el("form", { id: "mail-optin" },
    el("div", { class: "field" },
      el("label", { for: "mail-optin-address", text: "E-mail address" }),
      el("span", { class: "hint", id: "mail-optin-hint", text: "Kept encrypted, never shown to the organisers and never linked to your name. Replying to a message would show your address to whoever reads the reply." }),
      address),
    el("p", { class: "field" }, el("label", { class: "choice" }, news, " News of the campaign: a phase opens, the shortlist or the guide is published")),
    el("p", { class: "field" }, el("label", { class: "choice" }, alerts, " About my own ideas: shortlisted, a reply, and messages from the facilitators")),
    el("p", { class: "actions" }, el("button", { type: "submit", id: "mail-optin-save", text: "Save" }), erase));
  if (current.refused) say(status, "The mail server refused this address, so nothing is sent to it. Check it, or erase it.", "error");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const saved = await api("PUT", path, { address: address.value, announcements: news.checked, alerts: alerts.checked });
      erase.hidden = false;
      say(status, `Saved. Messages go to ${saved.address}; the message never says which idea is yours.`, "success");
    } catch (error) {
      say(status, describeError(error), "error");
    }
  });
  erase.addEventListener("click", async () => {
    try {
      await api("DELETE", path);
      address.value = "";
      erase.hidden = true;
      say(status, "Your address is erased. Nothing more will be sent to it.", "success");
    } catch (error) {
      say(status, describeError(error), "error");
    }
  });
  replace(box, form);
  address.focus();
}
