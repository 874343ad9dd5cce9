// Console section: the codebook — its themes in a table, a theme added by anyone who codes, and for facilitators each
// theme edited or archived, a CSV or JSON codebook imported, and the framework published for the Answer phase.
import { api, seg, ApiError } from "./api.js";
import { el, replace } from "./dom.js";
import { field, input, select, table } from "./admin-kit.js";

const KINDS = [["barrier", "Barrier"], ["building_block", "Building block"], ["theme", "Theme"]];

export const codebookSection = {
  id: "codebook",
  title: "Codebook",
  intro: "The themes contributions are coded into. Anyone who codes may add a theme as it comes up; facilitators keep the codebook: they reword, nest and archive themes, import a codebook and publish the framework.",
  async load(section) {
    const codebook = await api("GET", `/admin/campaigns/${seg(section.slug)}/themes`);
    const themes = codebook.themes ?? [];
    const keeper = section.console.me?.role !== "analyst";
    replace(section.body, themeTable(section, themes, keeper), addForm(section, themes),
      keeper ? importForm(section) : null, keeper ? publishForm(section) : null);
  },
};

function kindName(kind) {
  return KINDS.find(([value]) => value === kind)?.[1] ?? kind;
}

function themeTable(section, themes, keeper) {
  if (!themes.length) return el("p", { class: "muted", id: "codebook-empty", text: "The codebook has no themes yet: add them below or import a codebook." });
  const names = new Map(themes.map((theme) => [theme.id, theme.name]));
  const rows = themes.map((theme) => [
    theme.name, kindName(theme.kind), theme.parentId ? names.get(theme.parentId) ?? "" : "", theme.description,
    theme.archived ? "Archived" : theme.published ? "Published" : "In use, not published",
    keeper ? el("button", { type: "button", class: "secondary", text: "Edit", "aria-label": `Edit theme ${theme.name}`, "aria-expanded": "false",
      "aria-controls": `theme-edit-${theme.id}`, onclick: (event) => openEditor(section, themes, theme, event.currentTarget) }) : null,
  ]);
  const headers = ["Theme", "Kind", "Part of", "Description", "State"].concat(keeper ? [""] : []);
  return el("div", {}, table("Themes of the codebook", headers, rows), el("div", { id: "theme-editor" }));
}

function parentOptions(themes, except = null) {
  return [["", "None (a top-level theme)"], ...themes.filter((t) => t.id !== except && !t.archived).map((t) => [String(t.id), t.name])];
}

function openEditor(section, themes, theme, button) {
  const target = section.body.querySelector("#theme-editor");
  for (const other of section.body.querySelectorAll("button[aria-expanded=true]")) other.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-expanded", "true");
  const name = input({ name: "name", value: theme.name, maxlength: 120, required: true });
  const kind = select(KINDS.some(([value]) => value === theme.kind) ? KINDS : [...KINDS, [theme.kind, theme.kind]], { name: "kind" });
  kind.value = theme.kind;
  const parent = select(parentOptions(themes, theme.id), { name: "parentId" });
  parent.value = theme.parentId ? String(theme.parentId) : "";
  const description = el("textarea", { name: "description", maxlength: 2000 });
  description.value = theme.description ?? "";
  const archived = el("input", { type: "checkbox", name: "archived", checked: Boolean(theme.archived) });
  const form = el("form", { class: "card", id: `theme-edit-${theme.id}` },
    el("h3", { text: `Edit theme: ${theme.name}` }),
    el("div", { class: "inline-fields" }, field("Name", name), field("Kind", kind), field("Part of", parent)),
    field("Description", description),
    el("label", { class: "choice" }, archived, "Archived: no longer offered for coding; codes already given keep it"),
    el("p", { class: "muted small", text: "Rewording a theme gives it a new version: codes already given keep the version they were given to." }),
    el("div", { class: "actions" }, el("button", { type: "submit", text: "Save theme" }),
      el("button", { type: "button", class: "secondary", text: "Cancel", onclick: () => { replace(target); button.setAttribute("aria-expanded", "false"); button.focus(); } })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { name: name.value.trim(), kind: kind.value, description: description.value.trim(), parentId: parent.value ? Number(parent.value) : null, archived: archived.checked };
    const saved = await section.run(() => api("PATCH", `/admin/themes/${seg(theme.id)}`, body));
    if (saved) {
      await section.load();
      section.say(`Theme “${saved.name}” saved.`, "success");
    }
  });
  replace(target, form);
  name.focus();
}

