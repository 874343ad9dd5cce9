-- Coding at scale (issue 20): an analyst's claim on the items their queue handed them, so that two
-- analysts of one team never code the same item; a claim is a lease that lapses at `expires_at`.
-- Staff-side working data only: staff id, contribution id and a staff-side time, nothing of a contributor.
CREATE TABLE coding_claims (
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    coder           TEXT    NOT NULL,
    staff_id        INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    expires_at      INTEGER NOT NULL,
    PRIMARY KEY (contribution_id, coder)
) STRICT, WITHOUT ROWID;
CREATE INDEX coding_claims_by_staff ON coding_claims (staff_id, expires_at);

-- The coding queue reads one round's visible items of a campaign in id order.
CREATE INDEX contributions_by_phase ON contributions (campaign_id, phase, state, id);
