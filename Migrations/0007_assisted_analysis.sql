-- Assisted analysis (issue 24): candidate themes drafted from the Understand contributions, and the
-- machine coder's runs and the items it coded for campaigns that switch it on. Nothing here names or
-- dates a contributor: rows hold contribution ids, theme ids, staff ids and staff-side times only.
-- Words and quotes are not stored: they are computed from the contributions' current text when read,
-- so a redacted or withdrawn text leaves nothing behind here.

-- The latest draft of candidate themes per campaign, and how it was made (k asked for, seed).
CREATE TABLE candidate_drafts (
    campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
    seed        INTEGER NOT NULL,
    clusters    INTEGER NOT NULL CHECK (clusters >= 1),
    items       INTEGER NOT NULL CHECK (items >= 0),   -- contributions the draft was made from
    newest_id   INTEGER NOT NULL,                      -- the newest of them
    staff_id    INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL
) STRICT;

-- A candidate is open until a facilitator discards it or names it as a codebook theme.
CREATE TABLE candidates (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES candidate_drafts(campaign_id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'discarded', 'named')),
    theme_id    INTEGER REFERENCES themes(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX candidates_by_campaign ON candidates (campaign_id, position);

CREATE TABLE candidate_members (
    candidate_id    INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    PRIMARY KEY (candidate_id, contribution_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX candidate_members_by_contribution ON candidate_members (contribution_id);

-- Machine coding of the items no team codes: off unless a facilitator switches it on.
ALTER TABLE analysis_settings ADD COLUMN machine_coding INTEGER NOT NULL DEFAULT 0 CHECK (machine_coding IN (0, 1));

-- Each time the machine coder coded items: the figure it was measured at (cross-validated against
-- the settled codes) and how many items it coded.
CREATE TABLE machine_runs (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    held_out    INTEGER NOT NULL CHECK (held_out >= 0),
    percent     REAL,
    kappa       REAL,
    alpha       REAL,
    coded       INTEGER NOT NULL CHECK (coded >= 0),
    staff_id    INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX machine_runs_by_campaign ON machine_runs (campaign_id, id);

-- The machine's code for an item no team codes, kept apart from `codes` so it never enters the
-- inter-team agreement, a team's queue or what a team reads.
CREATE TABLE machine_codes (
    contribution_id INTEGER PRIMARY KEY REFERENCES contributions(id) ON DELETE CASCADE,
    run_id          INTEGER NOT NULL REFERENCES machine_runs(id) ON DELETE CASCADE,
    not_relevant    INTEGER NOT NULL CHECK (not_relevant IN (0, 1)),
    confidence      REAL    NOT NULL CHECK (confidence BETWEEN 0 AND 1)
) STRICT;
CREATE INDEX machine_codes_by_run ON machine_codes (run_id);

CREATE TABLE machine_code_themes (
    contribution_id INTEGER NOT NULL REFERENCES machine_codes(contribution_id) ON DELETE CASCADE,
    theme_id        INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    theme_version   INTEGER NOT NULL,
    PRIMARY KEY (contribution_id, theme_id)
) STRICT, WITHOUT ROWID;
