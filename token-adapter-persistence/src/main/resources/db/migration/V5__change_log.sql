-- What every node must forget from its caches: an append-only log of changes that can end a token's validity
-- (a token revoked or spent, an account changed, a partner's agreements changed). Nodes read it every half lease
-- (ADR 10). Rows are numbered from one counter row that each appending transaction locks until it commits, so
-- numbers become visible in order and a reader that has seen number n has seen everything below it.

create table change_log_head (
    id       integer primary key,
    last_seq bigint  not null,
    constraint change_log_head_single check (id = 1)
);

insert into change_log_head (id, last_seq) values (1, 0);

create table change_log (
    seq          bigint                   primary key,
    subject_kind varchar(16)              not null,
    subject_id   varchar(64)              not null,
    recorded_at  timestamp with time zone not null
);

create index change_log_recorded_idx on change_log (recorded_at);
