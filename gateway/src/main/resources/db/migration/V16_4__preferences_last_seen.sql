-- The notification drawer's read mark (issue 14): the receivedAt of the newest event the person
-- has seen; events received after it count as unread in every tab and after a reload.
alter table user_preferences add column last_seen_event_at timestamptz;
