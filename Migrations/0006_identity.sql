-- Identity without identification (issue 17, PRIVACY.md): nothing in a contributor's rows says when they
-- joined beyond the day, in which order, with which invite, or what they answered.
--
-- * Contributors get random ids (an id sequence is a join order), `joined_on` (the UTC day) instead of
--   `joined_at`, a sealed `profile` instead of `profile_answers` rows, and an optional recovery key.
-- * Device tokens move to `devices`, one row per device, keyed by HMAC(server key, token). Existing
--   SHA-256 hashes come along with keyed = 0; the server re-keys each on its first use.
-- * Invites lose their id, creation time and use time: a row is HMAC(server key, code), its campaign
--   and whether it was used, stored in the order of the keyed hash. Existing rows keep their SHA-256
--   (keyed = 0) until used, when the server re-keys them.
-- * Pairing codes and statistics releases get their tables; votes and reports keep only the day.
--
-- Profile answers cannot be sealed in SQL (the key is not in the database): they wait in
-- legacy_profile_answers, which the server seals into `contributors.profile` and empties at its next
-- start (PrivacyUpgrade). As in 0002, DROP TABLE with foreign keys on deletes every row first and
-- runs the children's ON DELETE actions, so the children are copied aside and put back; the checks
-- wait behind defer_foreign_keys until COMMIT.
PRAGMA defer_foreign_keys = ON;

-- Random ids from 1 to 2^62; the UNIQUE constraint fails the migration on the improbable collision.
CREATE TEMP TABLE contributor_ids (
    old_id INTEGER PRIMARY KEY,
    new_id INTEGER NOT NULL UNIQUE
);
INSERT INTO temp.contributor_ids (old_id, new_id)
SELECT id, 1 + (random() & 4611686018427387903) FROM contributors;

CREATE TEMP TABLE keep_contributors AS
SELECT m.new_id AS id, c.campaign_id, c.joined_at / 86400 AS joined_on, c.shuffle_seed, c.token_hash
FROM contributors c JOIN temp.contributor_ids m ON m.old_id = c.id;
CREATE TEMP TABLE keep_votes AS
SELECT v.contribution_id, m.new_id AS contributor_id, v.value, v.voted_at - v.voted_at % 86400 AS voted_at
FROM votes v JOIN temp.contributor_ids m ON m.old_id = v.contributor_id;
CREATE TEMP TABLE keep_flags AS
SELECT f.id, f.contribution_id, f.comment_id, m.new_id AS contributor_id, f.reason,
       f.created_at - f.created_at % 86400 AS created_at, f.resolved_at
FROM flags f JOIN temp.contributor_ids m ON m.old_id = f.contributor_id;
CREATE TEMP TABLE keep_authors AS
SELECT c.id, m.new_id AS contributor_id FROM contributions c JOIN temp.contributor_ids m ON m.old_id = c.contributor_id;
CREATE TEMP TABLE keep_commenters AS
SELECT c.id, m.new_id AS contributor_id FROM comments c JOIN temp.contributor_ids m ON m.old_id = c.contributor_id;

-- Waits for the server to seal it; no foreign key, so the rows outlive nothing they describe.
CREATE TABLE legacy_profile_answers (
    contributor_id      INTEGER NOT NULL,
    profile_question_id INTEGER NOT NULL,
    choice              TEXT    NOT NULL,
    PRIMARY KEY (contributor_id, profile_question_id)
) STRICT, WITHOUT ROWID;
INSERT INTO legacy_profile_answers (contributor_id, profile_question_id, choice)
SELECT m.new_id, a.profile_question_id, a.choice
FROM profile_answers a JOIN temp.contributor_ids m ON m.old_id = a.contributor_id;

DROP TABLE profile_answers;
DROP TABLE contributors;

-- `profile`: the answers sealed with the server key (ProfileSeal), the same size for everyone of a
-- campaign; NULL only in campaigns that ask no profile questions. `recovery_mac`: HMAC(server key,
-- recovery key), NULL until the contributor asks for one.
CREATE TABLE contributors (
    id           INTEGER PRIMARY KEY,
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    joined_on    INTEGER NOT NULL,
    shuffle_seed INTEGER NOT NULL,
    profile      BLOB,
    recovery_mac BLOB UNIQUE CHECK (recovery_mac IS NULL OR length(recovery_mac) = 32)
) STRICT;
CREATE INDEX contributors_by_campaign ON contributors (campaign_id, joined_on);
INSERT INTO contributors (id, campaign_id, joined_on, shuffle_seed)
SELECT id, campaign_id, joined_on, shuffle_seed FROM temp.keep_contributors;

