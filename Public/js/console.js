// The facilitator console: sign-in, the campaign picker, and the sections of `console-sections.js` the signed-in role may use.
import { api, describeError, ApiError } from "./api.js";
import { el, byId, replace, say } from "./dom.js";
import { sectionsFor } from "./console-sections.js";

/**
 * One console section: a heading, a status line and a body. Its module (`console-sections.js`) is fetched the first
 * time it is loaded; `run` wraps loading so that a failure is said in the server's words in the status line and a
 * 401 sends the facilitator back to sign-in. A section not on screen is only marked stale and loads when shown.
 */
export class Section {
  constructor(entry, consoleState) {
    this.entry = entry;
    this.spec = null;
    this.stale = true;
    this.console = consoleState;
    this.intro = el("p", { class: "muted", hidden: true });
    this.status = el("p", { class: "status", role: "status", hidden: true, "data-marked": true });
    this.body = el("div", { class: "section-body" });
    this.heading = el("h2", { id: `heading-${entry.id}`, text: entry.title });
    this.node = el("section", { class: "card console-section", id: `section-${entry.id}`, "aria-labelledby": `heading-${entry.id}` },
      this.heading, this.intro, this.status, this.body);
  }

  get id() {
    return this.entry.id;
  }

  get slug() {
    return this.console.slug;
  }

  /** The campaign the section works on, named in its heading so no one edits one campaign thinking of another. */
  nameCampaign() {
    if (this.entry.global) return;
    const campaign = this.console.campaign;
    this.heading.textContent = campaign ? `${this.entry.title}: ${campaign.title ?? campaign.slug}` : this.entry.title;
  }

  async load() {
    this.stale = false;
    this.nameCampaign();
    await this.run(async () => {
      if (!this.spec) {
        this.spec = await this.entry.module();
        if (this.spec.intro) {
          this.intro.textContent = this.spec.intro;
          this.intro.hidden = false;
        }
      }
      if (!this.slug && !this.entry.global) {
        replace(this.body, el("p", { class: "muted", text: "Create or choose a campaign first." }));
        return;
      }
      await this.spec.load(this);
    });
  }

