// The console's sections, in the order its navigation lists them, with the roles that may use each: the one place a
// section is added (issue 22's Mail and issue 23's stories and outcomes go here, with their roles).
import { campaignsSection } from "./admin-campaigns.js";
import { setupSection } from "./admin-setup.js";
import { phasesSection } from "./admin-phases.js";
import { moderationSection } from "./admin-moderation.js";
import { teamsSection } from "./admin-teams.js";
import { codingSection } from "./admin-coding.js";
import { reconcileSection } from "./admin-reconcile.js";
import { assistSection } from "./admin-assist.js";
import { shortlistSection } from "./admin-shortlist.js";
import { guidesSection } from "./admin-guides.js";
import { statsSection } from "./admin-stats.js";
import { exportSection } from "./admin-export.js";
import { staffSection } from "./admin-staff.js";

const RUNNING = ["admin", "facilitator"];

/**
 * [section, roles]: a section is shown only to the roles the server lets use it, so nobody opens a tab that can
 * only answer 403. A spec's own `roles` wins over the entry's (a section may know best who it is for).
 */
const REGISTRY = [
  [campaignsSection, ["admin", "facilitator", "analyst", "organiser"]],
  [setupSection, RUNNING],
  [phasesSection, RUNNING],
  [moderationSection, RUNNING],
  [teamsSection, RUNNING],
  [codingSection, ["admin", "facilitator", "analyst"]],
  [reconcileSection, RUNNING],
  [assistSection, ["admin", "facilitator", "analyst"]],
  [shortlistSection, RUNNING],
  [guidesSection, RUNNING],
  [statsSection, ["admin", "facilitator", "organiser"]],
  [exportSection, ["admin", "facilitator", "organiser"]],
  [staffSection, ["admin"]],
];

/** Every section, for a role (null: all of them). */
export function sectionsFor(role) {
  return REGISTRY.filter(([spec, roles]) => !role || (spec.roles ?? roles).includes(role)).map(([spec]) => spec);
}