-- One row per signed-in device. `persistent` = 0: a shared computer's session cookie.
CREATE TABLE devices (
    token_mac      BLOB    PRIMARY KEY CHECK (length(token_mac) = 32),
    contributor_id INTEGER NOT NULL REFERENCES contributors(id) ON DELETE CASCADE,
    keyed          INTEGER NOT NULL DEFAULT 1 CHECK (keyed IN (0, 1)),
    persistent     INTEGER NOT NULL DEFAULT 1 CHECK (persistent IN (0, 1))
) STRICT, WITHOUT ROWID;
CREATE INDEX devices_by_contributor ON devices (contributor_id);
INSERT INTO devices (token_mac, contributor_id, keyed, persistent)
SELECT token_hash, id, 0, 1 FROM temp.keep_contributors;

INSERT INTO votes (contribution_id, contributor_id, value, voted_at) SELECT * FROM temp.keep_votes;
INSERT INTO flags (id, contribution_id, comment_id, contributor_id, reason, created_at, resolved_at)
SELECT * FROM temp.keep_flags;
UPDATE contributions SET contributor_id = (SELECT k.contributor_id FROM temp.keep_authors k WHERE k.id = contributions.id)
WHERE id IN (SELECT id FROM temp.keep_authors);
UPDATE comments SET contributor_id = (SELECT k.contributor_id FROM temp.keep_commenters k WHERE k.id = comments.id)
WHERE id IN (SELECT id FROM temp.keep_commenters);
UPDATE vote_journal SET
    contributor_id = coalesce((SELECT m.new_id FROM temp.contributor_ids m WHERE m.old_id = vote_journal.contributor_id),
                              contributor_id),
    voted_at = voted_at - voted_at % 86400;
-- A merge's saved votes are [[contributor_id, value], …].
UPDATE merges SET
    source_votes = (SELECT json_group_array(json_array(coalesce(m.new_id, j.value ->> 0), j.value ->> 1))
                    FROM json_each(merges.source_votes) j LEFT JOIN temp.contributor_ids m ON m.old_id = j.value ->> 0),
    target_votes = (SELECT json_group_array(json_array(coalesce(m.new_id, j.value ->> 0), j.value ->> 1))
                    FROM json_each(merges.target_votes) j LEFT JOIN temp.contributor_ids m ON m.old_id = j.value ->> 0);

DROP TABLE temp.keep_votes;
DROP TABLE temp.keep_flags;
DROP TABLE temp.keep_authors;
DROP TABLE temp.keep_commenters;
DROP TABLE temp.keep_contributors;
DROP TABLE temp.contributor_ids;

-- Invites: no id, no times, no order (WITHOUT ROWID, by the keyed hash), no link to anyone.
CREATE TEMP TABLE keep_invites AS SELECT campaign_id, code_hash, used_at IS NOT NULL AS used FROM invites;
DROP TABLE invites;
CREATE TABLE invites (
    code_mac    BLOB    PRIMARY KEY CHECK (length(code_mac) = 32),
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    keyed       INTEGER NOT NULL DEFAULT 1 CHECK (keyed IN (0, 1)),
    used        INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
) STRICT, WITHOUT ROWID;
INSERT INTO invites (code_mac, campaign_id, keyed, used) SELECT code_hash, campaign_id, 0, used FROM temp.keep_invites;
DROP TABLE temp.keep_invites;

-- The shared access code: HMAC(server key, code) once keyed; older SHA-256 hashes are re-keyed on first use.
ALTER TABLE campaigns ADD COLUMN access_code_keyed INTEGER NOT NULL DEFAULT 0 CHECK (access_code_keyed IN (0, 1));

-- A code shown on one device to sign in another, once, for a few minutes; deleted when used or expired.
CREATE TABLE pairing_codes (
    code_mac       BLOB    PRIMARY KEY CHECK (length(code_mac) = 32),
    contributor_id INTEGER NOT NULL REFERENCES contributors(id) ON DELETE CASCADE,
    expires_at     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Released profile statistics: a snapshot at a fixed time (00:00 UTC) of the contributors who joined
-- before it, made only when at least k joined since the previous one (StatisticsRelease). A release
-- counts whole answer combinations, before suppression: breakdowns and the participants export both
-- come from them, suppressed when read with the k of the day.
CREATE TABLE statistics_releases (
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    released_at  INTEGER NOT NULL,
    participants INTEGER NOT NULL CHECK (participants >= 0),
    PRIMARY KEY (campaign_id, released_at)
) STRICT, WITHOUT ROWID;

CREATE TABLE statistics_release_groups (
    campaign_id  INTEGER NOT NULL,
    released_at  INTEGER NOT NULL,
    combination  TEXT    NOT NULL,
    participants INTEGER NOT NULL CHECK (participants > 0),
    PRIMARY KEY (campaign_id, released_at, combination),
    FOREIGN KEY (campaign_id, released_at) REFERENCES statistics_releases (campaign_id, released_at) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
