-- The SQLite store keeps survey answers in one B-tree ordered by their
-- primary key (migration 0007 there). PostgreSQL stores every table as a
-- heap beside its primary-key index, so nothing changes here; the
-- migration exists so that both backends list the same migrations.
SELECT 1;
