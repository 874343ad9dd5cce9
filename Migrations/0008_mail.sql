-- Mail (issue 22; PRIVACY.md, "Mail"): addresses kept sealed with the server key, which never enters the
-- database, so a copy of the file holds no address in any form it can read. A sealed value is AES-GCM of a
-- fixed-size padded record (MailSeal), so even its length says nothing. Nothing here links an address to a
-- contributor except a contributor's own choice (contributor_addresses), and nothing links an invitation
-- to the invite code's row, to whether it was used, or to the contributor it made.

-- Addresses invitations were sent to: the address and its personal invite code, sealed together.
-- `id` is random (1…2^62), so rows keep no upload order. `address_mac` = HMAC(server key, address in
-- lower case): "already invited" without reading any seal. `sealed` is NULL once the person unsubscribed
-- (the mac stays until `delete_on`, so uploading the list again does not invite them again). The row is
-- deleted on `delete_on` (the UTC day the retention period ends) or when the campaign is archived.
CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    address_mac BLOB    NOT NULL CHECK (length(address_mac) = 32),
    sealed      BLOB,
    delete_on   INTEGER NOT NULL,
    UNIQUE (campaign_id, address_mac)
) STRICT;
CREATE INDEX invitations_by_deletion ON invitations (delete_on);

-- "Request an invitation" on an invite-only campaign, waiting for a facilitator: the address and the
-- person's note, sealed; the UTC day it came. Deleted when a facilitator decides, or with the campaign.
CREATE TABLE invitation_requests (
    id           INTEGER PRIMARY KEY,
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    address_mac  BLOB    NOT NULL CHECK (length(address_mac) = 32),
    sealed       BLOB    NOT NULL,
    requested_on INTEGER NOT NULL,
    UNIQUE (campaign_id, address_mac)
) STRICT;

-- An address a contributor left for themselves: announcements of the campaign, alerts about their own
-- contributions, or both. Only they can see it or erase it; `refused` = the relay refused it for good,
-- which only they are shown. Deleted with the contributor, and when the campaign is archived.
CREATE TABLE contributor_addresses (
    contributor_id INTEGER PRIMARY KEY REFERENCES contributors(id) ON DELETE CASCADE,
    sealed         BLOB    NOT NULL,
    announcements  INTEGER NOT NULL CHECK (announcements IN (0, 1)),
    alerts         INTEGER NOT NULL CHECK (alerts IN (0, 1)),
    refused        INTEGER NOT NULL DEFAULT 0 CHECK (refused IN (0, 1))
) STRICT;

-- Messages waiting for the relay, queued in the transaction of what caused them. `sealed` says to whom
-- (a reference to one of the tables above, never an address) and what (OutboxPayload). `message_id` is
-- the Message-ID's left part, fixed at queueing, so a copy resent after a crash is the same message.
-- The sender takes the oldest due row first and deletes it once the relay has answered for good.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('invitation', 'reminder', 'announcement', 'personal')),
    message_id TEXT    NOT NULL UNIQUE,
    sealed     BLOB    NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    due_at     INTEGER NOT NULL,
    queued_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_by_due ON outbox (due_at, id);
CREATE INDEX outbox_by_campaign ON outbox (campaign_id, kind);

-- What became of the messages, counted: no row per message, no address, no time. `code` is the relay's
-- reply code for a refusal (0 otherwise). Personal messages (alerts, messages to an author) are counted
-- as `handled` whatever happened, so the counts cannot tell whether an author had an address.
CREATE TABLE mail_tallies (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('invitation', 'reminder', 'announcement', 'personal')),
    outcome     TEXT    NOT NULL CHECK (outcome IN ('sent', 'refused', 'gave_up', 'handled')),
    code        INTEGER NOT NULL DEFAULT 0,
    count       INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, kind, outcome, code)
) STRICT, WITHOUT ROWID;

-- Campaign-wide sends a facilitator (or the schedule) started: announcements, at most one per event
-- (`phase:understand`, `shortlist`, `guide`, …), and reminders; with when and to how many.
CREATE TABLE mail_sends (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    event       TEXT    NOT NULL,
    queued_at   INTEGER NOT NULL,
    recipients  INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, event)
) STRICT, WITHOUT ROWID;

-- When the daily alert about replies last ran (one row): the next covers the comments made since.
CREATE TABLE mail_digest (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    last_run INTEGER NOT NULL
) STRICT;
