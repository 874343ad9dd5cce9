-- Outcomes (issue 23): what became of each idea, reported back in public. Every row here is written
-- by staff and read by the public; none names, counts or dates a contributor. Times are staff-side.

-- Each status an idea was given, with the official response that came with it; the latest is current.
CREATE TABLE outcomes (
    id              INTEGER PRIMARY KEY,
    campaign_id     INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    status          TEXT    NOT NULL CHECK (status IN ('under_review', 'shortlisted', 'in_guide', 'adopted',
                                                       'in_progress', 'implemented', 'not_taken_forward')),
    response        TEXT    NOT NULL CHECK (length(response) BETWEEN 1 AND 2000),
    staff_id        INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX outcomes_by_contribution ON outcomes (contribution_id, id);
CREATE INDEX outcomes_by_campaign ON outcomes (campaign_id, id);

-- Implementation updates on adopted ideas: who is responsible (a role, never a person's name is
-- asked for), where, how far along, on the day the trust reports. Typed in or imported from CSV.
CREATE TABLE progress_updates (
    id              INTEGER PRIMARY KEY,
    campaign_id     INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    role            TEXT    NOT NULL CHECK (length(role) <= 120),
    site            TEXT    NOT NULL CHECK (length(site) <= 120),
    note            TEXT    NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
    percent         INTEGER CHECK (percent BETWEEN 0 AND 100),
    noted_on        TEXT    NOT NULL CHECK (noted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    staff_id        INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX progress_updates_by_contribution ON progress_updates (contribution_id, noted_on, id);
CREATE INDEX progress_updates_by_campaign ON progress_updates (campaign_id, id);
