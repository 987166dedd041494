-- One row per scheduled job that must run on one replica at a time (service.CacheRefresh).
create table refresh_lease (
    name         text primary key,
    holder       text        not null,
    started_at   timestamptz not null,
    locked_until timestamptz not null
);
