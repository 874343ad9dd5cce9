// Comments on one contribution: a toggle showing the count, the thread with one level of replies, and forms to add more.
import { api, describeError, ApiError } from "./api.js";
import { el, replace, say, formatTime } from "./dom.js";
import { askToJoin } from "./join.js";
import { titleOf } from "./votes.js";
import { reportControl } from "./report.js";
import { mayAct } from "./phase.js";

/** The comment toggle (`toggle`) and panel (`panel`) for one contribution. */
export class CommentThread {
  constructor(page, item) {
    this.page = page;
    this.item = item;
    this.count = item.comments ?? 0;
    this.replyForms = new Map();
    this.list = el("ul", { "aria-label": "Comments" });
    this.status = el("p", { class: "status", role: "status", hidden: true });
    // Where this phase takes no comments on the idea, the thread is read only: no form that would then refuse.
    this.writable = mayAct(page.campaign, item, "comment") === true;
    this.panel = el("div", { class: "comments", id: `comments-${item.id}`, hidden: true },
      this.status, this.list,
      this.writable ? this.form(null, "Add a comment") : el("p", { class: "muted small", text: "Comments are closed on this one. You can still read them." }));
    this.toggle = el("button", { type: "button", class: "link comments-toggle", "aria-expanded": "false", "aria-controls": this.panel.id });
    this.toggle.addEventListener("click", () => this.flip());
    this.label();
  }

  /** Listens on the item node for live comment counts. */
  attach(node) {
    node.addEventListener("gs:comments", (event) => {
      if (event.detail === this.count) return;
      this.count = event.detail;
      this.label();
      if (!this.panel.hidden) this.load();
    });
  }

  /** "Comment" invites writing, so it is offered only where a comment would be taken; a closed thread reads
   * "Comments (3)" and, with nothing to read, is not offered at all. */
  label() {
    this.toggle.textContent = this.count ? `Comments (${this.count})` : "Comment";
    this.toggle.hidden = !this.writable && !this.count;
  }

  async flip() {
    const opening = this.panel.hidden;
    this.panel.hidden = !opening;
    this.toggle.setAttribute("aria-expanded", String(opening));
    if (opening) {
      await this.load();
      this.panel.querySelector("textarea")?.focus();
    }
  }

  async load() {
    try {
      const detail = await api("GET", `/api/contributions/${encodeURIComponent(this.item.id)}`);
      const comments = detail.commentList ?? [];
      this.count = comments.reduce((sum, comment) => sum + 1 + (comment.replies?.length ?? 0), 0);
      this.label();
      // Redraw only when something changed, so focus and half-typed replies are not disturbed by echoes of our own post.
      const signature = JSON.stringify(comments.map((c) => [c.id, c.body, (c.replies ?? []).map((r) => [r.id, r.body])]));
      if (signature !== this.signature) {
        this.signature = signature;
        replace(this.list, ...comments.map((comment) => this.render(comment, true)));
      }
      say(this.status, comments.length ? "" : "No comments yet.");
    } catch (error) {
      say(this.status, describeError(error), "error");
    }
  }

  render(comment, canReply) {
    const node = el("li", { class: "comment", "data-comment-id": comment.id },
      el("p", { class: "small muted" },
        comment.official ? el("span", { class: "pill official", text: "From the campaign team" }) : null,
        comment.mine ? el("span", { class: "pill quiet", text: "Yours" }) : null,
        ` ${formatTime(comment.createdAt)}`),
      el("p", { class: "text", text: comment.body }),
    );
    const replies = comment.replies ?? [];
    if (replies.length) node.append(el("ul", { class: "replies", "aria-label": "Replies" }, ...replies.map((reply) => this.render(reply, false))));
    const actions = el("div", { class: "actions" });
    node.append(actions);
    if (!comment.mine) actions.append(reportControl(this.page, this.item, node, comment));
    if (canReply && this.writable) {
      // An open reply form (and what is typed in it) survives the thread being redrawn by a live update.
      const open = this.replyForms.get(comment.id);
      const button = el("button", { type: "button", class: "link reply", "aria-expanded": String(Boolean(open)) }, "Reply");
      button.addEventListener("click", () => {
        const form = this.replyForms.get(comment.id);
        if (form) {
          form.remove();
          this.replyForms.delete(comment.id);
          button.setAttribute("aria-expanded", "false");
          return;
        }
        const created = this.form(comment.id, "Your reply");
        this.replyForms.set(comment.id, created);
        node.append(created);
        button.setAttribute("aria-expanded", "true");
        created.querySelector("textarea").focus();
      });
      actions.prepend(button);
      if (open) node.append(open);
    }
    return node;
  }

  /** A comment form; `parentId` null for a top-level comment. */
  form(parentId, label) {
    const id = `comment-${this.item.id}-${parentId ?? "new"}`;
    const textarea = el("textarea", { id, name: "body", maxlength: 2000 });
    const status = el("p", { class: "status", role: "status", hidden: true });
    const form = el("form", { class: "comment-form" },
      el("div", { class: "field" }, el("label", { for: id, text: label }), textarea),
      status,
      el("button", { type: "submit", text: parentId ? "Send reply" : "Send comment" }),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!textarea.value.trim()) {
        say(status, "Please write something first.", "error");
        textarea.focus();
        return;
      }
      if (!this.page.joined) {
        askToJoin("Join the campaign to comment. Your comment will be posted as soon as you have joined.", {
          slug: this.page.slug,
          action: { kind: "comment", id: this.item.id, parentId, body: textarea.value.trim(), title: titleOf(this.item), returnTo: this.page.ideaPath ?? null },
        });
        return;
      }
      const body = { body: textarea.value.trim() };
      if (parentId !== null) body.parentId = parentId;
      try {
        await api("POST", `/api/contributions/${encodeURIComponent(this.item.id)}/comments`, body);
        textarea.value = "";
        if (parentId !== null) {
          this.replyForms.get(parentId)?.remove();
          this.replyForms.delete(parentId);
        }
        await this.load();
        say(parentId === null ? status : this.status, parentId === null ? "Your comment has been posted." : "Your reply has been posted.", "success");
      } catch (error) {
        say(status, describeError(error), "error");
        if (error instanceof ApiError && error.code === "unauthorized") askToJoin("Please join again to comment.");
      }
    });
    return form;
  }
}
