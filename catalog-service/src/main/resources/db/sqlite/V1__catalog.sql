create table catalog_entry (
    id            text primary key,
    repo          text not null,
    revision      text not null,
    description   text,
    document      text not null,
    content_hash  text not null,
    source_path   text not null,
    source_commit text not null,
    updated_at    text not null
);

create table catalog_reload (
    id            text primary key,
    source_commit text    not null,
    finished_at   text    not null,
    entries       integer not null,
    added         integer not null,
    updated       integer not null,
    removed       integer not null
);
