-- The name a practitioner chooses to show on their replies to writers.
-- Without one, writers see the role ("Helpline practitioner"), never the
-- account name.
ALTER TABLE staff_accounts ADD COLUMN display_name TEXT;
