-- OAuth 2.0 clients become confidential or public (RFC 6749 section 2.1), each with the grant types it may use and,
-- optionally, the scopes its tokens may carry. A public client has no secret. Clients registered before this
-- migration were all confidential, and get the default grants: password, refresh and token exchange.

alter table oauth_client add column client_type varchar(16) default 'CONFIDENTIAL' not null;
-- space-delimited grant type names, as the token endpoint spells them
alter table oauth_client add column grant_types varchar(200)
    default 'password refresh_token urn:ietf:params:oauth:grant-type:token-exchange' not null;
-- space-delimited scopes; null means the client does not limit them
alter table oauth_client add column scopes varchar(2200);
alter table oauth_client alter column secret_hash drop not null;
alter table oauth_client add constraint oauth_client_secret_by_type
    check ((client_type = 'PUBLIC') = (secret_hash is null));

create index token_client_idx on token (client_id);

-- who a token is meant for, when a token exchange narrowed it to one (RFC 8693 audience); null means anyone
alter table token add column audience varchar(200);
