// Console section: staff accounts — list them with their ids, add one (password and token shown once), change role and
// campaigns, revoke their tokens, disable.
import { api, seg } from "./api.js";
import { el, replace } from "./dom.js";
import { field, input, select, table, confirmStep } from "./admin-kit.js";

const ROLES = [["analyst", "Analyst"], ["facilitator", "Facilitator"], ["organiser", "Organiser"], ["admin", "Admin"]];

export const staffSection = {
  id: "staff",
  title: "Staff",
  roles: ["admin"],
  needsCampaign: false,
  intro: "Everyone who signs in to the console. Analysts code, facilitators run campaigns, organisers take exports, admins manage staff. A campaign list limits an account to those campaigns; leave it empty for all.",
  async load(section) {
    const { items } = await api("GET", "/admin/staff");
    const me = section.console.me?.name;
    const rows = items.map((account) => {
      const role = select(ROLES, { name: "role", "aria-label": `Role of ${account.name}` });
      role.value = account.role;
      const campaigns = input({ name: "campaigns", value: (account.campaigns ?? []).join(", "), "aria-label": `Campaigns of ${account.name}`, placeholder: "all campaigns" });
      const save = el("button", { type: "button", class: "secondary", text: "Save", "aria-label": `Save ${account.name}`, onclick: async () => {
        const slugs = campaigns.value.split(",").map((s) => s.trim()).filter(Boolean);
        const before = account.campaigns ?? [];
        const changed = slugs.length !== before.length || slugs.some((slug, i) => slug !== before[i]);
        // Limiting takes a list; widening to every campaign says so explicitly.
        const scope = slugs.length ? { campaigns: slugs } : { allCampaigns: true };
        const body = { role: role.value, ...(changed ? scope : {}) };
        if (await section.run(() => api("PATCH", `/admin/staff/${seg(account.name)}`, body))) section.say(`${account.name} saved.`, "success");
      } });
      const unchangeable = account.disabled || account.name === me;  // a disabled account, or your own
      const revoke = unchangeable ? null : el("button", { type: "button", class: "secondary", text: "Revoke tokens",
        "aria-label": `Revoke the tokens of ${account.name}`, onclick: async () => {
          const sure = await confirmStep({ title: `Sign ${account.name} out everywhere?`, confirm: "Revoke tokens", danger: true,
            message: `Every API token of ${account.name} stops working and every browser they signed in with is signed out. The account stays: they sign in again with their password.` });
          if (!sure) return;
          if (await section.run(() => api("PATCH", `/admin/staff/${seg(account.name)}`, { revokeTokens: true }))) {
            section.say(`${account.name} is signed out everywhere and their tokens are revoked.`, "success");
          }
        } });
      const disable = unchangeable ? null : el("button", { type: "button", class: "danger", text: "Disable",
        "aria-label": `Disable ${account.name}`, onclick: async () => {
          const sure = await confirmStep({ title: `Disable ${account.name}?`, confirm: "Disable", danger: true,
            message: `${account.name} can no longer sign in, and their tokens stop working.` });
          if (!sure) return;
          if (await section.run(() => api("PATCH", `/admin/staff/${seg(account.name)}`, { disabled: true }))) {
            section.say(`${account.name} is disabled.`, "success");
            await section.load();
          }
        } });
      return [String(account.id), account.name, account.disabled ? "disabled" : role, account.disabled ? "" : campaigns,
        el("div", { class: "actions" }, account.disabled ? null : save, revoke, disable)];
    });
    const name = input({ name: "name", maxlength: 64 });
    const role = select(ROLES, { name: "role" });
    const campaigns = input({ name: "campaigns", placeholder: "all campaigns" });
    const shown = el("div", { id: "staff-created", "aria-live": "polite" });
    const add = el("form", { class: "inline-fields", id: "staff-add" }, field("Name", name), field("Role", role),
      field("Campaigns (comma-separated slugs)", campaigns), el("button", { type: "submit", text: "Add account" }));
    add.addEventListener("submit", async (event) => {
      event.preventDefault();
      const slugs = campaigns.value.split(",").map((s) => s.trim()).filter(Boolean);
      const created = await section.run(() => api("POST", "/admin/staff", { name: name.value.trim(), role: role.value, campaigns: slugs }));
      if (!created) return;
      await section.load();
      replace(section.body.querySelector("#staff-created"), el("p", { class: "notice" },
        `Account ${created.name} (id ${created.id}) created. Give them this password, shown only now: `, el("code", { text: created.password }),
        ". Their API token: ", el("code", { text: created.token })));
    });
    replace(section.body, add, shown, table("Staff accounts", ["Id", "Name", "Role", "Campaigns", ""], rows));
  },
};
