// Console section: coding teams — who codes in which team, and how many teams code each item.
import { api, seg } from "./api.js";
import { el, replace } from "./dom.js";
import { field, input, select, table } from "./admin-kit.js";

export const teamsSection = {
  id: "teams",
  title: "Coding teams",
  roles: ["admin", "facilitator"],
  intro: "Two teams coding every item blind is what makes the agreement figure mean something. Put each analyst in one team; each team codes an item once, whichever member does it.",
  async load(section) {
    const base = `/admin/campaigns/${seg(section.slug)}/coding`;
    const data = await api("GET", `${base}/teams`);
    const teams = data.teams ?? [];
    const perItem = select([["1", "One team codes each item"], ["2", "Two teams code each item (agreement is measured)"]], { name: "teamsPerItem" });
    perItem.value = String(data.teamsPerItem ?? 1);
    const settings = el("form", { class: "inline-fields", id: "team-settings" }, field("Teams per item", perItem),
      el("button", { type: "submit", text: "Save" }));
    settings.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (await section.run(() => api("PUT", `${base}/settings`, { teamsPerItem: Number(perItem.value) }))) {
        section.say(perItem.value === "2" ? "Each item is now coded by two teams." : "Each item is now coded by one team.", "success");
      }
    });

    const choices = [["", "No team"], ...teams.map((t) => [String(t.id), t.name])];
    const pickers = (data.coders ?? []).map((coder) => {
      const picker = select(choices, { name: `team-${coder.id}`, "data-staff": coder.id, "aria-label": `Team of ${coder.name}` });
      picker.value = coder.team == null ? "" : String(coder.team);
      return [coder, picker];
    });
    const membership = el("form", { id: "team-members" },
      pickers.length
        ? table("Who codes in which team", ["Name", "Role", "Team"], pickers.map(([coder, picker]) => [coder.name, coder.role, picker]))
        : el("p", { class: "muted", text: "No analyst can code this campaign yet. Add analysts in the Staff section and give them this campaign." }),
      teams.length && pickers.length ? el("div", { class: "actions" }, el("button", { type: "submit", text: "Save teams" })) : null);
    membership.addEventListener("submit", async (event) => {
      event.preventDefault();
      // One request per team (teams are few): each names its members by staff id.
      for (const team of teams) {
        const members = pickers.filter(([, picker]) => picker.value === String(team.id)).map(([coder]) => coder.id);
        if (!(await section.run(() => api("PUT", `${base}/teams`, { name: team.name, members })))) return;
      }
      const loose = pickers.filter(([, picker]) => picker.value === "").map(([coder]) => coder.name);
      section.say(`Teams saved.${loose.length ? ` Not in a team: ${loose.join(", ")}.` : ""}`, "success");
      await section.load();
    });

    const name = input({ name: "team", maxlength: 64 });
    const add = el("form", { class: "inline-fields", id: "team-add" }, field("New team", name), el("button", { type: "submit", text: "Add team" }));
    add.addEventListener("submit", async (event) => {
      event.preventDefault();
      const chosen = name.value.trim();
      if (!chosen) return section.say("Give the team a name.", "error");
      if (await section.run(() => api("PUT", `${base}/teams`, { name: chosen, members: [] }))) {
        section.say(`Team ${chosen} added. Choose its members below.`, "success");
        await section.load();
      }
    });
    const summary = teams.length
      ? el("p", { text: teams.map((t) => `${t.name}: ${t.members.length} ${t.members.length === 1 ? "member" : "members"}`).join(" · ") })
      : el("p", { class: "muted", text: "No teams yet: add two, then put the analysts in them." });
    replace(section.body, settings, el("h3", { text: "Teams" }), summary, add, membership);
  },
};
