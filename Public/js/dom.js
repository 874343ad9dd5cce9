// Small DOM helpers: build elements whose user-supplied text always goes in as text nodes, never as HTML.

/**
 * Creates an element. `attrs` keys: `class`, `text` (textContent), `on<event>` (listener),
 * booleans set or drop the attribute, anything else becomes an attribute via setAttribute.
 * Children may be nodes or strings; strings become text nodes.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  append(node, ...children);
  return node;
}

/** Appends nodes or strings (as text) to `parent`, skipping null, undefined and false. */
export function append(parent, ...children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Removes every child of `node`, then appends `children`. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, ...children);
}

/** Shorthand for document.getElementById that throws when the page lacks the element. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node;
}

/**
 * Writes a message into a status region (role="status" or role="alert").
 * `kind` is "info" | "error" | "success"; the kind is also spelled out in words or marked (✓, ⚠), never by colour alone.
 */
export function say(region, message, kind = "info") {
  region.classList.remove("is-info", "is-error", "is-success");
  region.classList.add(`is-${kind}`);
  region.hidden = !message;
  // The kind is stated in words; a console status line (data-marked) shows it by a mark instead (app.css), so staff
  // read the server's sentence as it is.
  const prefix = region.hasAttribute("data-marked") ? "" : kind === "error" ? "Problem: " : kind === "success" ? "Done: " : "";
  region.textContent = message ? prefix + message : "";
}

/** Calls `fn` once `ms` milliseconds have passed without another call. */
export function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** "21 Nov 2026, 20:00" in the reader's locale; empty for null. */
export function formatTime(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleString(undefined, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** "21 Nov 2026"; empty for null. */
export function formatDay(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
}

/** "1 vote", "3 votes". */
export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/** Plain-language names of the four phases. */
export const PHASES = {
  understand: { name: "Understand", doing: "share what gets in the way and what already works" },
  answer: { name: "Answer", doing: "suggest ideas that answer the questions" },
  prioritise: { name: "Prioritise", doing: "vote and comment on the shortlisted ideas" },
  act: { name: "Act", doing: "see what the team will do with the ideas taken forward" },
};

/** The display name of a phase kind, tolerating unknown values. */
export function phaseName(kind) {
  return PHASES[kind]?.name ?? (kind ? String(kind) : "Closed");
}
