-- The notification drawer's read mark (issue 14): see db/migration/V16_4.
alter table user_preferences add column last_seen_event_at text;
