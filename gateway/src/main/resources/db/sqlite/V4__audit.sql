create table audit_record (
    seq            integer primary key,
    time           text not null,
    kind           text not null,
    actor_subject  text not null,
    actor_name     text,
    auth_method    text,
    token_id       text,
    action         text not null,
    targets        text not null,
    outcome        text not null,
    request_id     text,
    client_address text,
    event_id       text unique,
    prev_hash      text not null,
    hash           text not null,
    key_id         text not null,
    signature      text not null
);

create index audit_record_actor on audit_record (actor_subject, seq);
create index audit_record_action on audit_record (action, seq);
create index audit_record_time on audit_record (time);

create table audit_head (
    id        integer primary key check (id = 1),
    last_seq  integer not null,
    last_hash text    not null
);

insert into audit_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
