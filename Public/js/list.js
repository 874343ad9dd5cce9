// The list of contributions: sorts, search, question and theme filters, paging, and one rendered item per contribution.
import { api, describeError, seg, query } from "./api.js";
import { el, byId, replace, say, debounce, formatTime, plural } from "./dom.js";
import { voteButtons, updateCounts } from "./votes.js";
import { CommentThread } from "./comments.js";
import { reportControl } from "./report.js";

/** The first words of an untitled contribution, to serve as its heading. */
function headline(body) {
  const words = String(body ?? "").trim().split(/\s+/);
  return words.length > 8 ? `${words.slice(0, 8).join(" ")}…` : words.join(" ") || "Untitled contribution";
}

/**
 * A contribution held for review after reports: it keeps its place, collapsed, with no votes or
 * comments until a moderator decides; a reader may still open it.
 */
function heldItem(item) {
  const bodyId = `held-${item.id}`;
  const body = el("div", { id: bodyId, class: "held-text", hidden: true },
    el("p", { class: "held-title", text: item.title || headline(item.body) }),
    el("p", { class: "body", text: item.body }));
  const toggle = el("button", { type: "button", class: "link", "aria-expanded": "false", "aria-controls": bodyId }, "Show it anyway");
  toggle.addEventListener("click", () => {
    body.hidden = !body.hidden;
    toggle.setAttribute("aria-expanded", String(!body.hidden));
    toggle.textContent = body.hidden ? "Show it anyway" : "Hide it again";
  });
  return el("li", { class: "item is-held", id: `item-${item.id}`, "data-id": item.id,
                    "data-my-vote": String(item.myVote ?? 0), "data-mine": String(Boolean(item.mine)) },
    el("h3", { text: "Waiting for a moderator" }),
    el("p", { class: "meta" },
      item.mine ? el("span", { class: "pill quiet", text: "Yours" }) : null,
      el("span", { text: `Posted ${formatTime(item.createdAt)}` })),
    el("p", { text: "Several people reported this. It stays here, folded away and closed to votes and comments, until a moderator has looked at it." }),
    el("div", { class: "actions" }, toggle),
    body);
}

/** The address of one idea's own page. */
export function ideaPath(slug, id) {
  return `/c/${encodeURIComponent(slug)}/ideas/${encodeURIComponent(id)}`;
}

/** Renders and refreshes `#items`; `page` is the campaign page's shared state. */
export class ContributionList {
  constructor(page) {
    this.page = page;
    this.items = byId("items");
    this.status = byId("list-status");
    this.more = byId("more");
    this.cursor = null;
    this.pending = new Map();
    this.sort = byId("sort");
    this.search = byId("search");
    this.question = byId("filter-question");
    this.theme = byId("filter-theme");
    byId("browse").hidden = false;
    this.sort.addEventListener("change", () => this.load());
    this.question.addEventListener("change", () => this.load());
    this.theme.addEventListener("change", () => this.load());
    this.search.addEventListener("input", debounce(() => this.load(), 350));
    byId("filters").addEventListener("submit", (event) => {
      event.preventDefault();
      this.load();
    });
    this.more.addEventListener("click", () => this.load({ append: true }));
    // Once a shortlist is chosen (Prioritise, Act), it comes first; the rest is one switch away, read only.
    this.mode = "all";
    for (const [id, mode] of [["show-shortlist", "shortlist"], ["show-rest", "rest"]]) {
      byId(id).addEventListener("click", () => {
        if (this.mode === mode) return;
        this.mode = mode;
        this.renderSwitch();
        this.load();
      });
    }
    byId("show-new").addEventListener("click", () => this.showPending());
    this.renderFilters();
  }

  /** Whether the campaign is past choosing its shortlist, so the list leads with it. */
  get choosing() {
    return ["prioritise", "act"].includes(this.page.campaign.openPhase);
  }

