-- How far each incremental source has read, so a restart resumes where it stopped.
CREATE TABLE sync_cursor (
    name         VARCHAR(100) PRIMARY KEY,
    cursor_value VARCHAR(200) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
