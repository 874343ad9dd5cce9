// An action tried before joining (a vote, a comment, a report), kept for this tab only until the join
// (`pending-run.js` carries it out then, loaded only when something is waiting).

export const pendingKey = (slug) => `gs-pending-${slug}`;

/**
 * Remembers `action` for campaign `slug` until the visitor has joined: `{kind: "vote", id, value, title}`,
 * `{kind: "comment", id, parentId, body, title}` or `{kind: "report", id, commentId, reason, title}` (the reason as sent, "Something else" words included),
 * with `returnTo` the idea page's path when it was tried there. sessionStorage ends with the tab, so on a
 * shared computer nothing outlives the visit; a newer action replaces an older one.
 */
export function rememberPending(slug, action) {
  try {
    sessionStorage.setItem(pendingKey(slug), JSON.stringify(action));
  } catch {
    // Storage disabled: the join still works, the action just has to be done again.
  }
}

/** The action waiting for campaign `slug`, if any, without removing it. */
export function peekPending(slug) {
  try {
    return JSON.parse(sessionStorage.getItem(pendingKey(slug)) ?? "null");
  } catch {
    return null;
  }
}

/** What the waiting action is, in a sentence to show beside the join form. */
export function pendingPrompt(action) {
  const what = { vote: "your vote", comment: "your comment", report: "your report" }[action?.kind] ?? "what you started";
  return `Join to finish: ${what} on “${action?.title ?? "the idea"}” will be sent as soon as you have joined.`;
}
