-- Per-user UI preferences (issue 14), keyed by the caller's subject. favorites is JSON text.
create table user_preferences (
    subject           text primary key,
    favorites         text not null,
    default_gpu_pool  text,
    default_location  text,
    theme             text not null,
    updated_at        text not null
);
