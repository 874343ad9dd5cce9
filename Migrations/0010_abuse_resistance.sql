-- Flag and Sybil resistance (issue 19): reports weighed by who makes them, reported contributions
-- held for review instead of vanishing, and proof-of-work on joining an open campaign.

-- What a report counts for, decided when it is made from the reporter's age and activity
-- (Campaigns.ReportWeighing); a contribution is held once its open reports weigh its campaign's
-- flag threshold.
ALTER TABLE flags ADD COLUMN weight REAL NOT NULL DEFAULT 1 CHECK (weight >= 0);

-- held_at: open reports weighed the threshold; the contribution stays listed, collapsed and closed to
-- votes and comments, until a moderator decides. reviewed_at: a moderator kept it, so later reports
-- go to the moderation queue without holding it again. Moments of moderation, tied to no one.
ALTER TABLE contributions ADD COLUMN held_at INTEGER;
ALTER TABLE contributions ADD COLUMN reviewed_at INTEGER;

-- Leading zero bits a join's hashcash must have (0: no proof asked); asked of open campaigns only.
ALTER TABLE campaigns ADD COLUMN join_proof_bits INTEGER NOT NULL DEFAULT 0 CHECK (join_proof_bits BETWEEN 0 AND 24);
