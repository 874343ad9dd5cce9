// The draft page: a facilitator's document to challenge, section by section — votes, comments, amendments shown as
// word diffs, alternatives to the whole, the change log, and any two versions compared. All text is built as text.
import { api, describeError, seg, ApiError } from "./api.js";
import { el, byId, replace, say, formatDay, plural, phaseName } from "./dom.js";
import { voteButtons } from "./votes.js";
import { CommentThread } from "./comments.js";
import { markdownBlock } from "./stories.js";
import { reportControl } from "./report.js";
import { slugFromLocation } from "./slug.js";
import { diffView } from "./word-diff.js";

const day = (text) => (text ? formatDay(`${text}T12:00:00Z`) : "");

/** One block of a body; its headings sit below the item's own h3. */
const block = (part) => markdownBlock(part, () => "h4");

const STATES = { pending: "Waiting for the team", accepted: "Accepted", declined: "Declined" };

/** What the page's parts ask of it: whether this browser joined, and whether votes and comments may be tried. */
class Page {
  constructor(slug) {
    this.slug = slug;
    this.info = null;
    this.draft = null;
  }

  get joined() {
    return Boolean(this.info?.joined);
  }

  /** None for the idea's phase rules in votes.js and comments.js: a draft's own rules decide, on the server. */
  get campaign() {
    return null;
  }

  /** The server decides and says why not (its message is shown), so the page never guesses. */
  permission() {
    return true;
  }
}

function joinLink(page, text) {
  // The link stands alone (not inside a sentence), so it never relies on colour to be seen as a link.
  return el("p", { class: "join-link" }, el("a", { href: `/c/${encodeURIComponent(page.slug)}#join`, text }));
}

function reactions(page, item, node) {
  if (!page.joined) {
    return el("p", { class: "meta" }, el("span", { text: `${plural(item.up, "vote")} for, ${item.down} against` }),
      el("span", { text: plural(item.comments ?? 0, "comment") }));
  }
  const thread = new CommentThread(page, item);
  thread.attach(node);
  return el("div", {}, voteButtons(page, item),
    el("div", { class: "actions" }, thread.toggle, item.mine ? null : reportControl(page, item, node)), thread.panel);
}

function amendmentItem(page, amendment) {
  const heading = `amendment-${amendment.id}-title`;
  const node = el("li", { class: `item amendment state-${amendment.state}`, id: `amendment-${amendment.id}`, "data-amendment-id": amendment.id,
    "aria-labelledby": heading });
  node.append(
    el("h5", { id: heading }, amendment.title || `Amendment ${amendment.id}`),
    el("p", { class: "meta" },
      el("span", { class: `pill amendment-${amendment.state}`, text: STATES[amendment.state] ?? amendment.state }),
      amendment.mine ? el("span", { class: "pill quiet", text: "Yours" }) : null,
      amendment.stale ? el("span", { text: "The section has changed since" }) : null,
      amendment.decidedVersion ? el("span", { text: `made version ${amendment.decidedVersion}` }) : null),
    diffView(amendment.diff),
    amendment.reason ? el("div", { class: "response" }, el("h6", { text: "The team's reason" }),
      el("p", { class: "body", text: amendment.reason })) : null);
  if (amendment.state === "pending") node.append(reactions(page, amendment, node));
  return node;
}

