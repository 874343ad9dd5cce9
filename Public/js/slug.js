// Reads the campaign slug from `?c=SLUG`, `/c/SLUG` or `/guide/SLUG`.

/** The campaign slug in the current address, or "" when there is none. */
export function slugFromLocation() {
  const fromQuery = new URLSearchParams(location.search).get("c");
  if (fromQuery) return fromQuery;
  const match = location.pathname.match(/^\/(?:c|guide)\/([^/]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}
