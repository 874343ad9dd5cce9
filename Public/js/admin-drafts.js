// Console section: drafts to challenge — publish a document in numbered sections, answer each amendment with a
// reason (accepting makes a new version), read the alternatives, and publish the final version as the result.
import { api, seg } from "./api.js";
import { el, replace, plural } from "./dom.js";
import { field, input } from "./admin-kit.js";
import { diffView } from "./word-diff.js";

const PHASE_NAMES = [["understand", "Understand"], ["answer", "Answer"], ["prioritise", "Prioritise"], ["act", "Act"]];

export const draftsSection = {
  id: "drafts",
  title: "Drafts to challenge",
  intro: "Publish a draft for the crowd to challenge section by section. Answer every amendment with a reason; accepting one makes a new version. Then publish the final version as the result.",
  async load(section) {
    const [{ items }, campaign] = await Promise.all([
      api("GET", `/admin/campaigns/${seg(section.slug)}/drafts`),
      api("GET", `/api/campaigns/${seg(section.slug)}`),
    ]);
    const detail = el("div", { id: "draft-detail" });
    replace(section.body,
      items.length
        ? el("ul", { class: "items", id: "draft-list" }, ...items.map((draft) => listItem(section, draft, detail)))
        : el("p", { class: "muted", text: "No draft yet. Publish one below." }),
      detail,
      publishForm(section, campaign));
    const open = items.find((d) => d.id === section.openDraft) ?? items.at(-1);
    if (open) await review(section, open.id, detail);
  },
};

function listItem(section, draft, detail) {
  return el("li", { class: "item", "data-draft-id": draft.id },
    el("h3", { text: draft.title }),
    el("p", { class: "meta" },
      el("span", { class: "pill", text: draft.state === "final" ? `Final, version ${draft.version}` : `Open, version ${draft.version}` }),
      el("span", { text: `${plural(draft.pending, "amendment")} waiting` })),
    el("button", { type: "button", class: "secondary", text: "Review", "aria-label": `Review “${draft.title}”`,
      onclick: () => review(section, draft.id, detail) }));
}

function publishForm(section, campaign) {
  const title = input({ name: "draft-title", maxlength: 200 });
  const question = el("select", { name: "draft-question" },
    ...(campaign.questions ?? []).map((q) => el("option", { value: q.id, text: q.text })));
  const text = el("textarea", { name: "draft-text", rows: 10 });
  const phases = PHASE_NAMES.map(([value, label]) => el("label", { class: "choice" },
    el("input", { type: "checkbox", name: "draft-phases", value, checked: value === (campaign.openPhase ?? "answer") }), ` ${label}`));
  const form = el("form", { id: "draft-publish" },
    el("h3", { text: "Publish a new draft" }),
    field("Title", title),
    field("Question it answers", question, "Amendments and alternatives are filed under it."),
    el("fieldset", {}, el("legend", { text: "Open for challenge in" }), ...phases),
    field("The draft (Markdown-lite)", text, "Start each section with a heading: # Vision, ## Principle 1. Headings are numbered 1, 2, 2.1."),
    el("button", { type: "submit", text: "Publish the draft" }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = [...form.querySelectorAll("input[name=draft-phases]:checked")].map((box) => box.value);
    const body = { title: title.value, questionId: Number(question.value), text: text.value, phases: chosen };
    const draft = await section.run(() => api("POST", `/admin/campaigns/${seg(section.slug)}/drafts`, body));
    if (draft) {
      section.openDraft = draft.id;
      await section.load();
      section.say(`Draft published in ${plural(draft.sections, "section")}.`, "success");
    }
  });
  return form;
}

async function review(section, id, detail) {
  const draft = await section.run(() => api("GET", `/admin/drafts/${seg(id)}`));
  if (!draft) return;
  section.openDraft = id;
  const reload = async (message) => {
    await section.load();
    section.say(message, "success");
  };
  const pending = draft.sections.flatMap((s) => (s.amendments ?? []).filter((a) => a.state === "pending").map((a) => [s, a]));
  replace(detail, el("article", { class: "card draft-review", "aria-labelledby": "draft-review-title" },
    el("h3", { id: "draft-review-title", tabindex: "-1", text: draft.title }),
    el("p", { class: "meta" },
      el("span", { class: "pill", text: draft.state === "final" ? `Final, version ${draft.version}` : `Version ${draft.version}` }),
      " ", el("a", { href: `/c/${encodeURIComponent(section.slug)}/draft?draft=${draft.id}`, text: "Open the public page" })),
    el("h4", { text: `Amendments waiting (${pending.length})` }),
    pending.length
      ? el("ul", { class: "items", id: "draft-amendments" }, ...pending.map(([s, a]) => amendmentItem(section, s, a, reload)))
      : el("p", { class: "muted", text: "No amendment is waiting for an answer." }),
    el("h4", { text: `Alternatives (${draft.alternatives.length})` }),
    draft.alternatives.length
      ? el("ul", { class: "plain" }, ...draft.alternatives.map((a) => el("li", {},
        el("strong", { text: a.title || "Untitled" }), ` — ${a.up} for, ${a.down} against, ${plural(a.comments, "comment")}`)))
      : el("p", { class: "muted", text: "No alternative proposed." }),
    draft.state === "final" ? el("p", { class: "muted", text: "The final version is published as the campaign's result." }) : finalForm(section, draft, reload)));
}

function amendmentItem(section, draftSection, amendment, reload) {
  const reason = input({ name: `reason-${amendment.id}`, maxlength: 2000 });
  const decide = async (decision) => {
    if (!reason.value.trim()) return section.say("Give a reason: contributors read it beside the amendment.", "error");
    const result = await section.run(() => api("POST", `/admin/amendments/${seg(amendment.id)}/decision`, { decision, reason: reason.value.trim() }));
    if (result) await reload(decision === "accept" ? `Amendment accepted: version ${result.version}.` : "Amendment declined.");
  };
  return el("li", { class: "item", "data-amendment-id": amendment.id },
    el("h5", { text: `Section ${draftSection.number} ${draftSection.heading}` }),
    el("p", { class: "meta" }, el("span", { text: `${amendment.up} for, ${amendment.down} against, ${plural(amendment.comments, "comment")}` }),
      amendment.stale ? el("span", { class: "pill quiet", text: "The section changed since: it can only be declined" }) : null),
    diffView(amendment.diff),
    field("Reason (shown to contributors and kept in the audit log)", reason),
    el("div", { class: "actions" },
      el("button", { type: "button", text: "Accept", disabled: amendment.stale, onclick: () => decide("accept") }),
      el("button", { type: "button", class: "secondary", text: "Decline", onclick: () => decide("decline") })));
}

function finalForm(section, draft, reload) {
  const reason = input({ name: "final-reason", maxlength: 2000 });
  const form = el("form", { id: "draft-final", class: "inline-fields" },
    field("Why this is the final version (kept in the audit log)", reason),
    el("button", { type: "submit", text: `Publish version ${draft.version} as the result` }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (await section.run(() => api("POST", `/admin/drafts/${seg(draft.id)}/final`, { reason: reason.value.trim() }))) {
      await reload(`Version ${draft.version} is published as the result.`);
    }
  });
  return form;
}
