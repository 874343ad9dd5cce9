// Console section: the campaigns this facilitator can see, launch/archive (each asked first), and a form to create one.
import { api, seg } from "./api.js";
import { el, replace } from "./dom.js";
import { field, input, table, confirmStep, campaignStateWords, phasesInWords } from "./admin-kit.js";

/** Who can join, as the create form offers it; a shared code is `invite` with an `accessCode` (the API's own two modes). */
const JOIN_CHOICES = [
  ["open", "Anyone with the link"],
  ["code", "Anyone with a shared access code"],
  ["invite", "Only people with a personal invite code"],
];

export const campaignsSection = {
  id: "campaigns",
  title: "Campaigns",
  needsCampaign: false,
  async load(section) {
    // Read afresh: a phase opened or a campaign renamed elsewhere in the console shows here at once.
    const answer = await api("GET", "/admin/campaigns");
    const campaigns = answer.campaigns ?? [];
    section.console.listCampaigns(campaigns);
    const rows = campaigns.map((c) => [
      c.title ?? c.slug, c.slug, campaignStateWords(c.state), phasesInWords(c.phases),
      el("span", { class: "actions" },
        el("a", { href: `/c/${encodeURIComponent(c.slug)}`, text: "Open page" }),
        c.state === "draft" ? el("button", { type: "button", class: "secondary", text: "Launch", "aria-label": `Launch ${c.title}`, onclick: () => act(section, c, "launch") }) : null,
        c.state !== "archived" ? el("button", { type: "button", class: "secondary", text: "Archive", "aria-label": `Archive ${c.title}`, onclick: () => act(section, c, "archive") }) : null),
    ]);
    replace(section.body,
      campaigns.length ? table("Campaigns", ["Title", "Address", "State", "Phases", "Actions"], rows) : el("p", { class: "muted", text: "No campaigns yet." }),
      createForm(section));
  },
};

function createForm(section) {
  const slug = input({ name: "slug", pattern: "[a-z0-9\\-]+", required: true, autocomplete: "off" });
  const title = input({ name: "title", required: true });
  const summary = input({ name: "summary" });
  const description = el("textarea", { name: "description" });
  const choices = JOIN_CHOICES.map(([value, label], index) => {
    const radio = el("input", { type: "radio", name: "join", value, id: `create-join-${value}`, checked: index === 0 });
    return el("label", { class: "choice", for: radio.id }, radio, label);
  });
  const code = input({ name: "accessCode", autocomplete: "off", minlength: 6, maxlength: 100 });
  const codeField = field("Shared access code", code, "6 to 100 characters; give it to the people you want to join");
  codeField.hidden = true;
  const joinChoice = el("fieldset", { class: "choices" }, el("legend", { text: "Who can join" }), ...choices);
  joinChoice.addEventListener("change", () => {
    codeField.hidden = chosen(joinChoice) !== "code";
  });
  const form = el("form", { class: "create-campaign subsection", id: "create-campaign" },
    el("h3", { text: "Create a campaign" }),
    el("div", { class: "inline-fields" }, field("Short name for the address", slug, "Lower-case letters, digits and dashes"), field("Title", title)),
    field("Summary", summary), field("Description", description), joinChoice, codeField,
    el("button", { type: "submit", text: "Create campaign" }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const join = chosen(joinChoice);
    const body = { slug: slug.value.trim(), title: title.value.trim(), summary: summary.value.trim(), description: description.value.trim(), access: join === "open" ? "open" : "invite" };
    if (join === "code") body.accessCode = code.value.trim();
    // Nothing stays chosen while the campaign is made: should it fail, the next edit cannot land on the campaign chosen
    // before (issue 20: a failed create left the live demo chosen, and the edits meant for the new one went there).
    section.console.deselect();
    const created = await section.run(() => api("POST", "/admin/campaigns", body));
    if (created) {
      await section.console.loadCampaigns(created.slug);
      section.say(`Campaign “${created.title}” created as a draft and chosen: its set-up is in Set-up and Phases.`, "success");
    } else {
      section.say(`${section.status.textContent} No campaign is chosen now; choose one above to go on with it.`, "error");
    }
  });
  return form;
}

function chosen(fieldset) {
  return fieldset.querySelector("input[type=radio]:checked")?.value ?? "open";
}

async function act(section, campaign, verb) {
  const asked = verb === "launch"
    ? { title: `Launch “${campaign.title}”?`, message: "It goes live: it is listed on the home page and people can join it. A live campaign cannot go back to being a draft.", confirm: "Launch campaign" }
    : { title: `Archive “${campaign.title}”?`, message: "It becomes read-only for everyone, staff included, and every e-mail address it holds is deleted. It stays readable and exportable. This cannot be undone.", confirm: "Archive campaign", danger: true };
  if (!(await confirmStep(asked))) return;
  const done = await section.run(() => api("POST", `/admin/campaigns/${seg(campaign.slug)}/${verb}`));
  if (done !== null) {
    await section.console.loadCampaigns(campaign.slug);
    section.say(verb === "launch" ? `“${campaign.title}” is live.` : `“${campaign.title}” is archived.`, "success");
  }
}
