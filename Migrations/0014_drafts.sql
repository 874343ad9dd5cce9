-- A draft to challenge (issue 23): a facilitator's document in numbered sections that the crowd
-- votes and comments on, amends section by section or answers with a whole alternative; accepted
-- amendments make new versions, and the final version is published as the result.
--
-- Sections, amendments and alternatives are contributions — so votes, comments, reports, moderation,
-- erasure and the exports treat them as they treat ideas — and these tables add what makes them part
-- of a draft. A section is an official contribution; an amendment or alternative is a contributor's,
-- pseudonymous like an idea: its author is the contribution's `contributor_id`, and nothing here
-- names, counts or dates a contributor (no contributor column, no foreign key to `contributors`).
-- Times here are staff-side: when a version was made or an amendment answered.

CREATE TABLE drafts (
    id            INTEGER PRIMARY KEY,
    campaign_id   INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    question_id   INTEGER NOT NULL REFERENCES questions(id),
    title         TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    -- The phases it runs in, a bit each: understand 1, answer 2, prioritise 4, act 8.
    phases        INTEGER NOT NULL CHECK (phases BETWEEN 1 AND 15),
    state         TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'final')),
    version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    staff_id      INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL,
    finalised_at  INTEGER
) STRICT;
CREATE INDEX drafts_by_campaign ON drafts (campaign_id, id);

-- A section keeps its identity (and its votes and comments) across versions; its text is per version.
CREATE TABLE draft_sections (
    contribution_id INTEGER PRIMARY KEY REFERENCES contributions(id) ON DELETE CASCADE,
    draft_id        INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    UNIQUE (draft_id, position)
) STRICT;

-- The change log: version 1 is the draft as published, each later one an accepted amendment.
CREATE TABLE draft_versions (
    draft_id     INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL CHECK (version >= 1),
    amendment_id INTEGER REFERENCES contributions(id) ON DELETE SET NULL,
    reason       TEXT    NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    staff_id     INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (draft_id, version)
) STRICT, WITHOUT ROWID;

-- Every section's text in every version, so any version stays readable and any two compare.
CREATE TABLE draft_texts (
    draft_id   INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    section_id INTEGER NOT NULL REFERENCES draft_sections(contribution_id) ON DELETE CASCADE,
    number     TEXT    NOT NULL,
    level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    heading    TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    PRIMARY KEY (draft_id, version, section_id),
    FOREIGN KEY (draft_id, version) REFERENCES draft_versions(draft_id, version) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- An amendment's proposed body is its contribution's body (so withdrawing or redacting it erases
-- it like any text); this row says which section and version it answers and what became of it.
CREATE TABLE draft_amendments (
    contribution_id INTEGER PRIMARY KEY REFERENCES contributions(id) ON DELETE CASCADE,
    draft_id        INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    section_id      INTEGER NOT NULL REFERENCES draft_sections(contribution_id) ON DELETE CASCADE,
    base_version    INTEGER NOT NULL CHECK (base_version >= 1),
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'declined')),
    reason          TEXT    CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 2000),
    decided_version INTEGER,
    staff_id        INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    decided_at      INTEGER,
    CHECK ((state = 'pending') = (reason IS NULL))
) STRICT;
CREATE INDEX draft_amendments_by_section ON draft_amendments (section_id, contribution_id);
CREATE INDEX draft_amendments_by_draft ON draft_amendments (draft_id, state);

-- A whole alternative to the document: the contribution's title and body (Markdown-lite).
CREATE TABLE draft_alternatives (
    contribution_id INTEGER PRIMARY KEY REFERENCES contributions(id) ON DELETE CASCADE,
    draft_id        INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE
) STRICT;
CREATE INDEX draft_alternatives_by_draft ON draft_alternatives (draft_id);

-- Every contribution that belongs to a draft, with its draft: what listings leave out and what the
-- vote, comment and edit routes check against the draft's own rules instead of the idea's.
CREATE VIEW draft_items (contribution_id, draft_id, kind) AS
    SELECT contribution_id, draft_id, 'section' FROM draft_sections
    UNION ALL SELECT contribution_id, draft_id, 'amendment' FROM draft_amendments
    UNION ALL SELECT contribution_id, draft_id, 'alternative' FROM draft_alternatives;
