-- The token presented as the credential to make this one (ADR 5): revoking or rotating it out revokes this one too.
-- Null for a root (made with a password, a client's secret or a refresh token), and for tokens made before this
-- migration, whose delegators were not recorded.
alter table token add column delegator_id uuid;

create index token_delegator_idx on token (delegator_id);
