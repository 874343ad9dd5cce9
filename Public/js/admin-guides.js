// Console section: guide review — the campaign's guides, one guide's text, revisions and the diff between two,
// facilitators' comments, invitations for key contributors, marking final and publishing.
import { api, seg } from "./api.js";
import { el, replace, formatTime, plural } from "./dom.js";
import { field, input, select, reasonInput, sayBulk } from "./admin-kit.js";

export const guidesSection = {
  id: "guides",
  title: "Guide review",
  intro: "Guides are drafted by the idea's author and the contributors you invite. Read the changes, comment, then mark a guide final and publish it.",
  async load(section) {
    const [{ guides }, table] = await Promise.all([
      api("GET", `/admin/campaigns/${seg(section.slug)}/guides`),
      api("GET", `/admin/campaigns/${seg(section.slug)}/shortlist`),
    ]);
    const started = new Set(guides.map((g) => g.contributionId));
    const waiting = (table.ideas ?? []).filter((idea) => "act" in (idea.rounds ?? {}) && !started.has(idea.id));
    const detail = el("div", { id: "guide-detail" });
    const boxes = [];
    const list = guides.length
      ? el("ul", { class: "items", id: "guide-list" }, ...guides.map((guide) => listItem(section, guide, detail, boxes)))
      : el("p", { class: "muted", text: "No guides yet. Select ideas into the act round, then start their guides here." });
    replace(section.body,
      guides.length ? manyAtOnce(section, boxes) : null,
      list,
      waiting.length ? startList(section, waiting) : null,
      detail);
    const open = guides.find((g) => g.id === section.openGuide);
    if (open) await review(section, open.id, detail);
  },
};

/** "Draft, revision 2", "Final", "Published": the state in words, never by colour alone. */
function stateText(guide) {
  if (guide.published) return "Published";
  if (guide.final) return `Final (revision ${guide.revision})`;
  return guide.revision ? `Draft, revision ${guide.revision}` : "Not written yet";
}

function listItem(section, guide, detail, boxes) {
  const box = el("input", { type: "checkbox", name: "guide", value: guide.id, "data-idea": guide.contributionId,
    "aria-label": `Tick “${guide.title || `guide ${guide.id}`}”` });
  boxes.push(box);
  return el("li", { class: "item", "data-guide-id": guide.id },
    el("h3", { text: guide.title || `Guide ${guide.id}` }),
    el("p", { class: "meta" }, box, el("span", { class: "pill", text: stateText(guide) }), el("span", { text: `Idea ${guide.contributionId}` })),
    el("button", { type: "button", class: "secondary", text: "Review", "aria-label": `Review “${guide.title || `guide ${guide.id}`}”`,
      onclick: () => review(section, guide.id, detail) }));
}

/**
 * The ticked guides marked final, or published with one reason, in one request each (issue 20: a guide a call was 15
 * calls for the Change Challenge's guides). A guide refused (nothing written yet, not final) is named with the reason.
 */
function manyAtOnce(section, boxes) {
  const all = el("input", { type: "checkbox", id: "guides-all" });
  all.addEventListener("change", () => { for (const box of boxes) box.checked = all.checked; });
  const ticked = () => boxes.filter((box) => box.checked);
  const { control: reason, wrapper } = reasonInput("Why publish them (kept in the audit log)");
  const run = async (request, what) => {
    if (!ticked().length) return section.say("Tick the guides first.", "error");
    const answer = await section.run(request);
    if (!answer) return;
    await section.load();
    sayBulk(section, answer, `${plural(answer.done, "guide")} ${what}.`);
  };
  const base = `/admin/campaigns/${seg(section.slug)}`;
  const markFinal = el("button", { type: "button", class: "secondary", id: "guides-final", text: "Mark the ticked guides final",
    onclick: () => run(() => api("POST", `${base}/guides/final`, { ids: ticked().map((b) => Number(b.value)), final: true }), "marked final") });
  const publish = el("button", { type: "button", id: "guides-publish", text: "Publish the ticked guides", onclick: () => {
    if (!reason.value.trim()) return section.say("Say why these guides are published.", "error");
    return run(() => api("POST", `${base}/shortlist/published`, { ids: ticked().map((b) => Number(b.dataset.idea)), reason: reason.value.trim() }), "published");
  } });
  return el("div", { class: "card", id: "guides-many" }, el("h3", { text: "Many guides at once" }),
    el("label", { class: "choice" }, all, "Tick every guide"), wrapper, el("div", { class: "actions" }, markFinal, publish));
}