function addForm(section, themes) {
  const name = input({ name: "name", maxlength: 120 });
  const kind = select(KINDS, { name: "kind" });
  const parent = select(parentOptions(themes), { name: "parentId" });
  const description = input({ name: "description", maxlength: 2000 });
  const form = el("form", { id: "theme-add", class: "subsection" }, el("h3", { text: "Add a theme" }),
    el("div", { class: "inline-fields" }, field("Name", name), field("Kind", kind), field("Part of", parent)),
    field("Description", description, "What belongs in this theme, for the other coders"),
    el("button", { type: "submit", text: "Add theme" }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!name.value.trim()) return section.say("Please name the theme first.", "error");
    const body = { name: name.value.trim(), kind: kind.value, description: description.value.trim() };
    if (parent.value) body.parentId = Number(parent.value);
    const added = await section.run(() => api("POST", `/admin/campaigns/${seg(section.slug)}/themes`, body));
    if (added) {
      await section.load();
      section.say(`Theme “${added.name}” added.`, "success");
    }
  });
  return form;
}

/**
 * A codebook file prepared elsewhere: CSV with a `name` column (and `kind`, `description`, `parent`), or JSON — a list
 * of themes or `{"themes": [...]}` with the same fields. The server checks it as `groundswell import-codebook` does and
 * imports every theme or none; the lines it refuses are listed under the form.
 */
function importForm(section) {
  const file = el("input", { type: "file", name: "codebook", accept: ".csv,.json,text/csv,application/json" });
  const problems = el("ul", { id: "codebook-problems", class: "problems" });
  const form = el("form", { id: "codebook-import", class: "subsection" }, el("h3", { text: "Import a codebook" }),
    field("Codebook file (CSV or JSON)", file, "CSV columns: name, and optionally kind, description and parent (the name of another theme). JSON: a list of themes with the same fields. Every theme is imported or none is."),
    el("button", { type: "submit", text: "Import codebook" }), problems);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    replace(problems);
    const chosen = file.files?.[0];
    if (!chosen) return section.say("Please choose a codebook file first.", "error");
    const text = await chosen.text();
    const json = /\.json$/i.test(chosen.name) || chosen.type === "application/json";
    let request;
    if (json) {
      let parsed;
      try {
        parsed = JSON.parse(text);
      } catch {
        return section.say(`${chosen.name} is not valid JSON.`, "error");
      }
      request = () => api("POST", `/admin/campaigns/${seg(section.slug)}/codebook`, Array.isArray(parsed) ? { themes: parsed } : parsed);
    } else {
      request = () => fetchCSV(`/admin/campaigns/${seg(section.slug)}/codebook`, text);
    }
    try {
      const answer = await request();
      await section.load();
      section.say(`${answer.imported} ${answer.imported === 1 ? "theme" : "themes"} imported from ${chosen.name}.`, "success");
    } catch (error) {
      section.fail(error);
      const rows = error instanceof ApiError ? error.body?.error?.rows ?? [] : [];
      replace(problems, ...rows.map((row) => el("li", { text: `${json ? "Theme" : "Line"} ${row.line}: ${row.message}` })));
    }
  });
  return form;
}

/** Posts a CSV body and maps the answer as `api` does (the JSON envelope on failure). */
async function fetchCSV(path, text) {
  let response;
  try {
    response = await fetch(path, { method: "POST", credentials: "same-origin", headers: { "Content-Type": "text/csv; charset=utf-8", Accept: "application/json" }, body: text });
  } catch {
    throw new ApiError(0, "network", "We could not reach the server. Check your connection and try again.");
  }
  const body = await response.json().catch(() => null);
  if (response.ok) return body;
  const envelope = body?.error ?? {};
  throw new ApiError(response.status, envelope.code ?? "bad_request", envelope.message ?? "", { field: envelope.field ?? null, body });
}

function publishForm(section) {
  const button = el("button", { type: "button", class: "secondary", id: "publish-themes", text: "Publish themes", onclick: async () => {
    const answer = await section.run(() => api("POST", `/admin/campaigns/${seg(section.slug)}/publish-themes`));
    if (!answer) return;
    const left = answer.left ?? [];
    const why = { archived: "archived", no_finding: "no settled code carries it yet" };
    await section.load();
    section.say(`${answer.published.length} ${answer.published.length === 1 ? "theme" : "themes"} published.` +
      (left.length ? ` Left out: ${left.map((t) => `${t.name} (${why[t.reason] ?? t.reason})`).join("; ")}.` : "") +
      (answer.unsettled ? ` ${answer.unsettled} coded ${answer.unsettled === 1 ? "item is" : "items are"} not settled yet.` : ""), left.length ? "info" : "success");
  } });
  return el("div", { class: "subsection" }, el("h3", { text: "Publish the framework" }),
    el("p", { class: "muted", text: "Publishing shows contributors the themes that settled codes carry, so they can link their ideas to them in Answer." }),
    button);
}
