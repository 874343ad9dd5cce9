// The campaign page's stories: posts by the team and named story-tellers, their Markdown-lite built as
// text and structure (never HTML), with votes and comments as on ideas.
import { api, describeError, seg } from "./api.js";
import { el, byId, replace, say, formatTime } from "./dom.js";
import { voteButtons } from "./votes.js";
import { CommentThread } from "./comments.js";

/** A run of text: plain, strong, emphasis, or a link the server checked is http(s). */
function span(part) {
  switch (part.style) {
    case "strong": return el("strong", { text: part.text });
    case "emphasis": return el("em", { text: part.text });
    case "link": return el("a", { href: part.href, rel: "noopener noreferrer nofollow", text: part.text });
    default: return document.createTextNode(part.text);
  }
}

const spans = (parts) => (parts ?? []).map(span);

/**
 * One block of Markdown-lite (stories, drafts). A story's own headings sit below the story's title (h3), so by
 * default they start at h4; `heading` names the element for a heading of a given level.
 */
export function markdownBlock(part, heading = (level) => `h${Math.min(6, 3 + (level ?? 1))}`) {
  switch (part.type) {
    case "heading": return el(heading(part.level), {}, ...spans(part.spans));
    case "list": return el(part.ordered ? "ol" : "ul", {}, ...(part.items ?? []).map((item) => el("li", {}, ...spans(item))));
    case "quote": return el("blockquote", {}, el("p", {}, ...spans(part.spans)));
    default: return el("p", {}, ...spans(part.spans));
  }
}

function storyItem(page, story) {
  const heading = `story-${story.id}-title`;
  const node = el("li", { class: "item story", id: `story-${story.id}`, "data-story-id": story.id, "aria-labelledby": heading },
    el("h3", { id: heading, text: story.title }),
    el("p", { class: "meta" },
      el("span", { class: "pill storyteller", text: `Story by ${story.byline}` }),
      el("span", { text: `Posted ${formatTime(story.createdAt)}` })),
    el("div", { class: "story-body" }, ...(story.blocks ?? []).map((part) => markdownBlock(part))),
    story.link ? el("p", { class: "story-link" }, el("a", { href: story.link.url, rel: "noopener noreferrer nofollow", text: story.link.label })) : null,
    voteButtons(page, story));
  const thread = new CommentThread(page, story);
  thread.attach(node);
  node.append(el("div", { class: "actions" }, thread.toggle), thread.panel);
  return node;
}

/** Loads and shows the stories; the section stays hidden while there are none. */
export function setUpStories(page) {
  const section = byId("stories");
  const status = byId("stories-status");
  return {
    async refresh() {
      try {
        const data = await api("GET", `/api/campaigns/${seg(page.slug)}/stories`);
        const items = data.items ?? [];
        section.hidden = items.length === 0;
        replace(byId("story-list"), ...items.map((story) => storyItem(page, story)));
      } catch (error) {
        section.hidden = false;
        say(status, describeError(error), "error");
      }
    },
  };
}
