// The campaign page: loads the campaign, shows the phase banner, and wires join, compose, list, "yours" and live updates.
import { api, describeError, seg } from "./api.js";
import { el, byId, say, phaseName, PHASES, formatTime, plural } from "./dom.js";
import { setUpJoin } from "./join.js";
import { setUpCompose } from "./compose.js";
import { ContributionList } from "./list.js";
import { setUpMine } from "./mine.js";
import { setUpDevices } from "./devices.js";
import { setUpSignIn } from "./signin.js";
import { setUpStories } from "./stories.js";
import { listenLive } from "./live.js";
import { slugFromLocation } from "./slug.js";

/** Shared state handed to every part of the page. */
class Page {
  constructor(slug) {
    this.slug = slug;
    this.campaign = null;
    this.list = null;
    this.mine = null;
  }

  get joined() {
    return Boolean(this.campaign?.joined);
  }

  /** The themes by id, for labels. */
  themeName(id) {
    return this.campaign?.themes?.find((theme) => theme.id === id)?.name ?? null;
  }

  /** Whether an action ("contribute", "vote", "comment") is allowed; otherwise the refusal code. */
  permission(action) {
    const value = this.campaign?.permissions?.[action];
    return value === undefined ? true : value;
  }

  async reload() {
    this.campaign = await api("GET", `/api/campaigns/${seg(this.slug)}`);
    renderHeader(this.campaign);
    return this.campaign;
  }
}

function renderHeader(campaign) {
  document.title = `${campaign.title} – Groundswell`;
  byId("title").textContent = campaign.title;
  byId("summary").textContent = campaign.summary ?? "";
  const description = byId("description");
  description.textContent = campaign.description ?? "";
  description.hidden = !campaign.description;
  byId("guide-link").href = `/guide/${encodeURIComponent(campaign.slug)}`;
  const progress = `/c/${encodeURIComponent(campaign.slug)}/progress`;
  byId("progress-link").href = progress;
  const banner = byId("banner");
  banner.hidden = false;
  const open = campaign.openPhase;
  banner.classList.toggle("is-closed", !open);
  if (open) {
    const phase = campaign.phases?.find((p) => p.kind === open);
    const until = phase?.closesAt ? ` until ${formatTime(phase.closesAt)}` : "";
    const left = campaign.daysLeft !== null && campaign.daysLeft !== undefined ? ` (${plural(campaign.daysLeft, "day")} left)` : "";
    byId("banner-phase").textContent = `Now open: the ${phaseName(open)} phase${left}`;
    byId("banner-text").textContent = `You can ${PHASES[open]?.doing ?? "take part"}${until}.`;
  } else {
    byId("banner-phase").textContent = "No phase is open right now";
    byId("banner-text").textContent = campaign.state === "archived"
      ? "This campaign has ended. You can still read what people said."
      : "You can still read what people have said. Check back when the next phase opens.";
  }
  // After the ideas are chosen, the banner says where to follow what becomes of them: the progress page.
  const afterChoosing = open === "act" || campaign.state === "archived"
    || campaign.phases?.find((p) => p.kind === "act")?.state === "closed";
  if (afterChoosing) {
    byId("banner-text").append(" ", el("a", { id: "banner-progress", href: progress, text: "Follow what became of each idea" }), ".");
  }
}

async function start() {
  const status = byId("page-status");
  const slug = slugFromLocation();
  // A guide invitation (/c/SLUG?guide=ID#invite=TOKEN) opens the guide editor, keeping the token in the fragment.
  const guide = new URLSearchParams(location.search).get("guide");
  if (slug && guide && /^\d+$/.test(guide)) {
    location.replace(`/guide-editor.html?c=${encodeURIComponent(slug)}&guide=${guide}${location.hash}`);
    return;
  }
  if (!slug) {
    say(status, "No campaign was given in the address. Go back to the list of campaigns and choose one.", "error");
    return;
  }
  const page = new Page(slug);
  try {
    await page.reload();
  } catch (error) {
    byId("title").textContent = "Campaign not available";
    say(status, describeError(error), "error");
    return;
  }
  page.list = new ContributionList(page);
  page.mine = setUpMine(page);
  const stories = setUpStories(page);
  const compose = setUpCompose(page);
  // An invite-only campaign is read by its members only: its live updates start once you have joined.
  let live = null;
  const startLive = () => {
    if (!live && (page.campaign.access !== "invite" || page.joined)) live = listenLive(page);
  };
  // Joining, signing in with a pairing code or recovery key, and signing out all change who this device is.
  const identityChanged = async () => {
    await page.reload();
    join.render();
    compose.refresh();
    await Promise.all([page.mine.refresh(), page.list.load(), devices.refresh(), stories.refresh()]);
    startLive();
  };
  const join = setUpJoin(page, identityChanged);
  const devices = setUpDevices(page, identityChanged);
  setUpSignIn(page, identityChanged);
  // An invite-only campaign offers to ask for an invitation; the form's module loads only when asked for.
  byId("request-invite-card").hidden = page.campaign.access !== "invite" || page.campaign.state !== "live";
  byId("request-invite-open").addEventListener("click", async (event) => {
    event.currentTarget.hidden = true;
    (await import("./request-invite.js")).openRequestInvite(page);
  });
  // "Hear by e-mail" loads its module only when asked for, so it adds nothing to the page's weight.
  byId("mail-optin-open").addEventListener("click", async (event) => {
    event.currentTarget.hidden = true;
    (await import("./mail-optin.js")).openMailOptIn(page);
  });
  page.onReload = () => {
    compose.refresh();
    page.list.renderFilters();
    page.list.load();
  };
  compose.refresh();
  page.mine.refresh();
  devices.refresh();
  stories.refresh();
  await page.list.load();
  startLive();
}

start();
