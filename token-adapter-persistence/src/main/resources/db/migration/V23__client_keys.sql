-- A confidential client may prove who it is with assertions signed by its keys (private_key_jwt, issue 26) instead
-- of a secret: the JWK Set of its public keys as given at registration, or the URL it publishes one at; never both,
-- and such a client has no secret_hash. dpop_bound_access_tokens: every token request of the client must carry a
-- DPoP proof (RFC 9449 section 5.2). Clients registered before this migration have neither.
alter table oauth_client add column jwks varchar(16384);
alter table oauth_client add column jwks_uri varchar(2048);
alter table oauth_client add column dpop_bound_access_tokens boolean default false not null;

-- What V10 said of secrets now holds of secrets and keys together: a public client has none of them, a confidential
-- one exactly one (a secret, a key set, or a key set's URL).
alter table oauth_client drop constraint oauth_client_secret_by_type;
alter table oauth_client add constraint oauth_client_credential_by_type check (
    (client_type = 'PUBLIC' and secret_hash is null and jwks is null and jwks_uri is null)
    or (client_type <> 'PUBLIC' and (case when secret_hash is null then 0 else 1 end)
        + (case when jwks is null then 0 else 1 end) + (case when jwks_uri is null then 0 else 1 end) = 1));
