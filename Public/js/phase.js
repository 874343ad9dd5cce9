// What each phase is for, in plain words, and whether the crowd may vote or comment on one idea now — the same
// decision as the server's PhaseRules, so the page offers no button the server would refuse.

/** What each phase is for, in a line a porter or a nurse reads at a glance (the names stay the method's own). */
export const EXPLAIN = {
  understand: "Tell us what gets in the way and what already works. Vote and comment on what others say.",
  answer: "Suggest ways to fix the problems people described. Vote and comment on other people's ideas.",
  prioritise: "The team has made a shortlist of ideas. Vote and comment on them to help choose which to take forward.",
  act: "Voting and commenting have closed. The team is putting the chosen ideas into practice: you can read everything and follow what happens.",
};

/**
 * `true` when the visitor may `action` ("vote" or "comment") on `item` in `campaign` as it stands, or the refusal
 * code the server would answer (`PhaseRules.check`): not live, no open phase, Act read-only, Prioritise only on the
 * shortlist, otherwise only on the open phase's own contributions.
 */
export function mayAct(campaign, item, action) {
  if (!campaign) return true;
  if (campaign.state && campaign.state !== "live") return "campaign_not_live";
  if (item?.held) return "under_review";
  const open = campaign.openPhase;
  if (!open) return "phase_closed";
  if (open === "act") return "read_only";
  if (open === "prioritise") return action === "vote" || action === "comment" ? (item?.shortlisted ? true : "not_shortlisted") : true;
  if (!item?.phase || item.phase === open) return true;
  const state = campaign.phases?.find((phase) => phase.kind === item.phase)?.state;
  return state === "closed" ? "read_only" : "phase_closed";
}
