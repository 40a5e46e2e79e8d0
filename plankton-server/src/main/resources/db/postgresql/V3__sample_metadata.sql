-- PostgreSQL dialect; keep in step with ../sqlite/V3__sample_metadata.sql.
-- Sample metadata (issue 19): what turns counts into concentrations and what the EcoTaxa and
-- Darwin Core exports need. All nullable: samples created before, or without the information,
-- keep NULLs and their concentrations and sizes are null. sampled_at: the ISO-8601 text as given
-- (a date, a local date-time or one with an offset); "datetime" is avoided as a column name because
-- it is an SQLite function. volume_l: litres of water the sample stands for; fraction: the part
-- of it that was imaged (a splitter's 1/8 is 0.125).
ALTER TABLE sample ADD COLUMN volume_l DOUBLE PRECISION;
ALTER TABLE sample ADD COLUMN fraction DOUBLE PRECISION;
ALTER TABLE sample ADD COLUMN sampled_at TEXT;
ALTER TABLE sample ADD COLUMN latitude DOUBLE PRECISION;
ALTER TABLE sample ADD COLUMN longitude DOUBLE PRECISION;
ALTER TABLE sample ADD COLUMN depth_min_m DOUBLE PRECISION;
ALTER TABLE sample ADD COLUMN depth_max_m DOUBLE PRECISION;
ALTER TABLE sample ADD COLUMN instrument TEXT;
ALTER TABLE sample ADD COLUMN pixel_size_um DOUBLE PRECISION;
-- The object's area in pixels (core.features.SizeFeatures.area: the pixels that are not
-- background), computed when the image is classified; NULL for images stored before,
-- which then have no size in the counts.
ALTER TABLE image ADD COLUMN area_px DOUBLE PRECISION;
