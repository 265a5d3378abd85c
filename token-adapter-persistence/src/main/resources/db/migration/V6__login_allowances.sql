-- Allowances of failed logins per username (docs/security.md, "Guessing passwords"). A row holds the state of a
-- Bucket4j bucket, replaced by compare-and-set so that every node counts against the same allowance. The key is a
-- hash of the username as presented, never its text: people type their password into the username field.
-- refilled_at is when the bucket will be full again; from then on the row says nothing and may be deleted.

create table login_allowance (
    username_hash varchar(64)              primary key,
    state         bytea                    not null,
    refilled_at   timestamp with time zone not null
);

create index login_allowance_refilled_idx on login_allowance (refilled_at);