  /** Runs `task`; maps its failure to a message in this section. Returns the task's result or null. */
  async run(task) {
    try {
      return await task();
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  /** Says what went wrong in the server's words; a 404 is an error like any other, never "not built yet". */
  fail(error) {
    if (error instanceof ApiError && error.status === 401) {
      this.console.signedOut("Your session has ended. Please sign in again.");
      return;
    }
    say(this.status, describeError(error), "error");
  }

  say(message, kind = "info") {
    say(this.status, message, kind);
  }
}

class ConsoleState {
  constructor() {
    this.me = null;
    this.slug = "";
    this.sections = [];
    this.specs = [];
    this.current = "";
    /** False while the campaign list is on its way: a section shown then loads once, when the campaign is chosen. */
    this.ready = false;
  }

  async start() {
    byId("signin-form").addEventListener("submit", (event) => this.signIn(event));
    byId("sign-out").addEventListener("click", () => this.signOut());
    byId("campaign-picker").addEventListener("change", (event) => this.choose(event.target.value));
    // Once, not per sign-in: a listener added on every `enter` would show (and load) a section once per sign-in.
    window.addEventListener("hashchange", () => this.show(location.hash.slice(1)));
    try {
      this.me = await api("GET", "/admin/me");
      await this.enter();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.signedOut("");
      else this.signedOut(describeError(error));
    }
  }

  async signIn(event) {
    event.preventDefault();
    const name = byId("signin-name").value.trim();
    const password = byId("signin-password").value;
    const status = byId("signin-status");
    if (!name || !password) {
      say(status, "Please enter your name and your password.", "error");
      return;
    }
    say(status, "Signing in…");
    try {
      this.me = await api("POST", "/admin/session", { name, password });
    } catch (error) {
      say(status, error instanceof ApiError && error.status === 401 ? "That name and password were not recognised." : describeError(error), "error");
      return;
    }
    say(status, "");
    byId("signin-password").value = "";
    await this.enter();
  }

  async signOut() {
    try {
      await api("DELETE", "/admin/session");
    } catch {
      // Signing out locally still works when the server is unreachable.
    }
    this.signedOut("You have signed out.");
  }

  signedOut(message) {
    this.me = null;
    byId("workspace").hidden = true;
    byId("signin").hidden = false;
    byId("sign-out").hidden = true;
    byId("who").textContent = "";
    say(byId("console-status"), message, "info");
  }

  async enter() {
    byId("signin").hidden = true;
    byId("workspace").hidden = false;
    byId("sign-out").hidden = false;
    byId("who").textContent = `Signed in as ${this.me.name} (${this.me.role})`;
    say(byId("console-status"), "");
    this.specs = sectionsFor(this.me.role);
    this.ready = false;
    this.sections = this.specs.map((spec) => new Section(spec, this));
    replace(byId("sections"), ...this.sections.map((section) => section.node));
    replace(byId("console-nav"), ...this.specs.map((spec) => el("li", {}, el("a", { href: `#section-${spec.id}`, "data-section": spec.id, text: spec.title }))));
    this.show(location.hash.slice(1));
    await this.loadCampaigns();
  }

  /** Shows one section at a time (the console is long); `anchor` is "section-ID", anything else shows the first. */
  show(anchor) {
    const id = this.specs.some((spec) => `section-${spec.id}` === anchor) ? anchor.slice("section-".length) : this.specs[0].id;
    this.current = id;
    for (const section of this.sections) section.node.hidden = section.id !== id;
    for (const link of byId("console-nav").querySelectorAll("a")) {
      if (link.dataset.section === id) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    }
    const shown = this.sections.find((section) => section.id === id);
    if (this.ready && shown?.stale) return shown.load();
    return null;
  }

  /** Fills the campaign picker from /admin/campaigns, falling back to the campaigns named in /admin/me. */
  async loadCampaigns(select = null) {
    this.ready = false;
    let campaigns = [];
    try {
      const answer = await api("GET", "/admin/campaigns");
      campaigns = answer.campaigns ?? answer.items ?? answer;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return this.signedOut("Please sign in again.");
      campaigns = (this.me.campaigns ?? []).map((slug) => (typeof slug === "string" ? { slug, title: slug } : slug));
    }
    this.listCampaigns(campaigns);
    const chosen = select ?? (campaigns.some((c) => c.slug === this.slug) ? this.slug : campaigns[0]?.slug ?? "");
    byId("campaign-picker").value = chosen;
    await this.choose(chosen);
  }

  /**
   * Takes a fresh campaign list (from `loadCampaigns`, or a section that read /admin/campaigns itself): the picker's
   * options and the headings name each campaign by its current title, and the choice stays as it was.
   */
  listCampaigns(campaigns) {
    this.campaigns = campaigns;
    const picker = byId("campaign-picker");
    const kept = picker.value;
    replace(picker, el("option", { value: "", text: "No campaign chosen" }),
      ...campaigns.map((c) => el("option", { value: c.slug, text: `${c.title ?? c.slug} (${c.slug})` })));
    picker.value = campaigns.some((c) => c.slug === kept) ? kept : "";
    for (const section of this.sections) section.nameCampaign();
  }

  /** The chosen campaign's record from the list, or null. */
  get campaign() {
    return this.campaigns?.find((c) => c.slug === this.slug) ?? null;
  }

  /** Chooses no campaign without reloading the section on screen (a create under way keeps its form and status). */
  deselect() {
    this.slug = "";
    byId("campaign-picker").value = "";
    for (const section of this.sections) {
      if (section.id !== this.current) section.stale = true;
      section.nameCampaign();
    }
  }

  /** A campaign was chosen: every section is stale; the one on screen loads now, the others when shown. */
  async choose(slug) {
    this.slug = slug;
    this.ready = true;
    for (const section of this.sections) section.stale = true;
    await this.sections.find((section) => section.id === this.current)?.load();
  }

  /** Reloads one section by id (after a change elsewhere, e.g. a phase opened): now if on screen, else when shown. */
  reload(id) {
    const section = this.sections.find((candidate) => candidate.id === id);
    if (!section) return null;
    if (section.id === this.current) return section.load();
    section.stale = true;
    return null;
  }
}

new ConsoleState().start();
