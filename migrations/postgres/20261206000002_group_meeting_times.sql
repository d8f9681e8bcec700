-- When a group meets (「毎週水曜 10時〜12時」), shown beside where it meets; free text, may be empty.
ALTER TABLE network_groups ADD COLUMN meeting_times TEXT NOT NULL DEFAULT '';