function amendForm(page, section, onDone) {
  const id = `amend-${section.id}`;
  const textarea = el("textarea", { id, name: "body", rows: 6, maxlength: 5000, required: true });
  textarea.value = section.body;
  const status = el("p", { class: "status", role: "status", hidden: true });
  const button = el("button", { type: "submit", text: "Propose this amendment" });
  const form = el("form", { class: "amend-form card", "data-section-id": section.id, hidden: true },
    el("div", { class: "field" },
      el("label", { for: id, text: `Your wording for section ${section.number}` }),
      el("span", { class: "hint", text: "Change the text as you would have it. Anonymous, like everything you post here." }),
      textarea),
    status, el("div", { class: "actions" }, button));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      await api("POST", `/api/drafts/${seg(page.draft.id)}/sections/${seg(section.id)}/amendments`, { body: textarea.value });
      await onDone(`Your amendment to section ${section.number} is posted.`);
    } catch (error) {
      say(status, describeError(error), "error");
      if (error instanceof ApiError && error.code === "unauthorized") page.info.joined = false;
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function sectionItem(page, section, onDone) {
  const heading = `section-${section.id}-title`;
  const node = el("li", { class: `item draft-section level-${section.level}`, id: `section-${section.id}`,
    "data-section-id": section.id, "aria-labelledby": heading });
  node.append(
    el("h3", { id: heading }, el("span", { class: "section-number", text: `${section.number} ` }), section.heading),
    el("div", { class: "story-body" }, ...(section.blocks ?? []).map(block)));
  node.append(reactions(page, section, node));
  const open = page.draft.canPropose?.allowed;
  if (open && page.joined) {
    const form = amendForm(page, section, onDone);
    const toggle = el("button", { type: "button", class: "link amend-toggle", "aria-expanded": "false",
      "aria-controls": `amend-form-${section.id}`, text: "Propose an amendment" });
    form.id = `amend-form-${section.id}`;
    toggle.addEventListener("click", () => {
      form.hidden = !form.hidden;
      toggle.setAttribute("aria-expanded", String(!form.hidden));
      if (!form.hidden) form.querySelector("textarea").focus();
    });
    node.append(el("div", { class: "actions" }, toggle), form);
  }
  const amendments = section.amendments ?? [];
  if (amendments.length) {
    node.append(el("h4", { text: `Amendments (${amendments.length})` }),
      el("ul", { class: "items amendments" }, ...amendments.map((a) => amendmentItem(page, a))));
  }
  return node;
}

function alternativeItem(page, alternative) {
  const heading = `alternative-${alternative.id}-title`;
  const node = el("li", { class: "item alternative", id: `alternative-${alternative.id}`, "data-alternative-id": alternative.id, "aria-labelledby": heading },
    el("h3", { id: heading, text: alternative.title || "An alternative" }),
    alternative.mine ? el("p", { class: "meta" }, el("span", { class: "pill quiet", text: "Yours" })) : null,
    el("div", { class: "story-body" }, ...(alternative.blocks ?? []).map(block)));
  node.append(reactions(page, alternative, node));
  return node;
}

function alternativeForm(page, onDone) {
  const title = el("input", { type: "text", id: "alternative-title", name: "title", maxlength: 200, required: true });
  const body = el("textarea", { id: "alternative-body", name: "body", rows: 8, maxlength: 5000, required: true });
  const status = el("p", { class: "status", role: "status", hidden: true });
  const form = el("form", { id: "alternative-form", class: "card" },
    el("h3", { text: "Propose an alternative" }),
    el("div", { class: "field" }, el("label", { for: "alternative-title", text: "Its title" }), title),
    el("div", { class: "field" },
      el("label", { for: "alternative-body", text: "Your alternative" }),
      el("span", { class: "hint", text: "Start sections with # and a heading if you like. Anonymous, like everything you post here." }),
      body),
    status, el("div", { class: "actions" }, el("button", { type: "submit", text: "Post the alternative" })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("POST", `/api/drafts/${seg(page.draft.id)}/alternatives`, { title: title.value, body: body.value });
      await onDone("Your alternative is posted.");
    } catch (error) {
      say(status, describeError(error), "error");
    }
  });
  return form;
}

function changeItem(change) {
  const what = change.amendmentId
    ? `Version ${change.version}, ${day(change.on)}: section ${change.section ?? "?"} amended. `
    : `Version ${change.version}, ${day(change.on)}: `;
  return el("li", { "data-version": change.version }, el("strong", { text: what }), change.reason);
}

function renderComparison(result) {
  const changed = (result.sections ?? []).filter((section) => section.changed);
  if (!changed.length) return [el("p", { class: "muted", text: `Versions ${result.from} and ${result.to} are the same.` })];
  return changed.map((section) => el("div", { class: "comparison-section", "data-section-id": section.id },
    el("h3", { text: `${section.number} ${section.heading}` }), diffView(section.runs)));
}

