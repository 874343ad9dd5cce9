-- Staff roles as issue 5 names them (admin, facilitator, analyst, organiser), and undoable merges of duplicates.
-- 0001's staff.role CHECK lists 'moderator' and lacks 'organiser'; SQLite cannot alter a CHECK, so the
-- staff table is rebuilt. Migrations run in one transaction with foreign keys ON, where DROP TABLE
-- deletes every row first (cascading to tokens, sessions, codes, scores) and a rename rewrites the
-- references of other tables (https://www.sqlite.org/lang_altertable.html §7, §5). So the children
-- that cascade are copied aside and put back; the rest wait behind defer_foreign_keys until COMMIT.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE keep_staff AS SELECT * FROM staff;
CREATE TEMP TABLE keep_staff_campaigns AS SELECT * FROM staff_campaigns;
CREATE TEMP TABLE keep_staff_tokens AS SELECT * FROM staff_tokens;
CREATE TEMP TABLE keep_staff_sessions AS SELECT * FROM staff_sessions;
CREATE TEMP TABLE keep_codes AS SELECT * FROM codes;
CREATE TEMP TABLE keep_scores AS SELECT * FROM scores;

DROP TABLE staff;
CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'facilitator', 'analyst', 'organiser')),
    password_hash BLOB    NOT NULL,
    salt          BLOB    NOT NULL,
    iterations    INTEGER NOT NULL CHECK (iterations > 0),
    created_at    INTEGER NOT NULL,
    disabled_at   INTEGER
) STRICT;

INSERT INTO staff (id, name, role, password_hash, salt, iterations, created_at, disabled_at)
SELECT id, name, CASE role WHEN 'moderator' THEN 'facilitator' ELSE role END,
       password_hash, salt, iterations, created_at, disabled_at
FROM temp.keep_staff;
INSERT INTO staff_campaigns SELECT * FROM temp.keep_staff_campaigns;
INSERT INTO staff_tokens SELECT * FROM temp.keep_staff_tokens;
INSERT INTO staff_sessions SELECT * FROM temp.keep_staff_sessions;
INSERT INTO codes SELECT * FROM temp.keep_codes;
INSERT INTO scores SELECT * FROM temp.keep_scores;

DROP TABLE temp.keep_staff;
DROP TABLE temp.keep_staff_campaigns;
DROP TABLE temp.keep_staff_tokens;
DROP TABLE temp.keep_staff_sessions;
DROP TABLE temp.keep_codes;
DROP TABLE temp.keep_scores;

CREATE INDEX staff_tokens_by_staff ON staff_tokens (staff_id);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);
CREATE INDEX audit_log_by_campaign ON audit_log (campaign_id, id);

-- One row per merge of a duplicate into its target, with what undo needs to restore exactly: the
-- source's state before, both contributions' votes before (JSON [[contributor_id, value], …]) and
-- the ids of the comments that moved. undone_at is set when the merge is undone.
CREATE TABLE merges (
    id              INTEGER PRIMARY KEY,
    source_id       INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    target_id       INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    source_state    TEXT    NOT NULL CHECK (source_state IN ('visible', 'hidden', 'withdrawn', 'pending')),
    source_votes    TEXT    NOT NULL CHECK (json_valid(source_votes)),
    target_votes    TEXT    NOT NULL CHECK (json_valid(target_votes)),
    moved_comments  TEXT    NOT NULL CHECK (json_valid(moved_comments)),
    staff_id        INTEGER REFERENCES staff(id),
    created_at      INTEGER NOT NULL,
    undone_at       INTEGER,
    CHECK (source_id <> target_id)
) STRICT;
CREATE INDEX merges_by_source ON merges (source_id, id);
