// Console section: set-up of the chosen campaign — questions per phase, profile questions, invite codes and the access code.
import { api, seg } from "./api.js";
import { el, replace, phaseName, PHASES } from "./dom.js";
import { field, input, select, table, downloadText } from "./admin-kit.js";

const PHASE_OPTIONS = Object.keys(PHASES).map((kind) => [kind, phaseName(kind)]);

export const setupSection = {
  id: "setup",
  title: "Set-up",
  intro: "Questions, profile questions and how people get in.",
  async load(section) {
    const campaign = await api("GET", `/admin/campaigns/${seg(section.slug)}`);
    replace(section.body, questions(section, campaign), profileQuestions(section, campaign), access(section, campaign));
  },
};

function questions(section, campaign) {
  const rows = (campaign.questions ?? []).map((q) => [phaseName(q.phase), q.text,
    el("button", { type: "button", class: "danger", text: "Delete", "aria-label": `Delete question: ${q.text}`, onclick: async () => {
      if (await section.run(() => api("DELETE", `/admin/questions/${seg(q.id)}`))) await section.load();
    } })]);
  const phase = select(PHASE_OPTIONS);
  const text = input({ maxlength: 300 });
  const form = el("form", {}, el("div", { class: "inline-fields" }, field("Phase", phase), field("New question", text)),
    el("button", { type: "submit", text: "Add question" }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!text.value.trim()) return section.say("Please write the question first.", "error");
    if (await section.run(() => api("POST", `/admin/campaigns/${seg(section.slug)}/questions`, { phase: phase.value, text: text.value.trim() }))) {
      await section.load();
      section.say("Question added.", "success");
    }
  });
  return el("div", {}, el("h3", { text: "Questions" }),
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
  return el("div", {}, el("h3", { text: "Profile questions" }),
    el("p", { class: "muted small", text: "Optional questions for overall statistics. Groups smaller than the threshold are never shown." }), form);
}

function access(section, campaign) {
  const count = input({ type: "number", min: 1, max: 5000, value: 50 });
  const invites = el("form", {}, field("How many invite codes", count),
    el("button", { type: "submit", text: "Create and download invite codes (CSV)" }));
  invites.addEventListener("submit", async (event) => {
    event.preventDefault();
    const csv = await section.run(() => api("POST", `/admin/campaigns/${seg(section.slug)}/invites`, { count: Number(count.value) }, { accept: "text" }));
    if (csv !== null) {
      downloadText(csv, `${section.slug}-invites.csv`);
      section.say(`${count.value} invite codes created and downloaded.`, "success");
    }
  });
  const code = input({ autocomplete: "off" });
  const accessForm = el("form", {}, field("Shared access code", code, "Anyone with this code can join"),
    el("button", { type: "submit", text: "Set access code" }));
  accessForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (await section.run(() => api("PUT", `/admin/campaigns/${seg(section.slug)}/access-code`, { code: code.value.trim() }))) section.say("Access code set.", "success");
  });
  return el("div", {}, el("h3", { text: `Access (${campaign.access ?? "open"})` }), invites, accessForm);
}
