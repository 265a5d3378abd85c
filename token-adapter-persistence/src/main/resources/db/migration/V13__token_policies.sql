-- Issuance policies: one row for the default ('default') and one per organization that has its own
-- ('organization:<name>'). Lifetimes in seconds; -1 for a default lifetime that never ends.

create table token_policy (
    scope                     varchar(120)             primary key,
    default_lifetime_seconds  bigint                   not null,
    maximum_lifetime_seconds  bigint                   not null,
    -- space-separated roles that may hold never-expiring tokens: '', 'ADMIN', 'ADMIN USER'
    never_expiring_roles      varchar(40)              not null,
    maximum_active_tokens     integer,
    -- space-separated scopes that may be requested; null for any
    allowed_scopes            varchar(2000),
    updated_at                timestamp with time zone not null
);
