// The campaign page: loads the campaign, shows the phase banner, and wires join, compose, list, "yours" and live updates.
import { api, describeError, seg } from "./api.js";
import { el, byId, say, phaseName, formatTime, plural } from "./dom.js";
import { EXPLAIN } from "./phase.js";
import { setUpJoin, askToJoin } from "./join.js";
import { peekPending, pendingPrompt } from "./pending.js";
import { setUpCompose } from "./compose.js";
import { ContributionList } from "./list.js";
import { setUpSignIn } from "./signin.js";
import { setUpStories } from "./stories.js";
import { listenLive } from "./live.js";
import { slugFromLocation } from "./slug.js";
import "./draft-link.js";  // adds "Draft" to the navigation when the campaign has a draft to challenge

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
    showGuide(this.campaign);
    return this.campaign;
  }
}

/** Whether the ideas have been chosen: Act has opened (or closed), or the campaign has ended. */
function afterChoosing(campaign) {
  const act = campaign.phases?.find((p) => p.kind === "act")?.state;
  return campaign.openPhase === "act" || act === "closed" || campaign.state === "archived";
}

function renderHeader(campaign) {
  document.title = `${campaign.title} – Groundswell`;
  byId("title").textContent = campaign.title;
  byId("summary").textContent = campaign.summary ?? "";
  const description = byId("description");
  description.textContent = campaign.description ?? "";
  description.hidden = !campaign.description;
  const guide = `/guide/${encodeURIComponent(campaign.slug)}`;
  const progress = `/c/${encodeURIComponent(campaign.slug)}/progress`;
  byId("guide-link").href = guide;
  byId("progress-link").href = progress;
  // The progress page has something to say once there is a shortlist; before that the link would lead to nothing.
  const started = (kind) => ["open", "closed"].includes(campaign.phases?.find((p) => p.kind === kind)?.state);
  byId("progress-link").hidden = !(started("prioritise") || started("act") || campaign.state === "archived");
  const banner = byId("banner");
  banner.hidden = false;
  const open = campaign.openPhase;
  banner.classList.toggle("is-closed", !open);
  const links = byId("banner-links");
  links.replaceChildren();
  if (campaign.state === "archived") {
    byId("banner-phase").textContent = "This campaign has ended";
    byId("banner-text").textContent = "You can still read what people said.";
  } else if (open) {
    const phase = campaign.phases?.find((p) => p.kind === open);
    const until = phase?.closesAt && open !== "act" ? ` It closes on ${formatTime(phase.closesAt)}.` : "";
    const left = campaign.daysLeft !== null && campaign.daysLeft !== undefined && open !== "act" ? ` (${plural(campaign.daysLeft, "day")} left)` : "";
    byId("banner-phase").textContent = `Now: ${phaseName(open)}${left}`;
    byId("banner-text").textContent = `${EXPLAIN[open] ?? ""}${until}`;
  } else {
    byId("banner-phase").textContent = "Nothing is open right now";
    byId("banner-text").textContent = "You can read what people have said. Check back when the next stage opens.";
  }
  // After the ideas are chosen, the banner says where to follow what becomes of them: the progress page, and the
  // guide once one is published (`showGuide`).
  if (afterChoosing(campaign)) {
    links.append(el("a", { id: "banner-progress", href: progress, text: "Follow what became of each idea" }));
  }
  links.hidden = !links.children.length;
}

/** Shows the Guide link in the menu and the banner once the campaign has published a guide; nothing before. */
async function showGuide(campaign) {
  if (!afterChoosing(campaign)) return;
  try {
    const data = await api("GET", `/api/campaigns/${seg(campaign.slug)}/guide`);
    const count = data.guides?.length ?? 0;
    if (!count) return;
    byId("guide-link").hidden = false;
    const links = byId("banner-links");
    if (!document.getElementById("banner-guide")) {
      links.append(el("a", { id: "banner-guide", href: `/guide/${encodeURIComponent(campaign.slug)}`, text: `Read the published guide (${plural(count, "idea")})` }));
    }
    links.hidden = false;
  } catch {
    // No guide to show: the link stays hidden.
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
  page.mine = joinedPart(page, ["mine", "nav-mine", "invitation"], () => import("./mine.js").then((m) => m.setUpMine(page)));
  const stories = setUpStories(page);
  const compose = setUpCompose(page);
  // An invite-only campaign is read by its members only: its live updates start once you have joined.
  let live = null;
  const startLive = () => {
    if (!live && (page.campaign.access !== "invite" || page.joined)) live = listenLive(page);
  };
  // Joining, signing in with a pairing code or recovery key, and signing out all change who this device is.
  // A vote, comment or report tried before joining is carried out first, so the list shows it; what became
  // of it is returned for the join form to show instead of its own confirmation.
  const identityChanged = async () => {
    await page.reload();
    const carried = page.joined && peekPending(page.slug) ? await import("./pending-run.js").then((m) => m.carryOutPending(page.slug)) : null;
    join.render();
    compose.refresh();
    await Promise.all([page.mine.refresh(), page.list.load(), devices.refresh(), stories.refresh()]);
    startLive();
    if (carried) showCarried(page, carried);
    return carried;
  };
  const join = setUpJoin(page, identityChanged);
  const devices = joinedPart(page, ["devices", "nav-devices"], () => import("./devices.js").then((m) => m.setUpDevices(page, identityChanged)));
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
  const pending = peekPending(slug);
  const carried = pending && page.joined ? await import("./pending-run.js").then((m) => m.carryOutPending(slug)) : null;
  await page.list.load();
  startLive();
  if (carried) showCarried(page, carried);
  else if (pending && !page.joined) askToJoin(pendingPrompt(pending));
  else if (location.hash === "#join" && !page.joined) askToJoin("Join here: it takes a few seconds and stays anonymous.");
}

/**
 * A part of the page only someone who has joined sees ("Yours", "This device"): its module is fetched the first time
 * it is needed, after the page has shown the campaign, so a newcomer's first load carries none of it. Until then, and
 * for a visitor who has not joined, its elements (`ids`) stay hidden. Returns `{ refresh }` like the part itself.
 */
function joinedPart(page, ids, load) {
  let part = null;
  return {
    refresh: async () => {
      if (!page.joined && !part) {
        for (const id of ids) byId(id).hidden = true;
        return;
      }
      part ??= load();
      return (await part).refresh();
    },
  };
}

/** Says, at the top of the page, what became of the action tried before joining, with the way back to its idea. */
function showCarried(page, carried) {
  const status = byId("page-status");
  say(status, carried.message, carried.ok ? "success" : "error");
  const back = carried.action?.returnTo;
  if (typeof back === "string" && /^\/c\/[^/]+\/ideas\/\d+$/.test(back)) {
    status.append(" ", el("a", { href: back, text: "Back to the idea" }));
  } else if (carried.action?.id) {
    status.append(" ", el("a", { href: `/c/${encodeURIComponent(page.slug)}/ideas/${encodeURIComponent(carried.action.id)}`, text: "See the idea" }));
  }
  status.setAttribute("tabindex", "-1");
  status.focus();
}

start();
