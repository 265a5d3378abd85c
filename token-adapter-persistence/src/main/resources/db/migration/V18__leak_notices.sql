-- What a token's owner is told when the token was found leaked and revoked (issue 24): who found it and where, kept
-- with the token, and whether the owner has dismissed the banner about it. Written in the transaction that revokes.
create table leak_notice (
    token_id     uuid                     primary key references token (id) on delete cascade,
    account_id   uuid                     not null references account (id) on delete cascade,
    source       varchar(64)              not null,
    location     varchar(512)             not null,
    found_at     timestamp with time zone not null,
    dismissed_at timestamp with time zone
);

create index leak_notice_account_idx on leak_notice (account_id, found_at);
