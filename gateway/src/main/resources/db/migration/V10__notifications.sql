-- Notification channels with their subscription (issue 12). events and filters are JSON text.
create table notification_channel (
    id           text        primary key,
    name         text        not null unique,
    type         text        not null,
    target       text        not null,
    events       text        not null,
    min_severity text        not null,
    filters      text        not null,
    -- The webhook signing secret; returned once at creation, never listed or logged.
    secret       text,
    enabled      boolean     not null,
    created_by   text,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);

-- One row per (channel, event): the unit of at-least-once delivery and its log. The unique pair
-- is the dedupe: a redelivered Kafka record or a restart can never enqueue an event twice.
create table notification_delivery (
    seq             bigint generated always as identity primary key,
    id              text        not null unique,
    channel_id      text        not null references notification_channel (id) on delete cascade,
    event_id        text        not null,
    event_seq       bigint      not null,
    event_type      text        not null,
    payload         text        not null,
    status          text        not null,
    attempts        integer     not null,
    next_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    latency_ms      bigint,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    unique (channel_id, event_id)
);

create index notification_delivery_pending on notification_delivery (status, channel_id, event_seq);
create index notification_delivery_event on notification_delivery (event_id);

-- How far into the event log the dispatcher has fanned events out to channels.
create table notification_cursor (
    name text   primary key,
    seq  bigint not null
);
