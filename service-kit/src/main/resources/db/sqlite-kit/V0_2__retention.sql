-- Retention (RetentionCleanup): published outbox rows and dedupe records are deleted by age.
create index outbox_published_at on outbox (published_at) where published_at is not null;
create index processed_event_processed_at on processed_event (processed_at);
