-- Sign-in sessions of Latchkey's own pages (the console), shared by every node (issue 22): a session opened on one
-- node is found on all, and a restart ends none. A row is keyed by the SHA-256 of the secret the browser holds in
-- its cookie, never the secret, as tokens are. password_stamp is a digest of the password hash the session was opened
-- with: a reset password ends it. last_seen_at moves in steps of a minute; rows past either timeout are swept.

create table sign_in_session (
    id_hash        varchar(64)              primary key,
    account_id     uuid                     not null references account (id) on delete cascade,
    password_stamp varchar(64)              not null,
    signed_in_at   timestamp with time zone not null,
    last_seen_at   timestamp with time zone not null
);

create index sign_in_session_account_idx on sign_in_session (account_id);
create index sign_in_session_last_seen_idx on sign_in_session (last_seen_at);
create index sign_in_session_signed_in_idx on sign_in_session (signed_in_at);
