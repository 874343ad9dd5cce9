// The guide editor for an idea's author and invited key contributors: edit the mini-guide, save against the revision
// you started from, see a conflict explained (with the newer text) when someone saved first, and the revisions.
import { api, describeError, seg, ApiError } from "./api.js";
import { el, byId, replace, say, formatTime } from "./dom.js";
import { slugFromLocation } from "./slug.js";

const INVITE_HEADER = "X-Guide-Invite";

/** The invitation token: from `#invite=` on first visit, then from this tab's storage (the fragment is removed). */
function inviteToken(id) {
  const key = `gs-guide-invite-${id}`;
  const fromLink = new URLSearchParams(location.hash.slice(1)).get("invite");
  if (fromLink) {
    sessionStorage.setItem(key, fromLink);
    history.replaceState(null, "", location.pathname + location.search);
  }
  return sessionStorage.getItem(key);
}

class Editor {
  constructor(id, invite) {
    this.id = id;
    this.headers = invite ? { [INVITE_HEADER]: invite } : {};
    this.base = 0;
    this.boxes = new Map();
    /** Section key → its text in revision `base`, to tell which sections someone else changed. */
    this.baseText = new Map();
    /** False on a shared computer: the next person must not find the last one's draft. */
    this.keepsDrafts = true;
  }

  call(method, path, body) {
    return api(method, path, body, { headers: this.headers });
  }

  async start() {
    const guide = await this.call("GET", `/api/guides/${seg(this.id)}`);
    byId("who").textContent = `You are editing as “${guide.you}”. Others see only that label, never your name.`;
    this.draw(guide);
    if (!guide.final) this.restoreDraft();
    byId("editor").hidden = false;
    byId("editor").addEventListener("submit", (event) => this.save(event));
    byId("editor").addEventListener("input", () => this.keepDraft());
    await this.history();
  }

  get draftKey() {
    return `gs-guide-draft-${this.id}`;
  }

  /** Unsaved text survives a reload: kept on this device with the revision it was based on (not on a shared computer). */
  keepDraft() {
    if (!this.keepsDrafts) {
      localStorage.removeItem(this.draftKey);
      return;
    }
    const sections = Object.fromEntries([...this.boxes].map(([key, box]) => [key, box.value]));
    localStorage.setItem(this.draftKey, JSON.stringify({ base: this.base, title: byId("guide-title").value, sections, baseText: [...this.baseText] }));
  }

  /** Puts a kept draft back in the boxes; its base revision stays, so saving over a newer revision is caught. */
  restoreDraft() {
    if (!this.keepsDrafts) {
      localStorage.removeItem(this.draftKey);
      return;
    }
    let draft = null;
    try {
      draft = JSON.parse(localStorage.getItem(this.draftKey) ?? "null");
    } catch {
      draft = null;
    }
    if (!draft || typeof draft.sections !== "object") return;
    byId("guide-title").value = String(draft.title ?? "");
    for (const [key, box] of this.boxes) if (typeof draft.sections[key] === "string") box.value = draft.sections[key];
    this.base = Number(draft.base) || 0;
    this.baseText = new Map(Array.isArray(draft.baseText) ? draft.baseText : []);
    say(byId("status"), "Your unsaved changes from last time are back in the boxes. Save them when you are ready.", "info");
  }

  /** Fills the form from `guide` and remembers its revision as the one our next save is based on. */
  draw(guide) {
    this.base = guide.revision;
    this.baseText = new Map(guide.sections.map((s) => [s.key, s.body]));
    document.title = `Edit: ${guide.title || "guide"} – Groundswell`;
    byId("guide-title").value = guide.title;
    replace(byId("sections"), ...guide.sections.map((section) => {
      const box = el("textarea", { id: `section-${section.key}`, name: section.key, rows: 5, maxlength: 10000 });
      box.value = section.body;
      this.boxes.set(section.key, box);
      return el("div", { class: "field", "data-section": section.key },
        el("label", { for: box.id, text: section.heading }), box, el("div", { class: "theirs", hidden: true }));
    }));
    this.showRevision(guide);
    this.showComments(guide.comments ?? []);
  }

  showRevision(guide) {
    byId("revision").textContent = guide.revision ? `Editing from revision ${guide.revision}.` : "Nothing saved yet.";
    if (guide.final) {
      say(byId("status"), "The facilitators have marked this guide final, so it can no longer be edited.", "info");
      for (const control of byId("editor").querySelectorAll("input, textarea, button")) control.disabled = true;
    }
  }

  showComments(comments) {
    replace(byId("comments"), ...(comments.length
      ? comments.map((c) => el("li", { text: `On revision ${c.revision} (${formatTime(c.createdAt)}): ${c.body}` }))
      : [el("li", { class: "muted", text: "No comments yet." })]));
  }

