-- Partners (Sirdata-style partner-scoped access) and the account details the platform dialects report.
create table partner (
    id                bigint                   primary key,
    name              varchar(100)             not null,
    agreements_signed boolean                  not null,
    created_at        timestamp with time zone not null
);

alter table account add column email varchar(254);
alter table account add column organization varchar(100);
alter table account add column partner_id bigint references partner (id);
