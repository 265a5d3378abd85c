-- People sign in at Latchkey instead of handing their password to an application (issue 23): the authorization code
-- grant with PKCE, the device authorization grant, pushed authorization requests, and remembered consent.

-- Where a client may send people back: newline-separated absolute URIs (a URI holds no whitespace); null for none.
alter table oauth_client add column redirect_uris varchar(20100);
alter table oauth_client add column pushed_requests_required boolean default false not null;
-- A first-party client an administrator trusts: people who sign in through it are not asked to consent.
alter table oauth_client add column consent_skipped boolean default false not null;

-- A person's authorization waiting for its code to be redeemed, for a minute. Keyed by the SHA-256 of the code, never
-- the code. Kept a day past its expiry, so that a replay of a redeemed code is recognised and revokes its grant.
create table authorization_code (
    code_hash          char(64)                 primary key,
    client_id          varchar(64)              not null references oauth_client (id) on delete cascade,
    account_id         uuid                     not null references account (id) on delete cascade,
    redirect_uri       varchar(2000)            not null,
    redirect_uri_named boolean                  not null,
    code_challenge     char(43)                 not null,
    scopes             varchar(2200)            not null,
    grant_id           uuid                     not null,
    issued_at          timestamp with time zone not null,
    expires_at         timestamp with time zone not null,
    redeemed_at        timestamp with time zone
);

create index authorization_code_expires_idx on authorization_code (expires_at);

-- What each person let each client do; asked again for a scope not yet in it.
create table consent (
    account_id uuid                     not null references account (id) on delete cascade,
    client_id  varchar(64)              not null references oauth_client (id) on delete cascade,
    scopes     varchar(2200)            not null,
    granted_at timestamp with time zone not null,
    primary key (account_id, client_id)
);

-- A device's request, approved on another screen with its user code. Both codes are kept as SHA-256 only.
create table device_authorization (
    device_code_hash char(64)                 primary key,
    user_code_hash   char(64)                 not null,
    client_id        varchar(64)              not null references oauth_client (id) on delete cascade,
    scopes           varchar(2200)            not null,
    grant_id         uuid                     not null,
    issued_at        timestamp with time zone not null,
    expires_at       timestamp with time zone not null,
    interval_seconds integer                  not null,
    last_polled_at   timestamp with time zone,
    state            varchar(10)              not null,
    account_id       uuid                     references account (id) on delete cascade,
    constraint device_authorization_user_code_uk unique (user_code_hash),
    constraint device_authorization_state_ck check (state in ('PENDING', 'APPROVED', 'DENIED', 'REDEEMED'))
);

create index device_authorization_expires_idx on device_authorization (expires_at);

-- An authorization request a client pushed (RFC 9126), keyed by the SHA-256 of its request_uri.
create table pushed_authorization_request (
    reference_hash     char(64)                 primary key,
    client_id          varchar(64)              not null references oauth_client (id) on delete cascade,
    redirect_uri       varchar(2000)            not null,
    redirect_uri_named boolean                  not null,
    scopes             varchar(2200)            not null,
    state              varchar(1024),
    code_challenge     char(43)                 not null,
    prompts            varchar(32)              not null,
    expires_at         timestamp with time zone not null,
    completed_at       timestamp with time zone
);

create index pushed_authorization_request_expires_idx on pushed_authorization_request (expires_at);
