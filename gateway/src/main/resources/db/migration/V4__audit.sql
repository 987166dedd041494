-- The tamper-evident audit trail (docs/audit.md). seq is assigned by the writer holding the lock
-- on audit_head, so the chain has no gaps; each row holds its predecessor's hash and an Ed25519
-- signature over its canonical form.
create table audit_record (
    seq            bigint primary key,
    time           timestamptz not null,
    kind           text        not null,
    actor_subject  text        not null,
    actor_name     text,
    auth_method    text,
    token_id       text,
    action         text        not null,
    targets        jsonb       not null,
    outcome        text        not null,
    request_id     text,
    client_address text,
    event_id       text unique,
    prev_hash      text        not null,
    hash           text        not null,
    key_id         text        not null,
    signature      text        not null
);

create index audit_record_actor on audit_record (actor_subject, seq);
create index audit_record_action on audit_record (action, seq);
create index audit_record_time on audit_record (time);
create index audit_record_targets on audit_record using gin (targets jsonb_path_ops);

-- The lock every append takes (select … for update) and the chain's end as the writers left it.
create table audit_head (
    id        integer primary key check (id = 1),
    last_seq  bigint not null,
    last_hash text   not null
);

insert into audit_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
