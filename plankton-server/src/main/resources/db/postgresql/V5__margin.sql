-- PostgreSQL dialect; keep in step with ../sqlite/V5__margin.sql.
-- The model's margin for each image: its top probability minus its second (issue 19, item 6). A small
-- margin is an image the model could not decide between two classes: the most informative to review.
-- Computed when the image is classified; NULL for images stored before (the order then falls back on
-- the top probability).
ALTER TABLE image ADD COLUMN margin DOUBLE PRECISION;
