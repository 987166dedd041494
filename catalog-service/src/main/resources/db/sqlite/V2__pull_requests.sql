create table catalog_pull_request (
    number      integer primary key,
    entry_id    text not null,
    branch      text not null,
    title       text not null,
    url         text not null,
    state       text not null,
    head_commit text,
    kind        text not null,
    created_at  text not null,
    updated_at  text not null
);

create index catalog_pull_request_open on catalog_pull_request (branch) where state = 'open';
