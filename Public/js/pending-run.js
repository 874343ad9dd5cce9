// Carries out the action a visitor tried before joining, right after the join; loaded only when one is waiting.
import { api, describeError } from "./api.js";
import { pendingKey, peekPending } from "./pending.js";

/**
 * Carries out and forgets the waiting action for `slug`; returns `{ok, message, action}` for the page to
 * show, or null when nothing was waiting. A refusal (the phase closed meanwhile) is reported, not retried.
 */
export async function carryOutPending(slug) {
  const action = peekPending(slug);
  if (!action) return null;
  try {
    sessionStorage.removeItem(pendingKey(slug));
  } catch {
    // Nothing to forget.
  }
  const id = encodeURIComponent(action.id);
  const title = action.title ?? "the idea";
  try {
    switch (action.kind) {
      case "vote":
        await api("PUT", `/api/contributions/${id}/vote`, { value: action.value === -1 ? -1 : 1 });
        return { ok: true, action, message: `Your vote on “${title}” has been counted.` };
      case "comment":
        await api("POST", `/api/contributions/${id}/comments`, action.parentId ? { body: action.body, parentId: action.parentId } : { body: action.body });
        return { ok: true, action, message: `Your comment on “${title}” has been posted.` };
      case "report": {
        const path = action.commentId ? `/api/comments/${encodeURIComponent(action.commentId)}/flags` : `/api/contributions/${id}/flags`;
        await api("POST", path, { reason: action.reason });
        return { ok: true, action, message: `Your report on “${title}” has been sent. The campaign team will look at it.` };
      }
      default:
        return null;
    }
  } catch (error) {
    return { ok: false, action, message: `You have joined, but we could not finish what you started on “${title}”. ${describeError(error)}` };
  }
}
