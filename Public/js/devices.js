// "This device": a pairing code and QR code for another device, a recovery key to save or print, signing out.
import { api, describeError, seg } from "./api.js";
import { byId, say, replace, formatTime, plural } from "./dom.js";
import { qrSvg } from "./qr.js";

/** Wires the section; `onSignedOut` runs once this device has forgotten the contributor. Returns `{ refresh }`. */
export function setUpDevices(page, onSignedOut) {
  const section = byId("devices");
  const status = byId("devices-status");
  const signOut = byId("signout-button");
  let summary = null;

  const refresh = async () => {
    section.hidden = !page.joined;
    byId("nav-devices").hidden = !page.joined;
    byId("pairing").hidden = true;
    byId("recovery").hidden = true;
    signOut.dataset.confirm = "";
    signOut.textContent = "Sign out of this device";
    if (!page.joined) return;
    try {
      summary = await api("GET", `/api/campaigns/${seg(page.slug)}/device`);
    } catch (error) {
      say(status, describeError(error), "error");
      return;
    }
    const where = summary.shared
      ? "You joined on a shared computer: nothing is kept here once the browser is closed. Sign out when you leave."
      : `You are signed in on ${plural(summary.devices, "device")}.`;
    const recovery = summary.recoveryKey ? " You have a recovery key." : " You have no recovery key yet.";
    byId("devices-summary").textContent = where + recovery;
  };

  byId("pairing-button").addEventListener("click", async () => {
    try {
      const pairing = await api("POST", `/api/campaigns/${seg(page.slug)}/pairing`);
      byId("pairing-code").textContent = pairing.code;
      const qr = byId("pairing-qr");
      replace(qr, ...(pairing.qr ? [qrSvg(pairing.qr, "QR code: opens this campaign on a phone and signs it in as you")] : []));
      byId("pairing-expiry").textContent =
        `Valid once, until ${formatTime(pairing.expiresAt)}. On the other device, open this campaign and type it under “Already joined on another device?”.`;
      byId("pairing").hidden = false;
    } catch (error) {
      say(status, describeError(error), "error");
    }
  });

  let saved = null;
  byId("recovery-button").addEventListener("click", async () => {
    if (summary?.recoveryKey && byId("recovery-button").dataset.confirm !== "yes") {
      byId("recovery-button").dataset.confirm = "yes";
      byId("recovery-button").textContent = "Yes, replace my recovery key";
      say(status, "A new recovery key replaces the one you have: the old one stops working. Press again to go on.", "info");
      return;
    }
    try {
      const { recoveryKey } = await api("POST", `/api/campaigns/${seg(page.slug)}/recovery-key`);
      byId("recovery-key").textContent = recoveryKey;
      if (saved) URL.revokeObjectURL(saved);
      const text = `Groundswell recovery key for ${location.origin}/c/${page.slug}\n\n${recoveryKey}\n\n`
        + "Type it under “Already joined on another device?” on the campaign page to continue as yourself. Keep it private.\n";
      saved = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
      byId("recovery-save").href = saved;
      byId("recovery").hidden = false;
      byId("recovery-button").dataset.confirm = "";
      byId("recovery-button").textContent = "Get a new recovery key";
      summary = { ...summary, recoveryKey: true };
      say(status, "Save or print your recovery key now: it will not be shown again.", "success");
    } catch (error) {
      say(status, describeError(error), "error");
    }
  });
  byId("recovery-print").addEventListener("click", () => {
    document.body.dataset.print = "recovery";
    window.print();
    delete document.body.dataset.print;
  });

  signOut.addEventListener("click", async () => {
    if (signOut.dataset.confirm !== "yes") {
      signOut.dataset.confirm = "yes";
      signOut.textContent = "Yes, sign out";
      const alone = summary && summary.devices <= 1 && !summary.recoveryKey;
      say(status, alone
        ? "This is your only signed-in device and you have no recovery key: once signed out, you cannot come back as yourself. Get a recovery key first, or press “Yes, sign out” to go anyway."
        : "Press “Yes, sign out” to confirm.", alone ? "error" : "info");
      return;
    }
    try {
      await api("DELETE", `/api/campaigns/${seg(page.slug)}/device`);
      try {
        localStorage.removeItem(`gs-draft-${page.slug}`);
      } catch {
        // Storage may be disabled: then nothing was kept in it either.
      }
      say(status, "");
      await onSignedOut();
      say(byId("page-status"), "You are signed out of this device.", "success");
    } catch (error) {
      say(status, describeError(error), "error");
    }
  });

  return { refresh };
}
