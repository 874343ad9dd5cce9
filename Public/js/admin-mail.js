// Console section: Mail — the relay and the queue (counts, never addresses), invitations from a CSV, reminders,
// requests to be invited, announcements once per event, blind messages to the author of an idea, template previews.
import { api, seg, ApiError } from "./api.js";
import { el, replace, formatTime, plural } from "./dom.js";
import { field, input, table } from "./admin-kit.js";

const RELAY = {
  not_configured: "No relay is configured (GROUNDSWELL_SMTP_URL): nothing is sent, messages wait in the queue.",
  preview: "Preview: messages are shown below instead of sent (a demo setting).",
  untried: "A relay is configured; nothing has been sent since the server started.",
  up: "The relay is taking messages.",
  down: "The relay cannot be reached: messages wait and are sent when it is back.",
};

const EVENTS = {
  "phase:understand": "The Understand phase opened",
  "phase:answer": "The Answer phase opened",
  "phase:prioritise": "The Prioritise phase opened",
  "phase:act": "The Act phase opened",
  shortlist: "The shortlist is published",
  guide: "The guide is published",
};

export const mailSection = {
  id: "mail",
  title: "Mail",
  intro: "Everything Groundswell sends, counted: you never see an address after an upload, nor whether the author of an idea can be reached.",
  async load(section) {
    const base = `/admin/campaigns/${seg(section.slug)}`;
    const [status, requests, templates, server] = await Promise.all([
      api("GET", `${base}/mail`),
      api("GET", `${base}/invitation-requests`),
      api("GET", `${base}/mail/templates`),
      api("GET", "/admin/mail"),
    ]);
    replace(section.body,
      relayPart(status),
      invitationsPart(section, base, status),
      requestsPart(section, base, requests),
      announcementsPart(section, base, status),
      authorPart(section),
      templatesPart(templates.items, server.preview));
  },
};

function relayPart(status) {
  const relay = status.relay;
  const waiting = Object.entries(status.waiting).map(([kind, count]) => [kind, String(count)]);
  const outcomes = status.outcomes.map((o) => [o.kind, o.outcome, o.code ? String(o.code) : "", String(o.count)]);
  return el("div", { id: "mail-relay" },
    el("h3", { text: "Relay and queue" }),
    el("p", {}, el("span", { class: "pill", text: relay.state.replace("_", " ") }), " ", RELAY[relay.state] ?? "",
      relay.problem ? ` (${relay.problem})` : "", relay.nextTryAt ? ` Next try ${formatTime(relay.nextTryAt)}.` : ""),
    table("Messages waiting, by kind", ["Kind", "Waiting"], waiting),
    status.oldestQueuedAt ? el("p", { class: "muted small", text: `Oldest waiting since ${formatTime(status.oldestQueuedAt)}.` }) : null,
    outcomes.length
      ? table("What became of the messages", ["Kind", "Outcome", "Reply code", "Messages"], outcomes)
      : el("p", { class: "muted", text: "Nothing has been sent for this campaign yet." }),
    el("p", { class: "muted small", text: "Personal messages (to authors) count only as handled, whatever happened: so nobody can tell from here whether an author left an address." }));
}

/** POSTs a CSV body (api() sends JSON only); failures become ApiError with the server's envelope. */
async function postCSV(path, text) {
  let response;
  try {
    response = await fetch(path, { method: "POST", credentials: "same-origin", headers: { "Content-Type": "text/csv", Accept: "application/json" }, body: text });
  } catch {
    throw new ApiError(0, "network", "We could not reach the server. Check your connection and try again.");
  }
  const body = await response.json().catch(() => null);
  if (response.ok) return body;
  const envelope = body?.error ?? {};
  throw new ApiError(response.status, envelope.code ?? "error", envelope.message ?? `The server answered ${response.status}.`, { body: envelope });
}

function invitationsPart(section, base, status) {
  const list = el("textarea", { id: "mail-invite-csv", rows: 5, spellcheck: "false", placeholder: "email\nsomeone@example.org" });
  const file = input({ type: "file", id: "mail-invite-file", accept: ".csv,text/csv" });
  file.addEventListener("change", async () => {
    if (file.files?.[0]) list.value = await file.files[0].text();
  });
  const form = el("form", { id: "mail-invite-form" },
    field("Invitation list (CSV with an email column)", list, "Each address gets its own link that joins once. After the upload you will see only counts."),
    field("…or choose a CSV file", file),
    el("p", { class: "actions" }, el("button", { type: "submit", text: "Send invitations" })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const done = await postCSV(`${base}/invitations`, list.value);
      list.value = "";
      await section.load();
      section.say(`${plural(done.queued, "invitation")} queued; ${done.alreadyInvited} already invited.`, "success");
    } catch (error) {
      const rows = error.body?.rows ?? [];
      section.say(rows.length ? `${error.message} ${rows.map((r) => `Line ${r.line}: ${r.message}`).join(" ")}` : error.message, "error");
    }
  });
  const remind = el("button", { type: "button", id: "mail-remind", class: "secondary", text: "Send a reminder to everyone on the list" });
  remind.addEventListener("click", async () => {
    const done = await section.run(() => api("POST", `${base}/reminders`, {}));
    if (done) {
      await section.load();
      section.say(`${plural(done.queued, "reminder")} queued.`, "success");
    }
  });
  const held = status.invitations;
  const reminders = status.sends.filter((s) => s.event.startsWith("reminder:"));
  return el("div", { id: "mail-invitations" },
    el("h3", { text: "Invitations and reminders" }),
    el("p", { text: `${plural(held.held, "address", "addresses")} held, ${held.unsubscribed} unsubscribed; addresses are deleted ${held.retentionDays} days after the upload, or when the campaign is archived.` }),
    form,
    el("p", { class: "muted small", text: "Reminders go to everyone on the list, at most once a day: Groundswell cannot tell who has joined, on purpose." }),
    reminders.length ? el("p", { class: "muted small", text: `Last reminder ${formatTime(reminders[reminders.length - 1].queuedAt)}.` }) : null,
    el("p", { class: "actions" }, remind));
}

