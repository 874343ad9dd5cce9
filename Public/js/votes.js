// Thumbs-up / thumbs-down buttons that show the visitor's own vote (aria-pressed, a tick, not colour alone) and live
// counts; each button names its idea for screen readers, and a vote shows at once and is undone if the server refuses.
import { api, describeError, ApiError } from "./api.js";
import { el, say } from "./dom.js";
import { askToJoin } from "./join.js";
import { mayAct } from "./phase.js";

const REFUSALS = {
  phase_closed: "Voting is closed at the moment.",
  not_shortlisted: "Now only the shortlisted ideas can be voted on.",
  read_only: "Voting has closed. You can still read everything.",
  campaign_not_live: "This campaign has ended. You can still read everything.",
};

const THUMB = "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";

/** The name a contribution goes by on the page: its title, or its first words. */
export function titleOf(item) {
  if (item.title) return item.title;
  const words = String(item.body ?? "").trim().split(/\s+/);
  return words.length > 8 ? `${words.slice(0, 8).join(" ")}…` : words.join(" ") || "Untitled contribution";
}

/** A small thumb icon drawn as SVG (no emoji font needed on old PCs); decorative, the button text says what it does. */
function thumb(down) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "icon");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", THUMB);
  if (down) path.setAttribute("transform", "rotate(180 12 12)");
  svg.append(path);
  return svg;
}

/** "Vote up: Evening GP appointments, 25 so far": what a screen reader says for one button, among forty. */
function labelButton(button) {
  const count = button.querySelector(".up-count, .down-count")?.textContent ?? "0";
  const way = button.classList.contains("up") ? "Vote up" : "Vote down";
  button.setAttribute("aria-label", `${way}: ${button.dataset.title}, ${count} so far`);
}

/** The counts alone, for an idea this phase does not take votes on: nothing to press that would then refuse. */
function readOnlyCounts(item) {
  return el("p", { class: "votes read-only small muted" },
    el("span", { class: "up-count", text: item.up }), " up, ",
    el("span", { class: "down-count", text: item.down }), " down");
}

/** The vote controls for one contribution. */
export function voteButtons(page, item) {
  const allowed = mayAct(page.campaign, item, "vote");
  if (allowed !== true) return readOnlyCounts(item);
  const title = titleOf(item);
  const message = el("p", { class: "status small", role: "status", hidden: true });
  const up = el("button", { type: "button", class: "vote up", "aria-pressed": String(item.myVote === 1), "data-title": title },
    thumb(false), el("span", { "aria-hidden": "true", text: "Up " }), el("span", { class: "up-count", text: item.up }));
  const down = el("button", { type: "button", class: "vote down", "aria-pressed": String(item.myVote === -1), "data-title": title },
    thumb(true), el("span", { "aria-hidden": "true", text: "Down " }), el("span", { class: "down-count", text: item.down }));
  labelButton(up);
  labelButton(down);
  const box = el("div", { class: "votes", role: "group", "aria-label": `Your vote on ${title}` }, up, down, message);

  const cast = async (value) => {
    if (!page.joined) {
      askToJoin("Join the campaign to vote. It takes a few seconds and stays anonymous. Your vote will be counted as soon as you have joined.",
        { slug: page.slug, action: { kind: "vote", id: item.id, value, title, returnTo: page.ideaPath ?? null } });
      return;
    }
    const pressed = value === 1 ? up : down;
    const before = { myVote: myVoteOf(box), up: count(box, "up"), down: count(box, "down") };
    const next = pressed.getAttribute("aria-pressed") === "true" ? 0 : value;
    // Shown at once, as if it had worked; the server's counts replace it, or it is undone with the reason.
    const guess = { up: before.up + (next === 1) - (before.myVote === 1), down: before.down + (next === -1) - (before.myVote === -1) };
    updateCounts(box.closest(".item") ?? box, guess);
    setPressed(box, next);
    box.setAttribute("aria-busy", "true");
    say(message, "");
    try {
      const result = await api("PUT", `/api/contributions/${encodeURIComponent(item.id)}/vote`, { value: next });
      updateCounts(box.closest(".item") ?? box, result);
      setPressed(box, result.myVote ?? next);
    } catch (error) {
      updateCounts(box.closest(".item") ?? box, before);
      setPressed(box, before.myVote);
      const why = error instanceof ApiError && REFUSALS[error.code] && !error.message ? REFUSALS[error.code] : describeError(error);
      say(message, `Your vote was not counted. ${why}`, "error");
      if (error instanceof ApiError && error.code === "unauthorized") askToJoin("Please join again to vote.");
    } finally {
      box.removeAttribute("aria-busy");
    }
  };
  up.addEventListener("click", () => cast(1));
  down.addEventListener("click", () => cast(-1));
  return box;
}

function myVoteOf(root) {
  if (root.querySelector(".vote.up")?.getAttribute("aria-pressed") === "true") return 1;
  if (root.querySelector(".vote.down")?.getAttribute("aria-pressed") === "true") return -1;
  return 0;
}

function count(root, which) {
  return Number(root.querySelector(`.${which}-count`)?.textContent ?? 0) || 0;
}

function setPressed(root, myVote) {
  root.querySelector(".vote.up")?.setAttribute("aria-pressed", String(myVote === 1));
  root.querySelector(".vote.down")?.setAttribute("aria-pressed", String(myVote === -1));
  root.closest("li.item")?.setAttribute("data-my-vote", String(myVote));
}

/** Writes new up/down counts into an item (from a vote answer or a live event), and into its buttons' names. */
export function updateCounts(root, { up, down }) {
  const upCount = root.querySelector(".up-count");
  const downCount = root.querySelector(".down-count");
  if (upCount && up !== undefined) upCount.textContent = String(up);
  if (downCount && down !== undefined) downCount.textContent = String(down);
  for (const button of root.querySelectorAll("button.vote[data-title]")) labelButton(button);
}
