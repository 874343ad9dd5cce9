// "Have your say" under each published mini-guide: its comments, and a form for people who have joined.
import { api, describeError, seg } from "./api.js";
import { el, replace, say, formatTime, plural } from "./dom.js";

function commentItem(comment) {
  return el("li", { class: "comment", "data-comment-id": comment.id },
    el("p", { class: "meta" },
      comment.official ? el("span", { class: "pill official", text: "From the campaign team" }) : null,
      el("span", { text: formatTime(comment.createdAt) })),
    el("p", { class: "body", text: comment.body }),
    comment.replies?.length ? el("ul", { class: "replies" }, ...comment.replies.map(commentItem)) : null);
}

/** The comments section of one guide; `joined` says whether this browser may write. */
export function guideComments(slug, guide, joined) {
  const comments = [...(guide.comments ?? [])];
  const heading = el("h4", { id: `guide-${guide.id}-comments`, text: "" });
  const list = el("ul", { class: "guide-comment-list", "aria-labelledby": heading.id });
  const status = el("p", { class: "status", role: "status", hidden: true });
  const count = () => comments.reduce((n, c) => n + 1 + (c.replies?.length ?? 0), 0);
  const render = () => {
    heading.textContent = `Have your say (${plural(count(), "comment")})`;
    replace(list, ...comments.map(commentItem));
  };
  render();
  let form = null;
  if (joined) {
    const id = `guide-${guide.id}-comment`;
    const textarea = el("textarea", { id, name: "body", maxlength: 2000, required: true });
    const button = el("button", { type: "submit", text: "Send comment" });
    form = el("form", { class: "comment-form", "data-guide-id": guide.id },
      el("div", { class: "field" },
        el("label", { for: id, text: "Your comment on this guide" }),
        el("span", { class: "hint", text: "Anonymous, like everything you post here." }),
        textarea),
      button);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      button.disabled = true;
      try {
        const created = await api("POST", `/api/guides/${seg(guide.id)}/comments`, { body: textarea.value });
        comments.push(created);
        textarea.value = "";
        render();
        say(status, "Your comment is posted.", "success");
      } catch (error) {
        say(status, describeError(error), "error");
      } finally {
        button.disabled = false;
      }
    });
  } else {
    // The link stands alone (not inside a sentence), so it never relies on colour to be seen as a link.
    form = el("p", {}, el("a", { href: `/c/${encodeURIComponent(slug)}`, text: "Join the campaign to have your say (it stays anonymous)" }));
  }
  return el("section", { class: "guide-comments", "aria-labelledby": heading.id }, heading, list, status, form);
}
