-- The transactional outbox: written in the same transaction as the state change it reports,
-- relayed to Kafka in id order by OutboxRelay.
create table outbox (
    id             bigint generated always as identity primary key,
    event_id       uuid        not null unique,
    topic          text        not null,
    aggregate_type text        not null,
    aggregate_id   text        not null,
    event_type     text        not null,
    payload        text        not null,
    created_at     timestamptz not null default now(),
    published_at   timestamptz
);

create index outbox_unpublished on outbox (id) where published_at is null;

-- Wakes the relay at commit time; the channel is per schema so services sharing a server stay apart.
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('mm_outbox_' || tg_table_schema, '');
    return null;
end
$$;

create trigger outbox_notify after insert on outbox
    for each statement execute function outbox_notify();

-- Consumer-side deduplication: one row per (consumer, event) applied.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
