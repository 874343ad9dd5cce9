// The codes an analyst has given on the coding screen but not yet sent, saved many at a time through
// POST …/coding/codes: one request per item was 15,048 requests for a campaign the size of the Change Challenge.
import { api, seg } from "./api.js";

/** Codes sent together once this many wait (the server takes up to 200 in one request). */
export const BATCH_SIZE = 10;
/** Most codes that may wait: past it the analyst is asked to save before going on. */
export const MAX_WAITING = 200;

export class CodeBatch {
  constructor(slug) {
    this.slug = slug;
    /** contribution id → `{contributionId, themes, notRelevant, memo}`; a later code of an item replaces its earlier one. */
    this.waiting = new Map();
    this.sending = null;
  }

  get size() {
    return this.waiting.size;
  }

  add(entry) {
    this.waiting.set(entry.contributionId, entry);
  }

  get path() {
    return `/admin/campaigns/${seg(this.slug)}/coding/codes`;
  }

  /**
   * Sends every waiting code in one request and resolves the server's `{done, saved, skipped}`. A refused item comes
   * back in `skipped` and is not retried; when the request itself fails the codes stay waiting and it throws.
   */
  async flush() {
    if (this.sending) await this.sending.catch(() => null);
    if (!this.waiting.size) return { done: 0, saved: [], skipped: [] };
    const items = [...this.waiting.values()];
    this.sending = api("POST", this.path, { items });
    try {
      const answer = await this.sending;
      for (const item of items) if (this.waiting.get(item.contributionId) === item) this.waiting.delete(item.contributionId);
      return answer;
    } finally {
      this.sending = null;
    }
  }

  /** The page is going away: what waits leaves in a keepalive request, which the browser completes on its own. */
  sendOnLeaving() {
    if (!this.waiting.size) return;
    const items = [...this.waiting.values()];
    this.waiting.clear();
    fetch(this.path, {
      method: "POST", keepalive: true, credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify({ items }),
    }).catch(() => null);
  }
}
