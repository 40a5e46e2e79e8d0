-- SQLite dialect; keep in step with ../postgresql/V2__trust.sql.
-- Trust fields of each image's prediction (as classify --details). Rows stored before this
-- migration keep NULLs: their predictions were never scored, and rescoring them would need the
-- model that produced them. out_of_domain and accepted: 1/0, NULL when not computed.
-- prediction_set: a JSON array of class names, most probable first.
ALTER TABLE image ADD COLUMN ood_score REAL;
ALTER TABLE image ADD COLUMN out_of_domain INTEGER;
ALTER TABLE image ADD COLUMN group_name TEXT;
ALTER TABLE image ADD COLUMN group_prob REAL;
ALTER TABLE image ADD COLUMN prediction_set TEXT;
ALTER TABLE image ADD COLUMN accepted INTEGER;
CREATE INDEX image_sample_ood ON image (sample_id, out_of_domain);
