// Live updates from the campaign's event stream: vote counts, comment counts, new and removed contributions, phase changes.
import { byId, say } from "./dom.js";
import { seg } from "./api.js";

/** Opens the EventSource and routes each event type to the page; the browser reconnects by itself. */
export function listenLive(page) {
  if (!("EventSource" in window)) return null;
  const source = new EventSource(`/api/campaigns/${seg(page.slug)}/events`);
  source.addEventListener("open", () => {
    document.documentElement.dataset.live = "connected";
  });
  source.addEventListener("error", () => {
    document.documentElement.dataset.live = "reconnecting";
  });
  const parse = (event) => {
    try {
      return JSON.parse(event.data);
    } catch {
      return null;
    }
  };
  source.addEventListener("votes", (event) => {
    const data = parse(event);
    if (data) page.list.applyVotes(data);
  });
  source.addEventListener("comment", (event) => {
    const data = parse(event);
    if (data) page.list.applyComments(data);
  });
  source.addEventListener("contribution", (event) => {
    const data = parse(event);
    if (data) page.list.noteNew(data);
  });
  source.addEventListener("removed", (event) => {
    const data = parse(event);
    if (data) page.list.applyRemoved(data);
  });
  source.addEventListener("phase", async () => {
    try {
      await page.reload();
      page.onReload?.();
      say(byId("page-status"), "The campaign has moved on: the phase banner above shows what you can do now.", "info");
    } catch {
      // The next reload will catch up.
    }
  });
  window.addEventListener("pagehide", () => source.close());
  return source;
}
