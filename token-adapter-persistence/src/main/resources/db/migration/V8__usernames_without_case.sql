-- Usernames are one account whatever their case: ALICE and alice can never be two people. The username keeps its
-- spelling for display; username_key, its lower-case form (Username.canonical), is what must be unique. If two
-- existing accounts differ only in case, this migration stops with a unique violation: rename one first
-- (docs/operations.md shows the query that finds them).

alter table account add column username_key varchar(64);

update account set username_key = lower(username);

alter table account alter column username_key set not null;

alter table account add constraint account_username_key_uk unique (username_key);
