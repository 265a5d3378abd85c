-- The surface a grant was made through (the token endpoint, a platform's token-pair endpoint). A grant's refresh
-- tokens are redeemed only through it (docs/security.md). Grants made before this migration with a client can only
-- come from the token endpoint; those without a client are ambiguous, stay null, and redeem nowhere: their holders
-- sign in again.

alter table token add column grant_surface varchar(32);

update token set grant_surface = 'token-endpoint' where grant_id is not null and client_id is not null;
