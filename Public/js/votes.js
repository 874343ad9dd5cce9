// Thumbs-up / thumbs-down buttons that show the visitor's own vote (aria-pressed, a tick, not colour alone) and live counts.
import { api, describeError, ApiError } from "./api.js";
import { el, say } from "./dom.js";
import { askToJoin } from "./join.js";

const REFUSALS = {
  phase_closed: "Voting is closed in this phase.",
  not_shortlisted: "In this phase you can vote only on shortlisted ideas.",
  read_only: "This campaign is read-only now.",
};

const THUMB = "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";

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

/** The vote controls for one contribution. */
export function voteButtons(page, item) {
  const message = el("p", { class: "status small", role: "status", hidden: true });
  const up = el("button", { type: "button", class: "vote up", "aria-pressed": String(item.myVote === 1) },
    thumb(false), "Up ", el("span", { class: "up-count", text: item.up }));
  const down = el("button", { type: "button", class: "vote down", "aria-pressed": String(item.myVote === -1) },
    thumb(true), "Down ", el("span", { class: "down-count", text: item.down }));
  const box = el("div", { class: "votes", role: "group", "aria-label": "Your vote" }, up, down, message);

  const cast = async (value) => {
    if (!page.joined) {
      askToJoin("Join the campaign to vote. It takes a few seconds and stays anonymous.");
      return;
    }
    const allowed = page.permission("vote");
    if (allowed !== true && allowed !== "unauthorized") {
      say(message, REFUSALS[allowed] ?? "You cannot vote right now.", "info");
      return;
    }
    const pressed = value === 1 ? up : down;
    const next = pressed.getAttribute("aria-pressed") === "true" ? 0 : value;
    up.disabled = down.disabled = true;
    try {
      const result = await api("PUT", `/api/contributions/${encodeURIComponent(item.id)}/vote`, { value: next });
      updateCounts(box.closest(".item") ?? box, result);
      setPressed(box, result.myVote ?? next);
      say(message, "");
    } catch (error) {
      say(message, describeError(error), "error");
      if (error instanceof ApiError && error.code === "unauthorized") askToJoin("Please join again to vote.");
    } finally {
      up.disabled = down.disabled = false;
    }
  };
  up.addEventListener("click", () => cast(1));
  down.addEventListener("click", () => cast(-1));
  return box;
}

function setPressed(root, myVote) {
  root.querySelector(".vote.up")?.setAttribute("aria-pressed", String(myVote === 1));
  root.querySelector(".vote.down")?.setAttribute("aria-pressed", String(myVote === -1));
  root.closest("li.item")?.setAttribute("data-my-vote", String(myVote));
}

/** Writes new up/down counts into an item (from a vote answer or a live event). */
export function updateCounts(root, { up, down }) {
  const upCount = root.querySelector(".up-count");
  const downCount = root.querySelector(".down-count");
  if (upCount && up !== undefined) upCount.textContent = String(up);
  if (downCount && down !== undefined) downCount.textContent = String(down);
}
