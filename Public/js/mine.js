// "Your contributions": the visitor's own items from /api/me, with edit (until voted on or commented) and withdraw.
import { api, describeError, seg, query } from "./api.js";
import { el, byId, replace, say, formatTime } from "./dom.js";
import { showReported } from "./report.js";

const STATE_TEXT = { withdrawn: "Withdrawn", hidden: "Hidden by the moderators", merged: "Merged into a similar idea" };

/** Wires the "yours" section; returns `{ refresh }`. */
export function setUpMine(page) {
  const section = byId("mine");
  const list = byId("mine-items");
  const status = byId("mine-status");

  const editForm = (item, node) => {
    const titleId = `edit-title-${item.id}`;
    const bodyId = `edit-body-${item.id}`;
    const title = el("input", { type: "text", id: titleId, maxlength: 140 });
    title.value = item.title ?? "";
    const body = el("textarea", { id: bodyId, maxlength: 5000 });
    body.value = item.body;
    const formStatus = el("p", { class: "status", role: "status", hidden: true });
    const form = el("form", { class: "card" },
      el("div", { class: "field" }, el("label", { for: titleId, text: "Title (optional)" }), title),
      el("div", { class: "field" }, el("label", { for: bodyId, text: "Your contribution" }), body),
      formStatus,
      el("div", { class: "actions" },
        el("button", { type: "submit", text: "Save changes" }),
        el("button", { type: "button", class: "secondary", text: "Cancel", onclick: () => refresh() })),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await api("PATCH", `/api/contributions/${encodeURIComponent(item.id)}`, { title: title.value.trim() || null, body: body.value.trim() });
        say(status, "Your changes are saved.", "success");
        await refresh();
        page.list.load();
      } catch (error) {
        say(formStatus, describeError(error), "error");
      }
    });
    node.replaceChildren(form);
    body.focus();
  };

  /** A link to the editor when the facilitators started a guide for this idea (the author drafts it). */
  const guideLink = (guide) => {
    if (!guide) return null;
    const href = `/guide-editor.html${query({ c: page.slug, guide: guide.id })}`;
    const text = guide.final ? "Read its guide (marked final)" : guide.revision ? "Keep writing its guide" : "Write its guide: the facilitators chose this idea";
    return el("p", { class: "guide-invite" }, el("a", { class: "button secondary", href, text }));
  };

  /**
   * Whether Edit would be accepted (`ContributionLifecycle.edit`): the campaign live, the contribution's own phase
   * open and taking contributions (not Prioritise or Act), and nobody has voted or commented on it yet.
   */
  const editable = (item) => {
    const campaign = page.campaign;
    const open = campaign.openPhase;
    if (campaign.state !== "live" || !["understand", "answer"].includes(open) || item.phase !== open) return false;
    if (!["visible", "pending"].includes(item.state)) return false;
    return item.up + item.down + (item.comments ?? 0) === 0;
  };

  /** The guide invitation at the top of the page: the author of a chosen idea is asked to write its guide. */
  const invite = (contributions, guides) => {
    const open = contributions.map((item) => [item, guides.get(item.id)]).find(([, guide]) => guide && !guide.final);
    const card = byId("invitation");
    card.hidden = !open;
    if (!open) return;
    const [item, guide] = open;
    byId("invitation-text").textContent = guide.revision
      ? `You have started the guide for your idea “${item.title || "Untitled contribution"}”. Carry on when you are ready: nobody sees who wrote it.`
      : `The team chose your idea “${item.title || "Untitled contribution"}” and would like you to write a short guide to it: what to do, who with and how. Nobody sees who wrote it.`;
    const link = byId("invitation-link");
    link.href = `/guide-editor.html${query({ c: page.slug, guide: guide.id })}`;
    link.textContent = guide.revision ? "Carry on with the guide" : "Write its guide";
  };

  /** What the list lets its owner do now, in words: editing ends with Answer, withdrawing with the campaign. */
  const intro = () => {
    const { state, openPhase } = page.campaign;
    byId("mine-intro").textContent = state !== "live"
      ? "Only you can see this list. The campaign has ended: contributions can no longer be edited or withdrawn."
      : ["understand", "answer"].includes(openPhase)
        ? "Only you can see this list. You can edit a contribution until someone votes or comments on it, and withdraw it at any time."
        : "Only you can see this list. Editing has closed; you can still withdraw a contribution.";
  };

  const render = (item, guide = null) => {
    const node = el("li", { class: "item", "data-mine-id": item.id });
    const withdrawn = item.state === "withdrawn";
    const actions = el("div", { class: "actions" });
    if (!withdrawn && page.campaign.state === "live") {
      if (editable(item)) actions.append(el("button", { type: "button", class: "secondary", text: "Edit", onclick: () => editForm(item, node) }));
      const withdraw = el("button", { type: "button", class: "danger", text: "Withdraw" });
      withdraw.addEventListener("click", async () => {
        if (withdraw.dataset.confirm !== "yes") {
          withdraw.dataset.confirm = "yes";
          withdraw.textContent = "Yes, withdraw it";
          say(status, "Press “Yes, withdraw it” to confirm. Withdrawing deletes its text for good: nobody, not even you, can read it again.", "info");
          return;
        }
        try {
          await api("DELETE", `/api/contributions/${encodeURIComponent(item.id)}`);
          say(status, "Your contribution has been withdrawn.", "success");
          document.getElementById(`item-${item.id}`)?.remove();
          await refresh();
        } catch (error) {
          say(status, describeError(error), "error");
        }
      });
      actions.append(withdraw);
    }
    replace(node,
      item.state === "visible"
        ? el("h3", {}, el("a", { href: `/c/${encodeURIComponent(page.slug)}/ideas/${encodeURIComponent(item.id)}`, text: item.title || "Untitled contribution" }))
        : el("h3", { text: withdrawn ? "Withdrawn contribution" : item.title || "Untitled contribution" }),
      el("p", { class: "meta" },
        el("span", { text: `Posted ${formatTime(item.createdAt)}` }),
        STATE_TEXT[item.state] ? el("span", { class: "pill quiet", text: STATE_TEXT[item.state] }) : null,
        el("span", { text: `${item.up} up, ${item.down} down, ${item.comments} comments` })),
      el("p", { class: "body", text: withdrawn ? "You withdrew this contribution; its text has been deleted." : item.body }),
      guideLink(guide),
      actions,
    );
    return node;
  };

  const refresh = async () => {
    section.hidden = !page.joined;
    byId("nav-mine").hidden = !page.joined;
    if (!page.joined) {
      byId("invitation").hidden = true;
      return;
    }
    intro();
    try {
      const me = await api("GET", `/api/me${query({ campaign: page.slug })}`);
      page.reported = me.reported ?? null;
      showReported(page.reported);
      const guides = new Map((me.guides ?? []).map((guide) => [guide.contributionId, guide]));
      replace(list, ...me.contributions.map((item) => render(item, guides.get(item.id))));
      invite(me.contributions, guides);
      if (!me.contributions.length) say(status, "You have not contributed yet.");
      else if (status.classList.contains("is-info") && status.textContent.startsWith("You have not")) say(status, "");
    } catch (error) {
      say(status, describeError(error), "error");
    }
  };

  return { refresh };
}
