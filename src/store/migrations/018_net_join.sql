-- 018: joining the staff network from its public page (issue 17). A
-- visitor's form makes a 'pending' member and a confirmation link is
-- mailed; only the link's token hash is kept here, so a copy of the
-- database opens no link. The consents ticked on the form wait in
-- net_join_consent, with the wording version the visitor was shown,
-- until the button behind the link is pressed. Unconfirmed joins expire
-- after 7 days (the pending member goes with them).

CREATE TABLE IF NOT EXISTS net_join (
  id            INTEGER PRIMARY KEY,
  member_id     INTEGER NOT NULL REFERENCES net_member(id),
  token_hash    TEXT NOT NULL UNIQUE,        -- net_token_hash of the mailed token
  created_at    INTEGER NOT NULL,            -- unix seconds
  expires_at    INTEGER NOT NULL,            -- unix seconds (created + 7 days)
  confirmed_at  INTEGER                      -- unix seconds, NULL until confirmed
);
CREATE INDEX IF NOT EXISTS net_join_member ON net_join(member_id);

CREATE TABLE IF NOT EXISTS net_join_consent (
  join_id     INTEGER NOT NULL REFERENCES net_join(id),
  purpose     TEXT NOT NULL,
  wording_id  INTEGER NOT NULL REFERENCES net_consent_wording(id)
);
CREATE INDEX IF NOT EXISTS net_join_consent_join ON net_join_consent(join_id);