function startList(section, ideas) {
  const startAll = el("button", { type: "button", id: "guides-start-all", text: `Start the ${ideas.length === 1 ? "guide" : `${ideas.length} guides`}`, onclick: async () => {
    const answer = await section.run(() => api("POST", `/admin/campaigns/${seg(section.slug)}/guides`, { ids: ideas.map((idea) => idea.id) }));
    if (!answer) return;
    await section.load();
    sayBulk(section, answer, `${plural(answer.done, "guide")} started; their authors can now write them.`, "Not started");
  } });
  return el("div", { class: "card" }, el("h3", { text: "Act-round ideas without a guide" }), startAll,
    el("ul", { class: "plain" }, ...ideas.map((idea) => el("li", {}, `${idea.id}. ${idea.title || "Untitled idea"} `,
      el("button", { type: "button", class: "link", text: "Start its guide", onclick: async () => {
        const guide = await section.run(() => api("POST", `/admin/contributions/${seg(idea.id)}/guide`, {}));
        if (guide) {
          section.openGuide = guide.id;
          await section.load();
          section.say(`Guide started for idea ${idea.id}; its author can now write it.`, "success");
        }
      } })))));
}

async function review(section, id, detail) {
  const [guide, { revisions }] = await section.run(() => Promise.all([
    api("GET", `/admin/guides/${seg(id)}`), api("GET", `/admin/guides/${seg(id)}/revisions`)])) ?? [null, {}];
  if (!guide) return;
  section.openGuide = id;
  const reload = async (message) => {
    await section.load();
    section.say(message, "success");
  };
  replace(detail, el("article", { class: "card guide-review", "aria-labelledby": "guide-review-title" },
    el("h3", { id: "guide-review-title", tabindex: "-1", text: guide.title || `Guide ${guide.id}` }),
    el("p", { class: "meta" }, el("span", { class: "pill", text: stateText(guide) })),
    ...guide.sections.map((s) => el("section", {}, el("h4", { text: s.heading }), el("p", { class: "body", text: s.body || "(empty)" }))),
    revisionList(revisions),
    diffPicker(section, guide, revisions),
    comments(section, guide, () => reload("Comment added.")),
    actions(section, guide, reload)));
  detail.querySelector("#guide-review-title").focus();
}

function revisionList(revisions) {
  return el("div", { class: "revisions" }, el("h4", { text: "Revisions" }), revisions.length
    ? el("ol", { id: "guide-revisions" }, ...revisions.map((r) => el("li", { text: `Revision ${r.revision} by ${r.editor}, ${formatTime(r.createdAt)}` })))
    : el("p", { class: "muted", text: "Nobody has saved this guide yet." }));
}

function diffPicker(section, guide, revisions) {
  const numbers = [0, ...revisions.map((r) => r.revision)];
  const options = numbers.map((n) => [String(n), n === 0 ? "0 (empty)" : String(n)]);
  const from = select(options, { name: "from" });
  const to = select(options, { name: "to" });
  to.value = String(guide.revision);
  from.value = String(Math.max(guide.revision - 1, 0));
  const output = el("div", { class: "diff", id: "guide-diff", "aria-live": "polite" });
  const show = async () => {
    const diff = await section.run(() => api("GET", `/admin/guides/${seg(guide.id)}/diff?from=${seg(from.value)}&to=${seg(to.value)}`));
    if (diff) replace(output, ...renderDiff(diff));
  };
  const form = el("form", { class: "inline-fields" }, field("From revision", from), field("To revision", to),
    el("button", { type: "submit", class: "secondary", text: "Show changes" }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    show();
  });
  if (guide.revision > 0) show();
  return el("div", {}, el("h4", { text: "Changes between revisions" }), form, output);
}

