-- The catalog bot's proposal (JSON: old and new revision and license, validation report, diff) on
-- its pull request; null for pull requests opened through the API.
alter table catalog_pull_request add column proposal text;
