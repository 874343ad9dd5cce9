// The console's sections, in the order its navigation lists them, with the roles that may use each: the one place a
// section is added (issue 22's Mail and issue 23's stories and outcomes go here, with their roles). Each section's
// module is fetched the first time it is shown, so signing in loads the navigation, not every screen.

const RUNNING = ["admin", "facilitator"];

/** [id, navigation title, roles, module loader]; `global` sections need no campaign chosen. */
const REGISTRY = [
  ["campaigns", "Campaigns", ["admin", "facilitator", "analyst", "organiser"], () => import("./admin-campaigns.js").then((m) => m.campaignsSection), { global: true }],
  ["setup", "Set-up", RUNNING, () => import("./admin-setup.js").then((m) => m.setupSection)],
  ["phases", "Phases", RUNNING, () => import("./admin-phases.js").then((m) => m.phasesSection)],
  ["moderation", "Moderation", RUNNING, () => import("./admin-moderation.js").then((m) => m.moderationSection)],
  ["statements", "Official statements", RUNNING, () => import("./admin-statements.js").then((m) => m.statementsSection)],
  ["teams", "Coding teams", RUNNING, () => import("./admin-teams.js").then((m) => m.teamsSection)],
  ["codebook", "Codebook", ["admin", "facilitator", "analyst"], () => import("./admin-codebook.js").then((m) => m.codebookSection)],
  ["coding", "Coding", ["admin", "facilitator", "analyst"], () => import("./admin-coding.js").then((m) => m.codingSection)],
  ["reconcile", "Reconciliation", RUNNING, () => import("./admin-reconcile.js").then((m) => m.reconcileSection)],
  ["assist", "Assisted analysis", ["admin", "facilitator", "analyst"], () => import("./admin-assist.js").then((m) => m.assistSection)],
  ["shortlist", "Scoring and shortlist", RUNNING, () => import("./admin-shortlist.js").then((m) => m.shortlistSection)],
  ["guides", "Guide review", RUNNING, () => import("./admin-guides.js").then((m) => m.guidesSection)],
  ["drafts", "Drafts to challenge", RUNNING, () => import("./admin-drafts.js").then((m) => m.draftsSection)],
  ["stats", "Statistics", ["admin", "facilitator", "organiser"], () => import("./admin-stats.js").then((m) => m.statsSection)],
  ["mail", "Mail", RUNNING, () => import("./admin-mail.js").then((m) => m.mailSection)],
  ["export", "Export and audit log", ["admin", "facilitator", "organiser"], () => import("./admin-export.js").then((m) => m.exportSection)],
  ["staff", "Staff", ["admin"], () => import("./admin-staff.js").then((m) => m.staffSection), { global: true }],
];

/** The sections a role may use (null: all of them), as `{id, title, roles, global, module}`. */
export function sectionsFor(role) {
  return REGISTRY.filter(([, , roles]) => !role || roles.includes(role))
    .map(([id, title, roles, module, options = {}]) => ({ id, title, roles, module, global: options.global === true }));
}