/** Lines as <ins>/<del> with a visible "+"/"−" marker and words for screen readers, so colour is never the only cue. */
function renderDiff(diff) {
  const line = ({ op, text }) => {
    if (op === "+") return el("ins", {}, el("span", { class: "marker", "aria-hidden": "true", text: "+ " }), el("span", { class: "visually-hidden", text: "Added: " }), text);
    if (op === "-") return el("del", {}, el("span", { class: "marker", "aria-hidden": "true", text: "− " }), el("span", { class: "visually-hidden", text: "Removed: " }), text);
    return el("span", { class: "same" }, el("span", { class: "marker", "aria-hidden": "true", text: "  " }), text);
  };
  const changed = (lines) => lines.some((l) => l.op !== " ");
  const parts = [el("p", { class: "muted small", text: `From revision ${diff.from} to revision ${diff.to}.` })];
  if (changed(diff.title)) parts.push(el("h5", { text: "Title" }), el("pre", {}, ...diff.title.map(line)));
  for (const s of diff.sections.filter((s) => changed(s.lines))) parts.push(el("h5", { text: s.heading }), el("pre", { "data-section": s.key }, ...s.lines.map(line)));
  if (parts.length === 1) parts.push(el("p", { text: "No changes between these revisions." }));
  return parts;
}

function comments(section, guide, done) {
  const body = el("textarea", { name: "comment", maxlength: 2000, rows: 3 });
  const form = el("form", {}, field("Comment for the editors", body, "Editors see it as from “Facilitator”, with the revision it refers to."),
    el("button", { type: "submit", class: "secondary", text: "Add comment" }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!body.value.trim()) return section.say("Write the comment first.", "error");
    if (await section.run(() => api("POST", `/admin/guides/${seg(guide.id)}/comments`, { body: body.value.trim() }))) await done();
  });
  return el("div", { class: "guide-comments" }, el("h4", { text: "Comments" }),
    guide.comments.length
      ? el("ul", { class: "plain", id: "guide-comments" }, ...guide.comments.map((c) => el("li", { text: `On revision ${c.revision}: ${c.body}` })))
      : el("p", { class: "muted", text: "No comments yet." }),
    form);
}

function actions(section, guide, reload) {
  const base = `/admin/guides/${seg(guide.id)}`;
  const invited = el("p", { class: "invite-link", id: "guide-invite", hidden: true });
  const reason = input({ name: "publish-reason", maxlength: 1000 });
  const publish = el("form", { class: "inline-fields" }, field("Why publish it (kept in the audit log)", reason),
    el("button", { type: "submit", text: "Publish in the guide" }));
  publish.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!reason.value.trim()) return section.say("Say why this guide is published.", "error");
    const body = { contributionId: guide.contributionId, reason: reason.value.trim() };
    if (await section.run(() => api("POST", `/admin/campaigns/${seg(section.slug)}/shortlist/published`, body))) await reload("Guide published.");
  });
  return el("div", { class: "guide-actions" }, el("h4", { text: "Decisions" }),
    el("div", { class: "actions" },
      guide.final
        ? el("button", { type: "button", class: "secondary", text: "Reopen for editing", onclick: async () => {
          if (await section.run(() => api("POST", `${base}/final`, { final: false }))) await reload("Guide reopened for editing; it is no longer published.");
        } })
        : el("button", { type: "button", text: "Mark final", onclick: async () => {
          if (await section.run(() => api("POST", `${base}/final`, { final: true }))) await reload("Guide marked final.");
        } }),
      el("button", { type: "button", class: "secondary", text: "Invite a key contributor", onclick: async () => {
        const invite = await section.run(() => api("POST", `${base}/invitations`, {}));
        if (!invite) return;
        replace(invited, `Send this link to the person you invite (it is shown once; they edit as “${invite.label}”): `,
          el("code", { text: location.origin + invite.link }));
        invited.hidden = false;
      } })),
    invited,
    guide.published ? el("p", { class: "muted small", text: "Published in the public guide. Reopening it for editing takes it out again." })
      : guide.final ? publish : el("p", { class: "muted small", text: "Mark the guide final before publishing it." }));
}
