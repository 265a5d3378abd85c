-- An Idempotency-Key is the rotating credential's, not the account's: a retry is answered only to the credential
-- that made the rotation ('password', or the presenting token's id). Keys stay unique per account, so another
-- credential sending a used key is refused rather than answered. Rotations recorded before this migration are
-- taken as made by password; they are retry records that expire within the retry window (24 h by default).

alter table rotation add column presented_by varchar(40) not null default 'password';
