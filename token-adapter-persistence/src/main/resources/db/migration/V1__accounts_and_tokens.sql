-- One migration set for H2 (in MODE=PostgreSQL) and PostgreSQL: only types and syntax both accept.

create table account (
    id            uuid                     primary key,
    username      varchar(64)              not null,
    password_hash varchar(512)             not null,
    role          varchar(16)              not null,
    enabled       boolean                  not null,
    created_at    timestamp with time zone not null,
    constraint account_username_uk unique (username)
);

create table token (
    id                uuid                     primary key,
    owner_id          uuid                     not null references account (id),
    kind              varchar(16)              not null,
    description       varchar(200)             not null,
    scopes            varchar(2200)            not null,
    -- SHA-256 of the secret as 64 lower-case hex digits; the secret itself is never stored.
    secret_hash       char(64)                 not null,
    created_at        timestamp with time zone not null,
    -- null means the token never expires
    expires_at        timestamp with time zone,
    last_used_at      timestamp with time zone,
    revoked_at        timestamp with time zone,
    revocation_reason varchar(32),
    constraint token_secret_hash_uk unique (secret_hash),
    constraint token_revocation_complete check ((revoked_at is null) = (revocation_reason is null))
);

create index token_owner_created_idx on token (owner_id, created_at desc, id);
