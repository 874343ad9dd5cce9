// Console section: the campaigns this facilitator can see, launch/archive, and a form to create a new one.
import { api, seg } from "./api.js";
import { el, replace, phaseName } from "./dom.js";
import { field, input, select, table } from "./admin-kit.js";

export const campaignsSection = {
  id: "campaigns",
  title: "Campaigns",
  needsCampaign: false,
  async load(section) {
    const campaigns = section.console.campaigns ?? [];
    const rows = campaigns.map((c) => [
      c.title ?? c.slug, c.slug, c.state ?? "", c.openPhase ? phaseName(c.openPhase) : "none",
      el("span", { class: "actions" },
        el("a", { href: `/c/${encodeURIComponent(c.slug)}`, text: "Open page" }),
        c.state !== "live" ? el("button", { type: "button", class: "secondary", text: "Launch", onclick: () => act(section, c.slug, "launch") }) : null,
        c.state !== "archived" ? el("button", { type: "button", class: "secondary", text: "Archive", onclick: () => act(section, c.slug, "archive") }) : null),
    ]);
    const slug = input({ name: "slug", pattern: "[a-z0-9-]+", required: true });
    const title = input({ name: "title", required: true });
    const summary = input({ name: "summary" });
    const description = el("textarea", { name: "description" });
    const access = select([["open", "Open to anyone with the link"], ["code", "Shared access code"], ["invite", "Personal invite codes"]], { name: "access" });
    const form = el("form", { class: "create-campaign" },
      el("h3", { text: "Create a campaign" }),
      el("div", { class: "inline-fields" }, field("Short name for the address", slug, "Lower-case letters, digits and dashes"), field("Title", title)),
      field("Summary", summary), field("Description", description), field("Who can join", access),
      el("button", { type: "submit", text: "Create campaign" }));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const created = await section.run(() => api("POST", "/admin/campaigns", {
        slug: slug.value.trim(), title: title.value.trim(), summary: summary.value.trim(), description: description.value.trim(), access: access.value,
      }));
      if (created) {
        section.say(`Campaign “${title.value.trim()}” created.`, "success");
        await section.console.loadCampaigns(slug.value.trim());
      }
    });
    replace(section.body,
      campaigns.length ? table("Campaigns", ["Title", "Address", "State", "Open phase", "Actions"], rows) : el("p", { class: "muted", text: "No campaigns yet." }),
      form);
  },
};

async function act(section, slug, verb) {
  const done = await section.run(() => api("POST", `/admin/campaigns/${seg(slug)}/${verb}`));
  if (done !== null) {
    section.say(verb === "launch" ? "Campaign launched." : "Campaign archived.", "success");
    await section.console.loadCampaigns(slug);
  }
}
