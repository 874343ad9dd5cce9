// The page a message's "Unsubscribe" link opens: it asks first (a link checker following the link must not
// unsubscribe anyone, RFC 8058 §3.1), then posts the token from the fragment, which never reaches a server log.
import { api, describeError, seg } from "./api.js";
import { byId, say } from "./dom.js";

const token = /^#([A-Za-z0-9_-]{16,128})$/.exec(location.hash)?.[1];
const status = byId("status");
const button = byId("unsubscribe-button");
if (!token) {
  button.disabled = true;
  say(status, "This link is incomplete. Use the whole link from the message.", "error");
}
byId("unsubscribe-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  button.disabled = true;
  try {
    await api("POST", `/api/unsubscribe/${seg(token)}`, {});
    history.replaceState(null, "", location.pathname);
    byId("unsubscribe-form").hidden = true;
    say(status, "You are unsubscribed: no more of these messages will be sent to this address.", "success");
  } catch (error) {
    button.disabled = false;
    say(status, describeError(error), "error");
  }
});
