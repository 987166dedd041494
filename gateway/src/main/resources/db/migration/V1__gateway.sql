-- Every event seen on the mm.* topics, once per event id; the basis of the audit trail of
-- background work and of the live event stream. seq orders the log (newest = highest).
create table event_log (
    seq         bigint generated always as identity primary key,
    id          text        not null unique,
    type        text        not null,
    source      text        not null,
    subject     text,
    time        timestamptz,
    topic       text        not null,
    data        jsonb,
    received_at timestamptz not null
);

create index event_log_type_seq on event_log (type, seq desc);
