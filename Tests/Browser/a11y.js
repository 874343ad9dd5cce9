// The two accessibility checks axe-core has no rule for, injected by the browser tests beside axe: a visible focus
// indicator on everything Tab reaches (WCAG 2.4.7), checked with real Tab presses from Python through
// `a11y.snapshotFocusables()` and `a11y.focusProblem()`, and no sideways scrolling at 360 px (1.4.10), `a11y.overflow()`.
const a11y = (() => {
  const describe = (node) => {
    let text = node.tagName.toLowerCase();
    if (node.id) text += `#${node.id}`;
    else if (node.className && typeof node.className === "string") text += `.${node.className.trim().split(/\s+/).join(".")}`;
    const words = (node.textContent || node.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return words ? `${text} “${words}”` : text;
  };

  const rendered = (node) => {
    if (!node.getClientRects().length) return false;
    const style = getComputedStyle(node);
    return style.visibility !== "hidden" && style.display !== "none";
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

  return { snapshotFocusables, focusProblem, overflow };
})();
