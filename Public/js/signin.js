// Continuing on this device as someone who joined elsewhere: a pairing code (typed, or from a scanned link) or a recovery key.
import { api, describeError, seg } from "./api.js";
import { byId, say } from "./dom.js";

/** Whether the visitor ticked "This is a shared computer" (it applies to joining and to these two ways in). */
export function onSharedComputer() {
  return byId("shared-computer").checked;
}

/**
 * Wires the pairing and recovery forms of the join section; `onSignedIn` runs after either works. A link
 * with `#pair=CODE` (what the QR code holds) fills the code and sends it at once, then leaves the address.
 */
export function setUpSignIn(page, onSignedIn) {
  const status = byId("signin-status");
  const submit = async (input, button, path, field) => {
    const value = input.value.trim();
    if (!value) {
      say(status, field === "code" ? "Please type the pairing code your other device shows." : "Please type your recovery key.", "error");
      input.focus();
      return;
    }
    button.disabled = true;
    say(status, "Signing in…");
    try {
      await api("POST", `/api/campaigns/${seg(page.slug)}/${path}`, { [field]: value, shared: onSharedComputer() });
      say(status, "");
      input.value = "";
      await onSignedIn();
      say(byId("page-status"), "Welcome back: this device now knows your contributions and votes.", "success");
    } catch (error) {
      say(status, describeError(error), "error");
      input.focus();
    } finally {
      button.disabled = false;
    }
  };
  byId("pair-form").addEventListener("submit", (event) => {
    event.preventDefault();
    submit(byId("pair-code"), byId("pair-button"), "pair", "code");
  });
  byId("recover-form").addEventListener("submit", (event) => {
    event.preventDefault();
    submit(byId("recover-key"), byId("recover-button"), "recover", "recoveryKey");
  });

  const fromLink = /^#pair=([0-9A-Za-z-]{4,20})$/.exec(location.hash)?.[1];
  if (fromLink) {
    history.replaceState(null, "", location.pathname + location.search);
    if (!page.joined) {
      byId("pair-code").value = fromLink;
      submit(byId("pair-code"), byId("pair-button"), "pair", "code");
    }
  }
}

/** Shows the way back in, for an invite code that was already used (perhaps on the person's own phone). */
export function offerSignIn(message) {
  const section = byId("signin");
  say(byId("signin-status"), message, "info");
  section.scrollIntoView({ block: "start" });
  byId("pair-code").focus();
}
