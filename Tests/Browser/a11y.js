// Groundswell's own in-page accessibility checker, injected by the browser tests (no CDN, no npm). Run with
// `execute_script(source + "return a11y.audit();")`; returns a list of problems, each a short sentence naming the element.
// Focus indicators are checked with real Tab presses from Python using `a11y.snapshotFocusables()` and `a11y.focusProblem()`.
const a11y = (() => {
  const describe = (node) => {
    let text = node.tagName.toLowerCase();
    if (node.id) text += `#${node.id}`;
    else if (node.className && typeof node.className === "string") text += `.${node.className.trim().split(/\s+/).join(".")}`;
    const words = (node.textContent || node.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return words ? `${text} “${words}”` : text;
  };

  const textOf = (ids) => ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" ").trim();

  /** The accessible name, following the parts of the accname algorithm our pages use. */
  const accessibleName = (node) => {
    const labelledby = node.getAttribute("aria-labelledby");
    if (labelledby && textOf(labelledby)) return textOf(labelledby);
    const label = node.getAttribute("aria-label");
    if (label && label.trim()) return label.trim();
    if (node.labels && node.labels.length) {
      const text = [...node.labels].map((l) => l.textContent).join(" ").trim();
      if (text) return text;
    }
    if (["a", "button", "summary", "option", "h1", "h2", "h3"].includes(node.tagName.toLowerCase())) {
      const text = (node.textContent || "").trim();
      if (text) return text;
      const img = node.querySelector("img[alt]:not([alt='']), svg[aria-label], svg title");
      if (img) return img.getAttribute("alt") || img.getAttribute("aria-label") || img.textContent;
    }
    if (node.tagName === "INPUT" && ["submit", "button", "reset"].includes(node.type) && node.value) return node.value;
    return (node.getAttribute("title") || "").trim();
  };

  const rendered = (node) => {
    if (!node.getClientRects().length) return false;
    const style = getComputedStyle(node);
    return style.visibility !== "hidden" && style.display !== "none";
  };

  /** Clipped to nothing (the visually-hidden pattern): read by screen readers, not seen, so not contrast-checked. */
  const clippedAway = (node) => {
    for (let n = node; n && n !== document.body; n = n.parentElement) {
      const style = getComputedStyle(n);
      if (style.clip === "rect(0px, 0px, 0px, 0px)" || (n.offsetWidth <= 1 && n.offsetHeight <= 1 && style.overflow === "hidden")) return true;
    }
    return false;
  };

  const parse = (color) => {
    const m = color.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const blend = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };

  /** The colour behind `node`: its own and its ancestors' background colours, blended down to white. */
  const background = (node) => {
    const layers = [];
    for (let n = node; n; n = n.parentElement) {
      const color = parse(getComputedStyle(n).backgroundColor);
      if (color[3] > 0) layers.push(color);
      if (color[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => blend(layer, below), [255, 255, 255, 1]);
  };

  const luminance = ([r, g, b]) => {
    const channel = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };

  /** WCAG 2.x contrast ratio of two opaque colours. */
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };

  const hasOwnText = (node) => [...node.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.textContent.trim());
  const isFormText = (node) => ["INPUT", "TEXTAREA", "SELECT"].includes(node.tagName) && node.type !== "checkbox" && node.type !== "radio";

  const contrastProblems = () => {
    const problems = [];
    for (const node of document.body.querySelectorAll("*")) {
      if (["SCRIPT", "STYLE", "OPTION", "svg"].includes(node.tagName) || node.closest("svg")) continue;
      if (!hasOwnText(node) && !isFormText(node)) continue;
      if (!rendered(node) || clippedAway(node) || node.closest("[disabled], [aria-disabled='true']")) continue;
      const style = getComputedStyle(node);
      const back = background(node);
      const fore = blend(parse(style.color), back);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      const ratio = contrast(fore, back);
      if (ratio < needed) problems.push(`contrast ${ratio.toFixed(2)}:1 < ${needed}:1 for ${describe(node)} (${style.color} on rgb(${back.slice(0, 3).map(Math.round).join(", ")}))`);
    }
    return problems;
  };

  const audit = () => {
    const problems = [];
    for (const node of document.querySelectorAll("input, select, textarea")) {
      if (node.type === "hidden") continue;
      if (!accessibleName(node)) problems.push(`form control without a name: ${describe(node)}`);
    }
    for (const node of document.querySelectorAll("button, a[href], [role=button], summary")) {
      if (!accessibleName(node)) problems.push(`button or link without a name: ${describe(node)}`);
    }
    for (const node of document.querySelectorAll("img")) {
      if (!node.hasAttribute("alt")) problems.push(`image without alt: ${describe(node)}`);
    }
    for (const node of document.querySelectorAll("svg[role=img]")) {
      if (!node.getAttribute("aria-label") && !node.getAttribute("aria-labelledby") && !node.querySelector("title")) {
        problems.push(`svg image without a name: ${describe(node)}`);
      }
    }
    const h1 = document.querySelectorAll("h1");
    if (h1.length !== 1) problems.push(`expected one h1, found ${h1.length}`);
    const mains = document.querySelectorAll("main, [role=main]");
    if (mains.length !== 1) problems.push(`expected one main landmark, found ${mains.length}`);
    const seen = new Map();
    for (const node of document.querySelectorAll("[id]")) seen.set(node.id, (seen.get(node.id) ?? 0) + 1);
    for (const [id, count] of seen) if (count > 1) problems.push(`id "${id}" used ${count} times`);
    for (const node of document.querySelectorAll("[aria-labelledby], [aria-describedby], label[for]")) {
      for (const attr of ["aria-labelledby", "aria-describedby", "for"]) {
        for (const id of (node.getAttribute(attr) ?? "").split(/\s+/).filter(Boolean)) {
          if (!document.getElementById(id)) problems.push(`${attr} points at missing id "${id}": ${describe(node)}`);
        }
      }
    }
    return problems.concat(contrastProblems());
  };

  const FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";
  const look = (node) => {
    const s = getComputedStyle(node);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : "none";
    return [outline, s.boxShadow, s.backgroundColor, s.color, s.borderColor, s.textDecorationLine].join(" | ");
  };

  /**
   * Remembers how every focusable element looks unfocused, then moves the sequential focus starting point to the top
   * of the page (a throwaway focus target, removed at once), so the next Tab reaches the first element.
   */
  const snapshotFocusables = () => {
    document.activeElement?.blur?.();
    window.__a11yLooks = new Map([...document.querySelectorAll(FOCUSABLE)].map((node) => [node, look(node)]));
    const start = document.createElement("span");
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
    start.remove();
    return window.__a11yLooks.size;
  };

  /** After a Tab: [the focused element, null when it looks different from its unfocused self or else the problem]. */
  const focusProblem = () => [describe(document.activeElement ?? document.body), focusCheck(document.activeElement)];
  const focusCheck = (node) => {
    if (!node || node === document.body) return null;
    const before = window.__a11yLooks?.get(node);
    if (before === undefined) return null; // created after the snapshot; checked on a later run
    if (!rendered(node)) return `focused element is not visible: ${describe(node)}`;
    return look(node) === before ? `no visible focus indicator on ${describe(node)}` : null;
  };

  const overflow = () => document.scrollingElement.scrollWidth;

  return { audit, snapshotFocusables, focusProblem, overflow, describe };
})();