  /** The switch between the shortlist and everything else, and what the list in view is for. */
  renderSwitch() {
    const act = this.page.campaign.openPhase === "act";
    byId("shortlist-switch").hidden = !this.choosing;
    byId("show-shortlist").setAttribute("aria-pressed", String(this.mode === "shortlist"));
    byId("show-rest").setAttribute("aria-pressed", String(this.mode === "rest"));
    const note = byId("shortlist-note");
    note.hidden = !this.choosing;
    note.textContent = this.mode === "rest"
      ? "These were not shortlisted. You can read them and their comments, but not vote on them."
      : act ? "The ideas the team chose to take forward." : "The ideas the team shortlisted. Vote and comment on them to help choose.";
    byId("browse-heading").textContent = !this.choosing ? "What people have said"
      : this.mode === "rest" ? "Everything else (read only)" : act ? "The chosen ideas" : "The shortlist";
  }

  renderFilters() {
    const campaign = this.page.campaign;
    if (this.choosing && this.mode === "all") this.mode = "shortlist";
    if (!this.choosing) this.mode = "all";
    // Once there is a shortlist it is what the page is for: it comes before joining and the campaign's description.
    if (this.choosing) byId("description").before(byId("browse"));
    this.renderSwitch();
    const questions = campaign.questions ?? [];
    byId("filter-question-field").hidden = questions.length < 2;
    replace(this.question, el("option", { value: "", text: "All questions" }),
      ...questions.map((q) => el("option", { value: q.id, text: q.text })));
    const themes = campaign.themes ?? [];
    byId("filter-theme-field").hidden = campaign.openPhase !== "answer" || !themes.length;
    replace(this.theme, el("option", { value: "", text: "All themes" }),
      ...themes.map((theme) => el("option", { value: theme.id, text: theme.name })));
  }

  /** Fetches the first page (or the next one with `append`) for the current sort and filters. */
  async load({ append = false } = {}) {
    const params = {
      sort: this.sort.value,
      q: this.search.value.trim(),
      question: this.question.value,
      theme: byId("filter-theme-field").hidden ? "" : this.theme.value,
      limit: 20,
      cursor: append ? this.cursor : "",
      shortlisted: this.mode === "shortlist" ? "true" : this.mode === "rest" ? "false" : "",
    };
    say(this.status, append ? "Loading more…" : "Loading…");
    try {
      const { items, nextCursor } = await api("GET", `/api/campaigns/${seg(this.page.slug)}/contributions${query(params)}`);
      if (!append) {
        this.items.replaceChildren();
        this.pending.clear();
        byId("show-new").hidden = true;
      }
      for (const item of items) this.items.append(this.render(item));
      this.cursor = nextCursor;
      this.more.hidden = !nextCursor;
      const searching = params.q || params.question || params.theme;
      const empty = searching ? "Nothing matches your search."
        : this.mode === "shortlist" ? "Nothing has been shortlisted yet."
        : this.mode === "rest" ? "Everything shared was shortlisted." : "Nothing has been shared yet. Be the first!";
      say(this.status, this.items.children.length ? "" : empty);
    } catch (error) {
      say(this.status, describeError(error), "error");
    }
  }

  /** One contribution as a list item; every piece of user text goes in as text. */
  render(item) {
    if (item.held) return heldItem(item);
    const themes = (item.themes ?? []).map((id) => this.page.themeName(id)).filter(Boolean);
    const heading = item.title || headline(item.body);
    const node = el("li", { class: "item", id: `item-${item.id}`, "data-id": item.id },
      el("h3", {}, el("a", { href: ideaPath(this.page.slug, item.id), text: heading })),
      el("p", { class: "meta" },
        item.official ? el("span", { class: "pill official", text: "From the campaign team" }) : null,
        item.shortlisted ? el("span", { class: "pill", text: "Shortlisted" }) : null,
        item.mine ? el("span", { class: "pill quiet", text: "Yours" }) : null,
        el("span", { text: `Posted ${formatTime(item.createdAt)}` }),
        item.editedAt ? el("span", { text: "(edited)" }) : null,
        themes.length ? el("span", { text: `Themes: ${themes.join(", ")}` }) : null,
      ),
      el("p", { class: "body", text: item.body }),
      voteButtons(this.page, item),
    );
    node.dataset.myVote = String(item.myVote ?? 0);
    node.dataset.mine = String(Boolean(item.mine));
    const thread = new CommentThread(this.page, item);
    thread.attach(node);
    node.append(el("div", { class: "actions" }, thread.toggle, item.mine ? null : reportControl(this.page, item, node)), thread.panel);
    return node;
  }

