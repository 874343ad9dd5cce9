// Adds "Draft" to the campaign page's navigation when the campaign has a draft to challenge: imported for its effect
// by campaign.js, so the campaign page itself changes by one line.
import { api, seg } from "./api.js";
import { el } from "./dom.js";
import { slugFromLocation } from "./slug.js";

async function start() {
  const slug = slugFromLocation();
  const nav = document.querySelector('nav[aria-label="Campaign"]');
  if (!slug || !nav) return;
  try {
    const drafts = (await api("GET", `/api/campaigns/${seg(slug)}/drafts`)).items ?? [];
    if (drafts.length) nav.append(el("a", { id: "draft-link", href: `/c/${encodeURIComponent(slug)}/draft`, text: "Draft" }));
  } catch {
    // No link is better than a broken one: the campaign page says what went wrong with the campaign itself.
  }
}

start();
