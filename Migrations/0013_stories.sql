-- Stories (issue 23): posts by the campaign team or named story-tellers. A story is an official
-- contribution — so comments, votes, reports, moderation, phase rules and exports treat it as they
-- treat the team's statements — and this row adds what makes it a story: the byline staff chose (the
-- only name Groundswell shows, typed by staff, never linked to a contributor), an optional link to a
-- video or document, and that its body is Markdown-lite.
CREATE TABLE stories (
    contribution_id INTEGER PRIMARY KEY REFERENCES contributions(id) ON DELETE CASCADE,
    byline          TEXT    NOT NULL CHECK (length(byline) BETWEEN 1 AND 120),
    link_url        TEXT    CHECK (link_url IS NULL OR length(link_url) <= 2000),
    link_label      TEXT    CHECK (link_label IS NULL OR length(link_label) <= 120),
    staff_id        INTEGER REFERENCES staff(id) ON DELETE SET NULL
) STRICT;