  async history() {
    const { revisions } = await this.call("GET", `/api/guides/${seg(this.id)}/revisions`);
    replace(byId("revisions"), ...(revisions.length
      ? revisions.map((r) => el("li", { text: `Revision ${r.revision} by ${r.editor}, ${formatTime(r.createdAt)}` }))
      : [el("li", { class: "muted", text: "Nobody has saved this guide yet." })]));
  }

  async save(event) {
    event.preventDefault();
    const status = byId("status");
    const sections = Object.fromEntries([...this.boxes].map(([key, box]) => [key, box.value]));
    const body = { revision: this.base, title: byId("guide-title").value.trim(), sections };
    say(status, "Saving…");
    try {
      const saved = await this.call("PUT", `/api/guides/${seg(this.id)}`, body);
      this.base = saved.revision;
      this.baseText = new Map(saved.sections.map((s) => [s.key, s.body]));
      this.showRevision(saved);
      this.showComments(saved.comments ?? []);
      this.clearConflict();
      localStorage.removeItem(this.draftKey);
      say(status, `Saved as revision ${saved.revision}.`, "success");
      await this.history();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.code === "guide_stale" && error.body?.current) {
        say(status, "");
        this.conflict(error.body.current);
        await this.history();
      } else if (error instanceof ApiError && error.code === "guide_final") {
        this.showRevision({ revision: this.base, final: true });
      } else {
        say(status, describeError(error), "error");
      }
    }
  }

  /** Someone saved after we opened the guide: keep our text in the boxes, show theirs under each box they changed. */
  conflict(current) {
    const changed = [];
    for (const section of current.sections) {
      const box = this.boxes.get(section.key);
      const theirs = box?.parentElement.querySelector(".theirs");
      if (!box || !theirs) continue;
      const differs = section.body !== this.baseText.get(section.key) && section.body !== box.value;
      theirs.hidden = !differs;
      if (!differs) continue;
      changed.push(section.heading);
      replace(theirs, el("p", { class: "small", text: `Saved by someone else in revision ${current.revision}:` }),
        el("blockquote", { text: section.body || "(empty)" }),
        el("button", { type: "button", class: "secondary", text: `Use their “${section.heading}”`, onclick: () => {
          box.value = section.body;
          theirs.hidden = true;
          box.focus();
        } }));
    }
    byId("conflict-text").textContent = `Your changes were not saved, and nothing you typed is lost: it is still in the boxes. ` +
      `Revision ${current.revision} was saved by someone else after you opened the guide` +
      (changed.length ? `; they changed: ${changed.join(", ")}. Their text is shown under each of those boxes.` : ".") +
      ` Combine the two, then press Save again.`;
    this.base = current.revision;
    this.baseText = new Map(current.sections.map((s) => [s.key, s.body]));
    byId("conflict").hidden = false;
    byId("revision").textContent = `Your next save builds on revision ${current.revision}.`;
    byId("conflict-heading").focus();
  }

  clearConflict() {
    byId("conflict").hidden = true;
    for (const theirs of document.querySelectorAll(".theirs")) theirs.hidden = true;
  }
}

async function start() {
  const slug = slugFromLocation();
  if (slug) byId("campaign-link").href = `/c/${encodeURIComponent(slug)}`;
  const id = new URLSearchParams(location.search).get("guide") ?? "";
  if (!/^\d+$/.test(id)) {
    say(byId("status"), "This address does not name a guide. Use the link you were sent.", "error");
    byId("who").textContent = "";
    return;
  }
  // The author's guide invitation by e-mail carries a one-use sign-in code (#pair=): spend it first, so this
  // device becomes the author's, then go on as on any of their devices.
  const pair = new URLSearchParams(location.hash.slice(1)).get("pair");
  if (pair && slug) {
    history.replaceState(null, "", location.pathname + location.search);
    try {
      await api("POST", `/api/campaigns/${seg(slug)}/pair`, { code: pair });
    } catch (error) {
      say(byId("status"), `${describeError(error)} The link in your invitation works once: if you used it already, open the campaign on a device where you joined.`, "error");
    }
  }
  const editor = new Editor(id, inviteToken(id));
  if (slug) {
    try {
      editor.keepsDrafts = !(await api("GET", `/api/campaigns/${seg(slug)}`)).shared;
    } catch {
      // The campaign will say what is wrong when the guide loads.
    }
  }
  try {
    await editor.start();
  } catch (error) {
    byId("who").textContent = "";
    const message = error instanceof ApiError && error.status === 401
      ? "Only the idea's author and the people the facilitators invited can edit this guide. If you were invited, open the link you were sent again, or ask for a new one."
      : describeError(error);
    say(byId("status"), message, "error");
  }
}

start();