function requestsPart(section, base, requests) {
  const decide = async (request, verb) => {
    const done = await section.run(() => api("POST", `${base}/invitation-requests/${seg(request.id)}/${verb}`, {}));
    if (done) {
      await section.load();
      section.say(verb === "approve" ? "Approved: an invitation is on its way." : "Declined: the request and its address are deleted.", "success");
    }
  };
  const rows = requests.items.map((request) => [
    request.requestedOn, `…@${request.domain}`, request.note || "—",
    el("span", { class: "actions" },
      el("button", { type: "button", class: "secondary", text: "Approve", "aria-label": `Approve the request from …@${request.domain}`, onclick: () => decide(request, "approve") }),
      el("button", { type: "button", class: "danger", text: "Decline", "aria-label": `Decline the request from …@${request.domain}`, onclick: () => decide(request, "decline") })),
  ]);
  return el("div", { id: "mail-requests" },
    el("h3", { text: "Requests to be invited" }),
    rows.length
      ? table("Requests to be invited", ["Day", "Address", "Note", "Decision"], rows)
      : el("p", { class: "muted", text: "No requests waiting. An invite-only campaign's page offers a form to ask for an invitation." }));
}

function announcementsPart(section, base, status) {
  const note = el("textarea", { id: "mail-announce-note", rows: 2, maxlength: 1000 });
  const items = status.announcements.map((a) => {
    const button = el("button", { type: "button", class: "secondary", text: a.announced ? "Announced" : "Announce", disabled: a.announced,
      "aria-label": `${a.announced ? "Announced" : "Announce"}: ${EVENTS[a.event] ?? a.event}` });
    button.addEventListener("click", async () => {
      const body = note.value.trim() ? { event: a.event, note: note.value.trim() } : { event: a.event };
      const done = await section.run(() => api("POST", `${base}/announcements`, body));
      if (done) {
        note.value = "";
        await section.load();
        section.say(`Announced to ${plural(done.queued, "address", "addresses")}.`, "success");
      }
    });
    return el("li", { "data-event": a.event }, el("span", { text: `${EVENTS[a.event] ?? a.event} ` }), button);
  });
  return el("div", { id: "mail-announcements" },
    el("h3", { text: "Announcements" }),
    el("p", { class: "muted small", text: "Each event is announced once, after it happened, to contributors who asked for news and to the invitation list." }),
    field("A note to add (optional)", note),
    el("ul", { class: "plain" }, ...items));
}

function authorPart(section) {
  const idea = input({ id: "mail-author-idea", inputmode: "numeric", maxlength: 12 });
  const subject = input({ id: "mail-author-subject", maxlength: 150 });
  const text = el("textarea", { id: "mail-author-text", rows: 4, maxlength: 4000 });
  const form = el("form", { id: "mail-author-form" },
    field("Idea number", idea),
    field("Subject (optional)", subject),
    field("Message", text, "Do not ask who they are. The author can answer on the campaign's page."),
    el("p", { class: "actions" }, el("button", { type: "submit", text: "Send to the author" })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const done = await section.run(() => api("POST", `/admin/contributions/${seg(idea.value.trim())}/message`, { subject: subject.value, text: text.value }));
    if (done) {
      text.value = "";
      section.say("Handed to Groundswell: if the author left an address, they will get it. You will not be told either way.", "success");
    }
  });
  const guide = input({ id: "mail-guide-id", inputmode: "numeric", maxlength: 12 });
  const note = el("textarea", { id: "mail-guide-note", rows: 2, maxlength: 1000 });
  const invite = el("form", { id: "mail-guide-form" },
    field("Guide number", guide),
    field("A note to the author (optional)", note),
    el("p", { class: "actions" }, el("button", { type: "submit", text: "Invite the author to write the guide" })));
  invite.addEventListener("submit", async (event) => {
    event.preventDefault();
    const done = await section.run(() => api("POST", `/admin/guides/${seg(guide.value.trim())}/author-invitation`, note.value.trim() ? { note: note.value.trim() } : {}));
    if (done) section.say("Handed to Groundswell: the author gets a link that opens the guide editor on any device, if they left an address.", "success");
  });
  return el("div", { id: "mail-authors" },
    el("h3", { text: "Write to the author of an idea" }),
    el("p", { class: "muted small", text: "Groundswell relays the message without telling you who the author is or whether they can be reached." }),
    form, invite);
}

function templatesPart(items, preview) {
  const shown = el("p", { id: "mail-template-text", class: "body" });
  const choose = el("select", { id: "mail-template" }, ...items.map((t) => el("option", { value: t.name, text: t.subject })));
  const draw = () => {
    const chosen = items.find((t) => t.name === choose.value) ?? items[0];
    shown.textContent = chosen ? `Subject: ${chosen.subject}\n\n${chosen.text}` : "";
  };
  choose.addEventListener("change", draw);
  draw();
  return el("div", { id: "mail-templates" },
    el("h3", { text: "Messages, previewed" }),
    field("Message", choose, "Links carry … where a personal code would be."),
    el("div", { class: "item" }, shown),
    preview?.length
      ? el("div", {}, el("h4", { text: "Last messages (preview mode)" }),
        el("ul", { class: "plain", id: "mail-preview" }, ...preview.slice(0, 10).map((m) => el("li", { text: `${formatTime(m.date)}: ${m.subject}` }))))
      : null);
}
