// The landing page: lists live campaigns with their question, open phase and days left.
import { api, describeError } from "./api.js";
import { el, byId, replace, say, phaseName, plural } from "./dom.js";

/** One campaign as a list item with a link to its page. */
function campaignItem(campaign) {
  const daysLeft = campaign.daysLeft === null || campaign.daysLeft === undefined
    ? null
    : campaign.daysLeft <= 0 ? "Closes today" : `${plural(campaign.daysLeft, "day")} left`;
  return el("li", { class: "card" },
    el("h3", {}, el("a", { href: `/campaign.html?c=${encodeURIComponent(campaign.slug)}`, text: campaign.title })),
    campaign.summary ? el("p", { text: campaign.summary }) : null,
    campaign.question ? el("p", {}, el("strong", { text: "Question: " }), campaign.question) : null,
    el("p", { class: "meta" },
      el("span", { class: "pill", text: campaign.openPhase ? `${phaseName(campaign.openPhase)} phase` : "Between phases" }),
      daysLeft ? el("span", { text: daysLeft }) : null,
      campaign.access && campaign.access !== "open" ? el("span", { text: "Needs an invite or access code" }) : null,
    ),
  );
}

async function start() {
  const list = byId("campaigns");
  const status = byId("status");
  say(status, "Loading campaigns…");
  try {
    const { campaigns } = await api("GET", "/api/campaigns");
    replace(list, ...campaigns.map(campaignItem));
    say(status, campaigns.length ? "" : "There are no open campaigns at the moment. Please check back later.");
  } catch (error) {
    say(status, describeError(error), "error");
  }
}

start();
