// The one fetch wrapper every page uses: same-origin cookies, JSON bodies, and the API's error envelope mapped to ApiError.

/**
 * An API failure: `code` is the envelope's code, or "network" when the server could not be reached;
 * `body` is the whole parsed answer (a 409 on a guide carries the `current` text beside the envelope).
 */
export class ApiError extends Error {
  constructor(status, code, message, { field = null, retryAfter = null, requestId = null, body = null } = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
    this.requestId = requestId;
    this.body = body;
  }
}

/**
 * Sends a request and returns the parsed JSON body (or text for non-JSON answers, {} for 204).
 * `body` is sent as JSON; `accept` "text" returns the body as text, "blob" as the bytes the server sent (a file to save,
 * its byte order mark kept); `headers` are added as given.
 * Throws ApiError for every non-2xx answer and for network failures.
 */
export async function api(method, path, body = undefined, { accept = "json", headers: extra = {} } = {}) {
  const headers = { ...extra, Accept: accept === "json" ? "application/json" : "*/*" };
  const init = { method, credentials: "same-origin", headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  } else if (method !== "GET" && method !== "HEAD") {
    headers["Content-Type"] = "application/json";
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, "network", "We could not reach the server. Check your connection and try again.");
  }
  if (response.ok) {
    if (response.status === 204) return {};
    const type = response.headers.get("Content-Type") ?? "";
    if (accept === "blob") return response.blob();
    if (accept === "text" || !type.includes("json")) return response.text();
    return response.json();
  }
  throw await errorFrom(response);
}

/** Reads the error envelope from a failed response, tolerating bodies that are not JSON. */
async function errorFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const envelope = body?.error ?? null;
  const retry = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  return new ApiError(
    response.status,
    envelope?.code ?? fallbackCode(response.status),
    envelope?.message ?? "",
    { field: envelope?.field ?? null, retryAfter: Number.isNaN(retry) ? null : retry, requestId: envelope?.requestId ?? null, body },
  );
}

function fallbackCode(status) {
  if (status === 404) return "not_found";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "internal";
  return "bad_request";
}

const PLAIN = {
  network: "We could not reach the server. Check your connection and try again; nothing you typed has been lost.",
  phase_closed: "This phase is closed, so this can no longer be done here.",
  campaign_not_live: "This campaign is not open at the moment.",
  read_only: "This campaign is read-only now.",
  no_new_ideas: "New ideas are not being taken in this phase.",
  not_shortlisted: "Only shortlisted ideas can be voted on in this phase.",
  unauthorized: "Please join the campaign first.",
  forbidden: "You are not allowed to do that.",
  cross_site: "The request was blocked for safety. Reload the page and try again.",
  invite_required: "This campaign needs an invite or access code.",
  invalid_code: "That code was not recognised. Check it and try again.",
  code_used: "That invite code has already been used. If you joined on another device, continue here with a pairing code from that device or with your recovery key.",
  edit_locked: "This can no longer be edited because others have voted or commented on it.",
  not_found: "We could not find that. It may have been removed.",
  payload_too_large: "That is too long. Please shorten it.",
  unavailable: "The server is busy. Please try again in a minute.",
};

/** A plain-English sentence for any error, suitable for a status region: the server's message when it sent one. */
export function describeError(error) {
  if (!(error instanceof ApiError)) return "Something went wrong. Please try again.";
  if (error.code === "rate_limited") {
    const wait = error.retryAfter ? ` Please wait ${error.retryAfter} second${error.retryAfter === 1 ? "" : "s"} and try again.` : " Please wait a little and try again.";
    return `You are going a bit fast.${wait}`;
  }
  if (error.code === "validation") return error.message || "Please check what you entered.";
  if (error.code === "internal") {
    return `Something went wrong on our side.${error.requestId ? ` (Reference ${error.requestId}.)` : ""} Please try again.`;
  }
  // The server's own sentence is what people read; the page's texts stand in only when there is none (a network
  // failure, or a proxy's page instead of the JSON envelope).
  if (error.code === "network") return PLAIN.network;
  return error.message || PLAIN[error.code] || "Something went wrong. Please try again.";
}

/** Encodes a path segment (slugs, ids). */
export function seg(value) {
  return encodeURIComponent(String(value));
}

/** Builds "?a=1&b=2" from an object, dropping empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
