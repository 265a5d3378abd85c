-- OAuth 2.0: tokens belong to a grant and a client; refresh tokens are consumed once; clients and server keys.

alter table token add column grant_id uuid;
alter table token add column client_id varchar(64);
-- when a refresh token was exchanged; a refresh token is spent once
alter table token add column consumed_at timestamp with time zone;

create index token_grant_idx on token (grant_id);

create table oauth_client (
    id          varchar(64)              primary key,
    name        varchar(100)             not null,
    -- SHA-256 of the client secret as 64 hex digits; the secret itself is never stored.
    secret_hash char(64)                 not null,
    enabled     boolean                  not null,
    created_at  timestamp with time zone not null,
    constraint oauth_client_secret_hash_uk unique (secret_hash)
);

-- Keys the service generates once and every node shares (JWT signing, replayable rotations).
create table server_key (
    purpose     varchar(64)              primary key,
    material    varchar(128)             not null,
    created_at  timestamp with time zone not null
);
