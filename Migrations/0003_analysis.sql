-- Analysis and Act (issue 6): a versioned codebook, coding teams, reconciled findings, scoring
-- criteria, and guides with every revision, their anonymous editors and facilitators' comments.
-- 0001's themes, codes, shortlist_rounds/entries, scores and guides tables are extended, not replaced.

-- Themes are versioned: every edit bumps `version` and keeps the previous text in theme_versions,
-- so a code can say which wording of the theme it was given under.
ALTER TABLE themes ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE themes ADD COLUMN archived_at INTEGER;

CREATE TABLE theme_versions (
    theme_id    INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    description TEXT    NOT NULL,
    parent_id   INTEGER,
    staff_id    INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (theme_id, version)
) STRICT;

-- Coding teams: agreement is measured between teams; each team codes an item once.
CREATE TABLE coding_teams (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (campaign_id, name)
) STRICT;

CREATE TABLE coding_team_members (
    team_id  INTEGER NOT NULL REFERENCES coding_teams(id) ON DELETE CASCADE,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, staff_id)
) STRICT, WITHOUT ROWID;

-- Per-campaign analysis settings; a campaign without a row codes each item by one team.
CREATE TABLE analysis_settings (
    campaign_id    INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
    teams_per_item INTEGER NOT NULL DEFAULT 1 CHECK (teams_per_item BETWEEN 1 AND 2)
) STRICT;

-- Which team a code belongs to ('s' || staff_id when the analyst is in no team), and the
-- themes with the version each was given under. One code per team per item.
ALTER TABLE codes ADD COLUMN coder TEXT NOT NULL DEFAULT '';
UPDATE codes SET coder = 's' || staff_id;
CREATE UNIQUE INDEX codes_once_per_coder ON codes (contribution_id, coder);

CREATE TABLE code_themes (
    contribution_id INTEGER NOT NULL,
    staff_id        INTEGER NOT NULL,
    theme_id        INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    theme_version   INTEGER NOT NULL,
    PRIMARY KEY (contribution_id, staff_id, theme_id),
    FOREIGN KEY (contribution_id, staff_id) REFERENCES codes (contribution_id, staff_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- A facilitator's reconciliation of a disputed item: with agreed items, these are the findings.
CREATE TABLE reconciliations (
    contribution_id INTEGER PRIMARY KEY REFERENCES contributions(id) ON DELETE CASCADE,
    not_relevant    INTEGER NOT NULL DEFAULT 0 CHECK (not_relevant IN (0, 1)),
    reason          TEXT    NOT NULL DEFAULT '',
    staff_id        INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    reconciled_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE reconciliation_themes (
    contribution_id INTEGER NOT NULL REFERENCES reconciliations(contribution_id) ON DELETE CASCADE,
    theme_id        INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    theme_version   INTEGER NOT NULL,
    PRIMARY KEY (contribution_id, theme_id)
) STRICT, WITHOUT ROWID;

-- Scoring criteria per campaign; a campaign without rows uses the method's four defaults.
CREATE TABLE criteria (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    key         TEXT    NOT NULL,
    label       TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, key)
) STRICT, WITHOUT ROWID;

-- Who selected an idea into a round, and when.
ALTER TABLE shortlist_entries ADD COLUMN staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL;
ALTER TABLE shortlist_entries ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;

-- A guide belongs to one idea of the act round; `revision` is the latest saved revision (0: none).
ALTER TABLE guides ADD COLUMN contribution_id INTEGER REFERENCES contributions(id) ON DELETE CASCADE;
ALTER TABLE guides ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);
ALTER TABLE guides ADD COLUMN final_at INTEGER;
CREATE UNIQUE INDEX guides_by_contribution ON guides (contribution_id);

CREATE TABLE guide_revisions (
    guide_id   INTEGER NOT NULL REFERENCES guides(id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL CHECK (revision >= 1),
    title      TEXT    NOT NULL,
    sections   TEXT    NOT NULL CHECK (json_valid(sections)),
    editor     TEXT    NOT NULL,   -- the anonymous label: 'Author', 'Contributor 2', or 'Facilitator'
    created_at INTEGER NOT NULL,
    PRIMARY KEY (guide_id, revision)
) STRICT, WITHOUT ROWID;

-- Editors besides the author: invited key contributors, known only by a hashed token and a label.
CREATE TABLE guide_editors (
    id         INTEGER PRIMARY KEY,
    guide_id   INTEGER NOT NULL REFERENCES guides(id) ON DELETE CASCADE,
    token_hash BLOB    NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    label      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
) STRICT;
CREATE INDEX guide_editors_by_guide ON guide_editors (guide_id);

CREATE TABLE guide_comments (
    id         INTEGER PRIMARY KEY,
    guide_id   INTEGER NOT NULL REFERENCES guides(id) ON DELETE CASCADE,
    staff_id   INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    revision   INTEGER NOT NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX guide_comments_by_guide ON guide_comments (guide_id, id);
