-- Records of background work carry the content of the job or revision history record the event
-- reported (docs/audit.md, "Signed job and deployment history"): a JSON object of text values,
-- sorted by key, kept as text so it reads back exactly as it was signed. Null on request records.
alter table audit_record add column details text;
