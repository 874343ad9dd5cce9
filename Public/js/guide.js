// The published guide page: the campaign's numbers and its guides, filterable by barrier and building block, searchable.
import { api, describeError, seg } from "./api.js";
import { el, byId, replace, say, plural } from "./dom.js";
import { slugFromLocation } from "./slug.js";
import { guideComments } from "./guide-comments.js";

/** Theme kinds that count as barriers or building blocks (the server's spelling may vary in case and separator). */
const isKind = (theme, kind) => String(theme.kind ?? "").toLowerCase().replace(/[\s-]/g, "_") === kind;

function numberItem(label, value) {
  return el("li", {}, el("strong", { text: value ?? 0 }), label);
}

function guideItem(guide, themeName, slug, joined) {
  const names = (guide.themes ?? []).map(themeName).filter(Boolean);
  return el("li", { class: "item guide", "data-guide-id": guide.id },
    el("h3", { text: guide.title }),
    names.length ? el("p", { class: "meta" }, ...names.map((name) => el("span", { class: "pill", text: name }))) : null,
    ...(guide.sections ?? []).filter((section) => section.body?.trim()).map((section) => el("section", {},
      el("h4", { text: section.heading }),
      el("p", { class: "body", text: section.body }))),
    guideComments(slug, guide, joined),
  );
}

async function start() {
  const status = byId("status");
  const slug = slugFromLocation();
  if (!slug) {
    say(status, "No campaign was given in the address.", "error");
    return;
  }
  byId("campaign-link").href = `/c/${encodeURIComponent(slug)}`;
  let data;
  try {
    data = await api("GET", `/api/campaigns/${seg(slug)}/guide`);
  } catch (error) {
    say(status, describeError(error), "error");
    return;
  }
  let title = data.title ?? null;
  let joined = false;
  try {
    const campaign = await api("GET", `/api/campaigns/${seg(slug)}`);
    title = title ?? campaign.title;
    joined = Boolean(campaign.joined);
  } catch {
    title = title ?? slug;
  }
  byId("title").textContent = `Guide: ${title}`;
  document.title = `Guide: ${title} – Groundswell`;
  const numbers = data.numbers ?? {};
  replace(byId("numbers"),
    numberItem("people took part", numbers.people),
    numberItem("contributions", numbers.contributions),
    numberItem("ideas", numbers.ideas),
    numberItem("comments", numbers.comments));

  const themes = data.themes ?? [];
  const themeName = (id) => themes.find((theme) => theme.id === id)?.name ?? null;
  const fill = (select, kind, allLabel) => {
    const matching = themes.filter((theme) => isKind(theme, kind));
    replace(select, el("option", { value: "", text: allLabel }), ...matching.map((theme) => el("option", { value: theme.id, text: theme.name })));
    select.closest(".field").hidden = !matching.length;
  };
  const barrier = byId("filter-barrier");
  const block = byId("filter-block");
  const search = byId("guide-search");
  fill(barrier, "barrier", "All barriers");
  fill(block, "building_block", "All building blocks");

  const guides = data.guides ?? [];
  const render = () => {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const shown = guides.filter((guide) => {
      const ids = (guide.themes ?? []).map(String);
      if (barrier.value && !ids.includes(barrier.value)) return false;
      if (block.value && !ids.includes(block.value)) return false;
      const text = [guide.title, ...(guide.sections ?? []).flatMap((s) => [s.heading, s.body])].join(" ").toLowerCase();
      return words.every((word) => text.includes(word));
    });
    replace(byId("guides"), ...shown.map((guide) => guideItem(guide, themeName, slug, joined)));
    byId("guide-count").textContent = guides.length
      ? `Showing ${plural(shown.length, "guide")} of ${guides.length}.`
      : "No guides have been published yet.";
  };
  for (const control of [barrier, block]) control.addEventListener("change", render);
  search.addEventListener("input", render);
  byId("guide-filters").addEventListener("submit", (event) => {
    event.preventDefault();
    render();
  });
  render();
}

start();
