-- The server key (issue 17) lives in its own file, GROUNDSWELL_KEY_FILE, never in the database. The
-- database keeps only the key's fingerprint (a keyed hash of a fixed text), so a server started with
-- a missing or different key file refuses to run instead of silently orphaning every keyed value.
CREATE TABLE server_key (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint BLOB    NOT NULL CHECK (length(fingerprint) = 32)
) STRICT;
