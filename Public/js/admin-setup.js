// Console section: set-up of the chosen campaign — its details, questions per phase, profile questions, invite codes
// and the shared access code.
import { api, seg } from "./api.js";
import { el, replace, phaseName, PHASES } from "./dom.js";
import { field, input, select, table, downloadBlob, confirmStep } from "./admin-kit.js";

const PHASE_OPTIONS = Object.keys(PHASES).map((kind) => [kind, phaseName(kind)]);

export const setupSection = {
  id: "setup",
  title: "Set-up",
  intro: "The campaign's details, its questions, profile questions and how people get in.",
  async load(section) {
    const campaign = await api("GET", `/admin/campaigns/${seg(section.slug)}`);
    replace(section.body, details(section, campaign), questions(section, campaign), profileQuestions(section, campaign), access(section, campaign));
  },
};

/** Who can join, in words, as the campaign stands. */
function joinWords(campaign) {
  if (campaign.access === "open") return "Anyone with the link can join.";
  return campaign.hasAccessCode
    ? "People need the shared access code or a personal invite code to join."
    : "People need a personal invite code to join.";
}

/** Title, texts, who can join and pre-moderation, editable whatever the phase until the campaign is archived. */
function details(section, campaign) {
  const title = input({ name: "title", value: campaign.title ?? "", required: true, maxlength: 200 });
  const summary = input({ name: "summary", value: campaign.summary ?? "", maxlength: 500 });
  const description = el("textarea", { name: "description", maxlength: 20000 });
  description.value = campaign.description ?? "";
  const access = select([["open", "Anyone with the link"], ["invite", "Only people with a code (shared or personal)"]], { name: "access" });
  access.value = campaign.access ?? "open";
  const premoderation = el("input", { type: "checkbox", name: "premoderation", checked: Boolean(campaign.premoderation) });
  const form = el("form", { id: "campaign-details" },
    el("div", { class: "inline-fields" }, field("Title", title), field("Who can join", access)),
    field("Summary", summary), field("Description", description),
    el("label", { class: "choice" }, premoderation, "Hold every new contribution until a moderator lets it through"),
    el("button", { type: "submit", text: "Save details" }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { title: title.value.trim(), summary: summary.value.trim(), description: description.value.trim(), access: access.value, premoderation: premoderation.checked };
    const saved = await section.run(() => api("PATCH", `/admin/campaigns/${seg(section.slug)}`, body));
    if (saved) {
      await section.console.loadCampaigns(section.slug);
      section.say(`Details of “${saved.title}” saved. ${joinWords(saved)}`, "success");
    }
  });
  return el("div", {}, el("h3", { text: "Campaign details" }), form);
}

function questions(section, campaign) {
  const rows = (campaign.questions ?? []).map((q) => [phaseName(q.phase), q.text,
    el("button", { type: "button", class: "danger", text: "Delete", "aria-label": `Delete question: ${q.text}`, onclick: async () => {
      const sure = await confirmStep({ title: "Delete this question?", message: `“${q.text}” will no longer be asked. What people already wrote to it stays.`, confirm: "Delete question", danger: true });
      if (!sure) return;
      if (await section.run(() => api("DELETE", `/admin/questions/${seg(q.id)}`))) {
        await section.load();
        section.say("Question deleted.", "success");
      }
    } })]);
  const phase = select(PHASE_OPTIONS);
  const text = input({ maxlength: 300 });
  const form = el("form", { id: "question-add" }, el("div", { class: "inline-fields" }, field("Phase", phase), field("New question", text)),
    el("button", { type: "submit", text: "Add question" }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!text.value.trim()) return section.say("Please write the question first.", "error");
    if (await section.run(() => api("POST", `/admin/campaigns/${seg(section.slug)}/questions`, { phase: phase.value, text: text.value.trim() }))) {
      await section.load();
      section.say("Question added.", "success");
    }
  });
  return el("div", { class: "subsection" }, el("h3", { text: "Questions" }),
    rows.length ? table("Questions", ["Phase", "Question", ""], rows) : el("p", { class: "muted", text: "No questions yet." }), form);
}

