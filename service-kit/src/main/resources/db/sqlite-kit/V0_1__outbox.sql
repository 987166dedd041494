create table outbox (
    id             integer primary key autoincrement,
    event_id       text not null unique,
    topic          text not null,
    aggregate_type text not null,
    aggregate_id   text not null,
    event_type     text not null,
    payload        text not null,
    created_at     text not null,
    published_at   text
);

create index outbox_unpublished on outbox (id) where published_at is null;

create table processed_event (
    consumer     text not null,
    event_id     text not null,
    processed_at text not null,
    primary key (consumer, event_id)
);
