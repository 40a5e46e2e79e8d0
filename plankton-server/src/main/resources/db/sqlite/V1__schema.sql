-- SQLite dialect of the schema; keep in step with ../postgresql/V1__schema.sql.
CREATE TABLE sample (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL
);

CREATE TABLE image (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    sample_id       INTEGER NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
    sha256          TEXT NOT NULL,
    original_name   TEXT NOT NULL,
    format          TEXT NOT NULL,
    byte_size       INTEGER NOT NULL,
    width           INTEGER NOT NULL,
    height          INTEGER NOT NULL,
    model_id        TEXT NOT NULL,
    predicted_class TEXT NOT NULL,
    predicted_prob  REAL NOT NULL,
    probabilities   TEXT NOT NULL,
    created         TEXT NOT NULL,
    UNIQUE (sample_id, sha256)
);
CREATE INDEX image_sample_prob ON image (sample_id, predicted_prob);
CREATE INDEX image_sha ON image (sha256);

CREATE TABLE annotation (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    image_id INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
    action   TEXT NOT NULL CHECK (action IN ('validate', 'correct')),
    label    TEXT NOT NULL,
    who      TEXT NOT NULL,
    created  TEXT NOT NULL
);
CREATE INDEX annotation_image ON annotation (image_id, id);