function profileQuestions(section, campaign) {
  const list = el("div", {});
  const addRow = (q = { key: "", label: "", choices: [], required: false }) => {
    const key = input({ value: q.key, name: "key" });
    const label = input({ value: q.label, name: "label" });
    const choices = input({ value: (q.choices ?? []).join(", "), name: "choices" });
    const required = el("input", { type: "checkbox", name: "required", checked: Boolean(q.required) });
    const row = el("fieldset", { class: "card profile-row" }, el("legend", { text: q.label || "New profile question" }),
      el("div", { class: "inline-fields" }, field("Key", key), field("Question", label), field("Choices", choices, "Separate with commas")),
      el("label", { class: "choice" }, required, "Answer needed to join"),
      el("button", { type: "button", class: "link", text: "Remove", onclick: () => row.remove() }));
    list.append(row);
  };
  for (const q of campaign.profileQuestions ?? []) addRow(q);
  const form = el("form", {}, list,
    el("div", { class: "actions" },
      el("button", { type: "button", class: "secondary", text: "Add a profile question", onclick: () => addRow() }),
      el("button", { type: "submit", text: "Save profile questions" })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const payload = [...list.querySelectorAll(".profile-row")].map((row) => ({
      key: row.querySelector("[name=key]").value.trim(),
      label: row.querySelector("[name=label]").value.trim(),
      choices: row.querySelector("[name=choices]").value.split(",").map((c) => c.trim()).filter(Boolean),
      required: row.querySelector("[name=required]").checked,
    }));
    if (await section.run(() => api("PUT", `/admin/campaigns/${seg(section.slug)}/profile-questions`, payload))) section.say("Profile questions saved.", "success");
  });
  return el("div", { class: "subsection" }, el("h3", { text: "Profile questions" }),
    el("p", { class: "muted small", text: "Optional questions for overall statistics. Groups smaller than the threshold are never shown." }), form);
}

function access(section, campaign) {
  const count = input({ type: "number", min: 1, max: 5000, value: 50 });
  const invites = el("form", { id: "invite-codes" }, field("How many invite codes", count),
    el("button", { type: "submit", text: "Create and download invite codes (CSV)" }));
  invites.addEventListener("submit", async (event) => {
    event.preventDefault();
    const csv = await section.run(() => api("POST", `/admin/campaigns/${seg(section.slug)}/invites`, { count: Number(count.value) }, { accept: "blob" }));
    if (csv !== null) {
      downloadBlob(csv, `${section.slug}-invites.csv`);
      section.say(`${count.value} invite codes created and downloaded.`, "success");
    }
  });
  const code = input({ autocomplete: "off", name: "code", minlength: 6, maxlength: 100 });
  const hint = campaign.access === "open"
    ? "6 to 100 characters. Setting one means people need it to join: the campaign is no longer open to anyone with the link."
    : "6 to 100 characters; anyone with this code can join. A new code replaces the old one.";
  const accessForm = el("form", { id: "access-code" }, field("Shared access code", code, hint),
    el("div", { class: "actions" },
      el("button", { type: "submit", text: "Set access code" }),
      campaign.hasAccessCode ? el("button", { type: "button", class: "secondary", text: "Remove access code", onclick: () => setCode("") }) : null));
  const setCode = async (value) => {
    const saved = await section.run(() => api("PUT", `/admin/campaigns/${seg(section.slug)}/access-code`, { code: value }));
    if (saved) {
      await section.load();
      section.say(`${value ? "Access code set." : "Access code removed."} ${joinWords(saved)}`, "success");
    }
  };
  accessForm.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!code.value.trim()) return section.say("Please write the access code first.", "error");
    return setCode(code.value.trim());
  });
  return el("div", { class: "subsection" }, el("h3", { text: "Who can join" }), el("p", { id: "join-words", text: joinWords(campaign) }), invites, accessForm);
}