function setUpCompare(page) {
  const from = byId("compare-from");
  const to = byId("compare-to");
  const status = byId("compare-status");
  const versions = Array.from({ length: page.draft.version }, (_, i) => i + 1);
  replace(from, ...versions.map((v) => el("option", { value: v, text: `Version ${v}` })));
  replace(to, ...versions.map((v) => el("option", { value: v, text: `Version ${v}` })));
  from.value = String(Math.max(1, page.draft.version - 1));
  to.value = String(page.draft.version);
  byId("compare-form").onsubmit = async (event) => {
    event.preventDefault();
    try {
      const result = await api("GET", `/api/drafts/${seg(page.draft.id)}/diff?from=${seg(from.value)}&to=${seg(to.value)}`);
      replace(byId("comparison"), ...renderComparison(result));
      say(status, "");
    } catch (error) {
      say(status, describeError(error), "error");
    }
  };
}

function render(page) {
  const draft = page.draft;
  document.title = `${draft.title} – Groundswell`;
  byId("title").textContent = draft.title;
  const phases = (draft.phases ?? []).map(phaseName).join(", ");
  replace(byId("meta"),
    el("span", { class: `pill${draft.state === "final" ? " official" : ""}`,
      text: draft.state === "final" ? `Final version ${draft.version}, published ${day(draft.finalisedAt)}` : `Version ${draft.version}` }),
    " ", el("span", { text: `Open for challenge in: ${phases}` }));
  const takePart = byId("take-part");
  takePart.hidden = false;
  const refresh = async (message) => {
    await load(page);
    say(byId("status"), message, "success");
  };
  if (draft.state === "final") {
    replace(takePart, "This is the final version, published as the campaign's result. Every change and its reason is listed below.");
  } else if (!draft.canPropose?.allowed) {
    replace(takePart, draft.canPropose?.message ?? "The draft is not open for challenge right now.");
  } else if (!page.joined) {
    replace(takePart, joinLink(page, "Join the campaign to vote, comment and propose changes (it stays anonymous)"));
  } else {
    replace(takePart, "You can vote and comment on each section, propose a better wording for any of them, or an alternative to the whole.");
  }
  replace(byId("section-list"), ...(draft.sections ?? []).map((section) => sectionItem(page, section, refresh)));
  const alternatives = draft.alternatives ?? [];
  replace(byId("alternative-list"), ...alternatives.map((a) => alternativeItem(page, a)));
  if (!alternatives.length) byId("alternative-list").append(el("li", { class: "muted", text: "No alternative has been proposed yet." }));
  replace(byId("alternative-compose"), draft.canPropose?.allowed && page.joined ? alternativeForm(page, refresh) : "");
  replace(byId("change-list"), ...(draft.changes ?? []).map(changeItem));
  setUpCompare(page);
}

async function load(page) {
  page.info = await api("GET", `/api/campaigns/${seg(page.slug)}`);
  const chosen = new URLSearchParams(location.search).get("draft");
  const list = (await api("GET", `/api/campaigns/${seg(page.slug)}/drafts`)).items ?? [];
  const id = chosen && /^\d+$/.test(chosen) ? chosen : list.at(-1)?.id;
  const choice = byId("draft-choice");
  choice.hidden = list.length < 2;
  replace(choice, ...list.map((d) => el("a", { href: `?draft=${d.id}`, "aria-current": String(d.id) === String(id) ? "page" : null, text: d.title })));
  if (!id) {
    byId("title").textContent = "No draft yet";
    say(byId("status"), "The campaign team has not published a draft to challenge.");
    return;
  }
  page.draft = await api("GET", `/api/drafts/${seg(id)}`);
  render(page);
}

async function start() {
  const slug = slugFromLocation();
  if (!slug) {
    say(byId("status"), "No campaign was given in the address.", "error");
    return;
  }
  byId("campaign-link").href = `/c/${encodeURIComponent(slug)}`;
  try {
    await load(new Page(slug));
  } catch (error) {
    byId("title").textContent = "Draft not available";
    say(byId("status"), describeError(error), "error");
  }
}

start();
