// Live updates from the campaign's event stream: vote totals, comment counts, new and removed contributions, phase changes.
import { byId, say } from "./dom.js";
import { seg } from "./api.js";

/** How long to wait before opening a stream the browser gave up on (a 503, a 429), in milliseconds. */
const RETRY_MS = 5000;

/**
 * Opens the EventSource and routes each event type to the page. The browser reconnects by itself after a dropped
 * connection; when it gives up (the server refused the stream) the page opens a new one. Either way the reader is
 * told, in a visible status line, that live updates have stopped, and again when they are back.
 */
export function listenLive(page) {
  if (!("EventSource" in window)) return null;
  const notice = byId("live-status");
  let dropped = false;
  let source = null;
  const connect = () => {
    source = new EventSource(`/api/campaigns/${seg(page.slug)}/events`);
    source.addEventListener("open", () => {
      document.documentElement.dataset.live = "connected";
      if (dropped) say(notice, "Live updates are back. New votes and comments show again as they happen.", "success");
      dropped = false;
    });
    source.addEventListener("error", () => {
      document.documentElement.dataset.live = "reconnecting";
      if (!dropped) say(notice, "Live updates have stopped, so new votes and comments may not show. We keep trying to reconnect; nothing you do here is lost.", "info");
      dropped = true;
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, RETRY_MS);
    });
    route(page, source);
  };
  connect();
  window.addEventListener("pagehide", () => source?.close());
  return { close: () => source?.close() };
}

/** Hands each kind of event on the stream to the part of the page it changes. */
function route(page, source) {
  const parse = (event) => {
    try {
      return JSON.parse(event.data);
    } catch {
      return null;
    }
  };
  source.addEventListener("totals", (event) => {
    const rows = parse(event);
    if (Array.isArray(rows)) page.list.applyTotals(rows);
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
}
