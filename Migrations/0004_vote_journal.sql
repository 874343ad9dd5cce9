-- Votes committed ahead of the tables they change (issue 9: durable votes at group-commit speed).
-- With group commit, the writer appends each vote here: a batch of votes shares one page of this
-- table, where writing them straight into `votes` and `contributions` dirtied four pages per vote
-- (the vote row, the by-contributor index, the contribution's row and its score-index entry). The
-- writer folds the rows into `votes` and the counts in larger transactions, in `seq` order, and
-- deletes them in the same transaction; readers add the rows still here to what they read.
-- AUTOINCREMENT: a `seq` is never reused after the rows below it were folded and deleted, so a
-- reader's snapshot names the unfolded votes by their range alone.
CREATE TABLE vote_journal (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    contribution_id INTEGER NOT NULL,
    contributor_id  INTEGER NOT NULL,
    value           INTEGER NOT NULL CHECK (value IN (-1, 0, 1)),
    voted_at        INTEGER NOT NULL
) STRICT;