  /** Puts the visitor's freshly posted contribution at the top. */
  addOwn(item) {
    document.getElementById(`item-${item.id}`)?.remove();
    this.pending.delete(item.id);
    byId("show-new").hidden = this.pending.size === 0;
    const node = this.render({ ...item, mine: true });
    node.classList.add("is-new");
    this.items.prepend(node);
    say(this.status, "");
  }

  /**
   * Applies a live `totals` event, one interval's changed vote totals as `[id, up, down, score]` rows in id order:
   * each shown contribution gets its new counts, and the last of them is announced politely.
   */
  applyTotals(rows) {
    for (const row of rows) {
      if (Array.isArray(row)) this.applyVotes({ id: row[0], up: row[1], down: row[2] });
    }
  }

  /** New counts for one contribution, announced politely. */
  applyVotes(data) {
    const node = document.getElementById(`item-${data.id}`);
    if (!node) return;
    updateCounts(node, data);
    const title = node.querySelector("h3")?.textContent ?? "a contribution";
    byId("live").textContent = `Votes on “${title}”: ${plural(data.up, "thumb up", "thumbs up")}, ${plural(data.down, "thumb down", "thumbs down")}.`;
  }

  /** Applies a live `comment` event: the new comment count. */
  applyComments(data) {
    const node = document.getElementById(`item-${data.contributionId}`);
    node?.dispatchEvent(new CustomEvent("gs:comments", { detail: data.comments }));
  }

  /** Applies a live `removed` event: a hidden, withdrawn or merged contribution leaves the page. */
  applyRemoved(data) {
    const node = document.getElementById(`item-${data.id}`);
    if (this.pending.delete(data.id)) {
      const button = byId("show-new");
      button.hidden = this.pending.size === 0;
      button.textContent = `Show ${plural(this.pending.size, "new contribution")}`;
    }
    if (!node) return;
    const hadFocus = node.contains(document.activeElement);
    node.remove();
    byId("live").textContent = "A contribution was removed by the moderators or its author.";
    if (hadFocus) {
      this.status.setAttribute("tabindex", "-1");
      this.status.focus();
    }
  }

  /** Keeps live new contributions aside until the reader asks for them, so the list never jumps; one
   * already on the page that was held for review, or released from it, is redrawn in place. */
  noteNew(item) {
    const shown = document.getElementById(`item-${item.id}`);
    if (shown) {
      if (shown.classList.contains("is-held") !== Boolean(item.held)) {
        shown.replaceWith(this.render({ ...item, myVote: Number(shown.dataset.myVote ?? 0), mine: shown.dataset.mine === "true" }));
        byId("live").textContent = item.held ? "A contribution was reported and is waiting for a moderator." : "A contribution is back after review.";
      }
      return;
    }
    if (["hidden", "withdrawn", "merged", "redacted_hidden"].includes(item.state)) return;
    this.pending.set(item.id, item);
    const button = byId("show-new");
    button.textContent = `Show ${plural(this.pending.size, "new contribution")}`;
    button.hidden = false;
    byId("live").textContent = `${plural(this.pending.size, "new contribution")} waiting.`;
  }

  showPending() {
    for (const item of this.pending.values()) {
      const node = this.render({ myVote: 0, mine: false, ...item });
      node.classList.add("is-new");
      this.items.prepend(node);
    }
    this.pending.clear();
    const button = byId("show-new");
    button.hidden = true;
    this.items.firstElementChild?.querySelector("h3")?.setAttribute("tabindex", "-1");
    this.items.firstElementChild?.querySelector("h3")?.focus();
  }
}
