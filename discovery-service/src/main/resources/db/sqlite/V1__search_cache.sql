create table search_cache (
    cache_key  text primary key,
    url        text not null,
    body       text not null,
    next_url   text,
    fetched_at text not null
);
