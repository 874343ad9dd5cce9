// One idea's own page (/c/SLUG/ideas/ID): its text, votes, comments, themes, what became of it and its guide.
import { api, describeError, seg } from "./api.js";
import { el, byId, replace, say, formatTime, formatDay } from "./dom.js";
import { voteButtons, titleOf } from "./votes.js";
import { CommentThread } from "./comments.js";
import { reportControl, showReported } from "./report.js";
import { slugFromLocation } from "./slug.js";
import { mayAct } from "./phase.js";

/** Why an idea takes no votes now, in a sentence, for the refusal `mayAct` gives. */
const CLOSED = {
  not_shortlisted: "This idea was not shortlisted, so it can no longer be voted or commented on. You can still read it.",
  read_only: "Voting and commenting have closed. You can still read everything.",
  phase_closed: "Voting and commenting are closed at the moment.",
  campaign_not_live: "This campaign has ended. You can still read everything.",
};

/** The idea id in `/c/SLUG/ideas/ID`, or null. */
function ideaIdFromLocation() {
  const match = location.pathname.match(/^\/c\/[^/]+\/ideas\/(\d+)\/?$/);
  return match ? Number(match[1]) : null;
}

/** A `YYYY-MM-DD` day in the reader's words, read at noon UTC so no time zone moves it a day. */
const day = (text) => (text ? formatDay(`${text}T12:00:00Z`) : "");

/** What the votes, comments and reports on this page need to know about the campaign and the visitor. */
class IdeaPage {
  constructor(slug, campaign) {
    this.slug = slug;
    this.campaign = campaign;
    this.ideaPath = location.pathname;
  }

  get joined() {
    return Boolean(this.campaign?.joined);
  }

  permission(action) {
    const value = this.campaign?.permissions?.[action];
    return value === undefined ? true : value;
  }

  themeName(id) {
    return this.campaign?.themes?.find((theme) => theme.id === id)?.name ?? null;
  }
}

function renderOutcome(outcome) {
  if (!outcome) return;
  const parts = [
    el("p", {}, el("span", { class: `pill status-${outcome.status}`, text: outcome.label }),
      outcome.changedOn ? ` since ${day(outcome.changedOn)}` : ""),
    outcome.response ? el("p", { class: "body", text: outcome.response }) : el("p", { class: "muted", text: "The team has not written about this idea yet." }),
  ];
  if (outcome.percent !== null && outcome.percent !== undefined) parts.push(el("p", { text: `${outcome.percent}% done` }));
  for (const update of outcome.updates ?? []) {
    const where = [update.role, update.site].filter(Boolean).join(", ");
    parts.push(el("p", { class: "small" }, el("strong", { text: day(update.on) }), where ? ` · ${where}: ` : ": ", update.note));
  }
  replace(byId("outcome-text"), ...parts);
  byId("outcome").hidden = false;
}

async function start() {
  const status = byId("page-status");
  const slug = slugFromLocation();
  const id = ideaIdFromLocation();
  if (!slug || !id) {
    say(status, "This address does not name an idea.", "error");
    return;
  }
  const campaignPath = `/c/${encodeURIComponent(slug)}`;
  byId("campaign-link").href = campaignPath;
  let campaign;
  let item;
  try {
    campaign = await api("GET", `/api/campaigns/${seg(slug)}`);
    byId("campaign-name").textContent = campaign.title;
    item = await api("GET", `/api/contributions/${seg(id)}`);
  } catch (error) {
    byId("title").textContent = "This idea cannot be shown";
    say(status, describeError(error), "error");
    if (campaign && error.code === "invite_required") {
      status.append(" ", el("a", { href: `${campaignPath}#join`, text: "Join the campaign with your invitation" }));
    }
    return;
  }
  const page = new IdeaPage(slug, campaign);
  if (page.joined) {
    try {
      page.reported = (await api("GET", `/api/me?campaign=${encodeURIComponent(slug)}`)).reported ?? null;
    } catch {
      page.reported = null;  // the report buttons then learn it when pressed
    }
  }
  const heading = titleOf(item);
  document.title = `${heading} – ${campaign.title} – Groundswell`;
  byId("title").textContent = heading;
  if (campaign.openPhase || (campaign.phases ?? []).some((p) => p.kind === "act" && p.state !== "upcoming")) {
    const progress = byId("progress-link");
    progress.href = `${campaignPath}/progress`;
    progress.hidden = !item.outcome;
  }
  const themes = (item.themes ?? []).map((theme) => page.themeName(theme)).filter(Boolean);
  replace(byId("meta"),
    item.official ? el("span", { class: "pill official", text: "From the campaign team" }) : null,
    item.shortlisted ? el("span", { class: "pill", text: "Shortlisted" }) : null,
    item.mine ? el("span", { class: "pill quiet", text: "Yours" }) : null,
    el("span", { text: `Posted ${formatTime(item.createdAt)}` }),
    item.editedAt ? el("span", { text: "(edited)" }) : null,
    themes.length ? el("span", { text: `Themes: ${themes.join(", ")}` }) : null);

  const article = byId("idea");
  article.dataset.id = String(item.id);
  article.hidden = false;
  if (item.held) {
    byId("idea-body").textContent = "Several people reported this. It is folded away, closed to votes and comments, until a moderator has looked at it.";
  } else {
    byId("idea-body").textContent = item.body;
    byId("idea-votes").replaceWith(voteButtons(page, item));
    const thread = new CommentThread(page, item);
    thread.panel.hidden = false;
    byId("discussion-thread").append(thread.panel);
    byId("discussion").hidden = false;
    thread.load();
    // Nobody reports their own idea (they can edit or withdraw it), as with their own comments.
    if (!item.mine) byId("idea-actions").append(reportControl(page, item, article));
    showReported(page.reported);
  }
  renderOutcome(item.outcome);
  if (item.guide) {
    const guide = byId("guide-link");
    guide.href = `/guide/${encodeURIComponent(slug)}`;
    guide.hidden = false;
    byId("guide-read").href = guide.href;
    byId("guide-read").textContent = `Read the guide: ${item.guide.title}`;
    byId("guide").hidden = false;
  }
  const share = byId("share-address");
  share.value = location.origin + location.pathname;
  byId("share").hidden = Boolean(item.held);
  byId("share-copy").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(share.value);
      say(byId("share-status"), "The address is copied. Paste it into a message.", "success");
    } catch {
      share.select();
      say(byId("share-status"), "Select the address above and copy it.", "info");
    }
  });
  const voting = mayAct(campaign, item, "vote");
  if (voting !== true && !item.held) {
    byId("idea-body").after(el("p", { class: "muted", text: CLOSED[voting] ?? CLOSED.phase_closed }));
  }
  if (!page.joined && !item.held && voting === true) {
    // The link stands alone (not inside a sentence), so it never relies on colour to be seen as a link.
    article.append(el("p", {}, el("a", { href: `${campaignPath}#join`, text: "Join the campaign to vote and comment (anonymous, a few seconds)" })));
  }
}

start();
