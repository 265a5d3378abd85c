-- The token presented as the credential to make this one (ADR 5): revoking or rotating it out revokes this one too.
-- Null for a root (made with a password, a client's secret or a refresh token), and for tokens made before this
-- migration, whose delegators were not recorded.
alter table token add column delegator_id uuid;

create index token_delegator_idx on token (delegator_id);

-- An upper bound on the account's active personal tokens, kept by the inserts that make them under the account's row
-- lock, so that an issue under a limit need not count them: only when the bound reaches the limit are they counted,
-- and the bound set to the count. Revocations and expiries only lower the true number, so the bound stays one. Null
-- means unknown (every account before this migration): the next issue counts.
alter table account add column active_tokens_bound integer;
