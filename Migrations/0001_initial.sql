-- Groundswell's whole schema: campaigns, contributors (anonymous), contributions, votes, comments,
-- flags, full-text search, and the staff / analysis tables later issues fill in.
-- Timestamps are INTEGER Unix seconds (UTC). Tables are STRICT; foreign keys are enforced per connection.
-- Anonymity: no table holds an IP address, user agent, e-mail address or name of a contributor.

CREATE TABLE campaigns (
    id               INTEGER PRIMARY KEY,
    slug             TEXT    NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 64),
    title            TEXT    NOT NULL,
    summary          TEXT    NOT NULL DEFAULT '',
    description      TEXT    NOT NULL DEFAULT '',
    state            TEXT    NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'live', 'archived')),
    access           TEXT    NOT NULL DEFAULT 'open' CHECK (access IN ('open', 'invite')),
    access_code_hash BLOB,
    pseudonym_secret BLOB    NOT NULL,
    flag_threshold   INTEGER NOT NULL DEFAULT 3 CHECK (flag_threshold >= 1),
    premoderation    INTEGER NOT NULL DEFAULT 0 CHECK (premoderation IN (0, 1)),
    created_at       INTEGER NOT NULL
) STRICT;

CREATE TABLE phases (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('understand', 'answer', 'prioritise', 'act')),
    state       TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'open', 'closed')),
    opens_at    INTEGER,
    closes_at   INTEGER,
    PRIMARY KEY (campaign_id, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE questions (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    phase       TEXT    NOT NULL CHECK (phase IN ('understand', 'answer', 'prioritise', 'act')),
    text        TEXT    NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX questions_by_campaign ON questions (campaign_id, phase, position);

CREATE TABLE profile_questions (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    key         TEXT    NOT NULL,
    label       TEXT    NOT NULL,
    choices     TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(choices)),
    required    INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    position    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (campaign_id, key)
) STRICT;

CREATE TABLE invites (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    code_hash   BLOB    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    used_at     INTEGER
) STRICT;

CREATE TABLE contributors (
    id           INTEGER PRIMARY KEY,
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    token_hash   BLOB    NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    joined_at    INTEGER NOT NULL,
    shuffle_seed INTEGER NOT NULL
) STRICT;
CREATE INDEX contributors_by_campaign ON contributors (campaign_id);

CREATE TABLE profile_answers (
    contributor_id      INTEGER NOT NULL REFERENCES contributors(id) ON DELETE CASCADE,
    profile_question_id INTEGER NOT NULL REFERENCES profile_questions(id) ON DELETE CASCADE,
    choice              TEXT    NOT NULL,
    PRIMARY KEY (contributor_id, profile_question_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE themes (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL DEFAULT 'theme',
    description TEXT    NOT NULL DEFAULT '',
    parent_id   INTEGER REFERENCES themes(id) ON DELETE SET NULL,
    published   INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX themes_by_campaign ON themes (campaign_id);

CREATE TABLE contributions (
    id            INTEGER PRIMARY KEY,
    campaign_id   INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    question_id   INTEGER NOT NULL REFERENCES questions(id),
    contributor_id INTEGER REFERENCES contributors(id) ON DELETE SET NULL, -- NULL for official statements
    phase         TEXT    NOT NULL CHECK (phase IN ('understand', 'answer', 'prioritise', 'act')),
    title         TEXT,
    body          TEXT    NOT NULL,
    state         TEXT    NOT NULL DEFAULT 'visible'
                  CHECK (state IN ('visible', 'hidden', 'withdrawn', 'merged', 'pending')),
    official      INTEGER NOT NULL DEFAULT 0 CHECK (official IN (0, 1)),
    up            INTEGER NOT NULL DEFAULT 0 CHECK (up >= 0),
    down          INTEGER NOT NULL DEFAULT 0 CHECK (down >= 0),
    score         REAL    NOT NULL DEFAULT 0,   -- Wilson lower bound of up/down, kept with the counts
    controversy   REAL    NOT NULL DEFAULT 0,   -- Ranking.controversy(up, down), kept with the counts
    comment_count INTEGER NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
    flag_count    INTEGER NOT NULL DEFAULT 0 CHECK (flag_count >= 0),
    created_at    INTEGER NOT NULL,
    edited_at     INTEGER,
    merged_into   INTEGER REFERENCES contributions(id)
) STRICT;
CREATE INDEX contributions_by_campaign ON contributions (campaign_id, state, id);
CREATE INDEX contributions_by_score ON contributions (campaign_id, score, id);
CREATE INDEX contributions_by_contributor ON contributions (contributor_id);

CREATE TABLE contribution_themes (
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    theme_id        INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    PRIMARY KEY (contribution_id, theme_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE votes (
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    contributor_id  INTEGER NOT NULL REFERENCES contributors(id) ON DELETE CASCADE,
    value           INTEGER NOT NULL CHECK (value IN (-1, 1)),
    voted_at        INTEGER NOT NULL,
    PRIMARY KEY (contribution_id, contributor_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX votes_by_contributor ON votes (contributor_id);

CREATE TABLE comments (
    id              INTEGER PRIMARY KEY,
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    parent_id       INTEGER REFERENCES comments(id),
    contributor_id  INTEGER REFERENCES contributors(id) ON DELETE SET NULL, -- NULL for staff
    staff_id        INTEGER REFERENCES staff(id),
    body            TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'visible' CHECK (state IN ('visible', 'hidden', 'pending')),
    flag_count      INTEGER NOT NULL DEFAULT 0 CHECK (flag_count >= 0),
    created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX comments_by_contribution ON comments (contribution_id, id);
CREATE INDEX comments_by_contributor ON comments (contributor_id);

CREATE TABLE flags (
    id              INTEGER PRIMARY KEY,
    contribution_id INTEGER REFERENCES contributions(id) ON DELETE CASCADE,
    comment_id      INTEGER REFERENCES comments(id) ON DELETE CASCADE,
    contributor_id  INTEGER NOT NULL REFERENCES contributors(id) ON DELETE CASCADE,
    reason          TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    resolved_at     INTEGER,
    CHECK ((contribution_id IS NULL) <> (comment_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX flags_once_per_contribution ON flags (contributor_id, contribution_id) WHERE contribution_id IS NOT NULL;
CREATE UNIQUE INDEX flags_once_per_comment ON flags (contributor_id, comment_id) WHERE comment_id IS NOT NULL;

-- Full-text search over contribution titles and bodies plus their comments. External content would
-- tie the index to one table; a contentless-delete index needs SQLite 3.43, so this is a plain FTS5
-- table keyed by the contribution id and rebuilt per contribution by the triggers below.
CREATE VIRTUAL TABLE contribution_search USING fts5(
    title, body, comments,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER contributions_search_insert AFTER INSERT ON contributions BEGIN
    INSERT INTO contribution_search (rowid, title, body, comments)
    VALUES (new.id, coalesce(new.title, ''), new.body, '');
END;

CREATE TRIGGER contributions_search_update AFTER UPDATE OF title, body ON contributions BEGIN
    UPDATE contribution_search SET title = coalesce(new.title, ''), body = new.body WHERE rowid = new.id;
END;

CREATE TRIGGER contributions_search_delete AFTER DELETE ON contributions BEGIN
    DELETE FROM contribution_search WHERE rowid = old.id;
END;

CREATE TRIGGER comments_search_insert AFTER INSERT ON comments BEGIN
    UPDATE contribution_search
    SET comments = (SELECT coalesce(group_concat(body, char(10)), '') FROM comments
                    WHERE contribution_id = new.contribution_id AND state = 'visible')
    WHERE rowid = new.contribution_id;
END;

CREATE TRIGGER comments_search_update AFTER UPDATE OF body, state ON comments BEGIN
    UPDATE contribution_search
    SET comments = (SELECT coalesce(group_concat(body, char(10)), '') FROM comments
                    WHERE contribution_id = new.contribution_id AND state = 'visible')
    WHERE rowid = new.contribution_id;
END;

CREATE TRIGGER comments_search_delete AFTER DELETE ON comments BEGIN
    UPDATE contribution_search
    SET comments = (SELECT coalesce(group_concat(body, char(10)), '') FROM comments
                    WHERE contribution_id = old.contribution_id AND state = 'visible')
    WHERE rowid = old.contribution_id;
END;

-- Staff, sessions and the audit trail (issue 5).
CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'facilitator', 'moderator', 'analyst')),
    password_hash BLOB    NOT NULL,
    salt          BLOB    NOT NULL,
    iterations    INTEGER NOT NULL CHECK (iterations > 0),
    created_at    INTEGER NOT NULL,
    disabled_at   INTEGER
) STRICT;

CREATE TABLE staff_campaigns (
    staff_id    INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    PRIMARY KEY (staff_id, campaign_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE staff_tokens (
    id         INTEGER PRIMARY KEY,
    staff_id   INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    token_hash BLOB    NOT NULL UNIQUE,
    label      TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
) STRICT;

CREATE TABLE staff_sessions (
    id         INTEGER PRIMARY KEY,
    staff_id   INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    token_hash BLOB    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;

-- Append-only, hash-chained: hash = SHA-256(prev_hash || canonical entry).
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    campaign_id INTEGER REFERENCES campaigns(id),
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target      TEXT    NOT NULL DEFAULT '',
    reason      TEXT    NOT NULL DEFAULT '',
    prev_hash   BLOB    NOT NULL,
    hash        BLOB    NOT NULL UNIQUE
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Originals of redacted text, readable by admins only.
CREATE TABLE revisions (
    id              INTEGER PRIMARY KEY,
    contribution_id INTEGER REFERENCES contributions(id) ON DELETE CASCADE,
    comment_id      INTEGER REFERENCES comments(id) ON DELETE CASCADE,
    title           TEXT,
    body            TEXT    NOT NULL,
    staff_id        INTEGER REFERENCES staff(id),
    created_at      INTEGER NOT NULL,
    CHECK ((contribution_id IS NULL) <> (comment_id IS NULL))
) STRICT;

-- Analysis (issue 6): coding by staff, shortlists, scores, guides.
CREATE TABLE codes (
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    staff_id        INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    themes          TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(themes)),
    not_relevant    INTEGER NOT NULL DEFAULT 0 CHECK (not_relevant IN (0, 1)),
    memo            TEXT    NOT NULL DEFAULT '',
    coded_at        INTEGER NOT NULL,
    PRIMARY KEY (contribution_id, staff_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE shortlist_rounds (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    round       INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (campaign_id, round)
) STRICT;

CREATE TABLE shortlist_entries (
    round_id        INTEGER NOT NULL REFERENCES shortlist_rounds(id) ON DELETE CASCADE,
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    reason          TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (round_id, contribution_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE scores (
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    staff_id        INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    criterion       TEXT    NOT NULL,
    value           INTEGER NOT NULL CHECK (value BETWEEN 0 AND 3),
    PRIMARY KEY (contribution_id, staff_id, criterion)
) STRICT, WITHOUT ROWID;

CREATE TABLE guides (
    id           INTEGER PRIMARY KEY,
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    title        TEXT    NOT NULL,
    sections     TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(sections)),
    themes       TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(themes)),
    published_at INTEGER,
    created_at   INTEGER NOT NULL
) STRICT;
