-- Guide-editor invitations that expire (issue 19): a link works until expires_at or until it is
-- revoked. Links made before this migration expire two weeks after they were made, the default
-- for new ones.
ALTER TABLE guide_editors ADD COLUMN expires_at INTEGER;
UPDATE guide_editors SET expires_at = created_at + 14 * 86400;
