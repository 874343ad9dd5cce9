// Thumbs-up / thumbs-down buttons that show the visitor's own vote (aria-pressed, a tick, not colour alone) and live counts.
import { api, describeError, ApiError } from "./api.js";
import { el, say } from "./dom.js";
import { askToJoin } from "./join.js";

const REFUSALS = {
  phase_closed: "Voting is closed in this phase.",
  not_shortlisted: "In this phase you can vote only on shortlisted ideas.",
  read_only: "This campaign is read-only now.",
};

/** The vote controls for one contribution. */
export function voteButtons(page, item) {
  const message = el("p", { class: "status small", role: "status", hidden: true });
  const up = el("button", { type: "button", class: "vote up", "aria-pressed": String(item.myVote === 1) },
    el("span", { class: "icon", "aria-hidden": "true", text: "👍" }), "Up ", el("span", { class: "up-count", text: item.up }));
  const down = el("button", { type: "button", class: "vote down", "aria-pressed": String(item.myVote === -1) },
    el("span", { class: "icon", "aria-hidden": "true", text: "👎" }), "Down ", el("span", { class: "down-count", text: item.down }));
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
}

/** Writes new up/down counts into an item (from a vote answer or a live event). */
export function updateCounts(root, { up, down }) {
  const upCount = root.querySelector(".up-count");
  const downCount = root.querySelector(".down-count");
  if (upCount && up !== undefined) upCount.textContent = String(up);
  if (downCount && down !== undefined) downCount.textContent = String(down);
}
