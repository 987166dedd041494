create table event_log (
    seq         integer primary key autoincrement,
    id          text not null unique,
    type        text not null,
    source      text not null,
    subject     text,
    time        text,
    topic       text not null,
    data        text,
    received_at text not null
);

create index event_log_type_seq on event_log (type, seq desc);
