// Migration 3: the registry of issued documents, their per-kind yearly numbering, and the dated legal texts
// (legal basis, remedies) that notices quote (spec §9, issue 4).
export const migration003 = `
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  document_number TEXT,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL CHECK (seq > 0),
  household_id INTEGER REFERENCES households(id),
  village_id INTEGER REFERENCES villages(id),
  subject TEXT NOT NULL,
  title TEXT NOT NULL,
  file_path TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size INTEGER NOT NULL CHECK (size > 0),
  snapshot_json TEXT NOT NULL,
  options_json TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  supersedes_id INTEGER REFERENCES documents(id),
  UNIQUE (kind, year, seq)
) STRICT;
CREATE UNIQUE INDEX documents_number ON documents(document_number) WHERE document_number IS NOT NULL;
-- One correction per document: a second correction corrects the newest version, never branches.
CREATE UNIQUE INDEX documents_supersedes ON documents(supersedes_id) WHERE supersedes_id IS NOT NULL;
CREATE INDEX documents_household ON documents(household_id, id);
CREATE INDEX documents_village ON documents(village_id, id);

-- An issued document is a legal record: a correction is a new document that references the old one.
CREATE TRIGGER documents_immutable BEFORE UPDATE ON documents
BEGIN SELECT RAISE(ABORT, '已出具的文书不可修改，请出具更正文书'); END;
CREATE TRIGGER documents_undeletable BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, '已出具的文书不可删除'); END;

CREATE TABLE legal_texts (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX legal_texts_key ON legal_texts(key, effective_from, id);

-- Notices quote the text in force on their date; changing a text means adding a dated version.
CREATE TRIGGER legal_texts_immutable BEFORE UPDATE ON legal_texts
BEGIN SELECT RAISE(ABORT, '已录入的法律文本不可修改，请新增版本'); END;
CREATE TRIGGER legal_texts_undeletable BEFORE DELETE ON legal_texts
BEGIN SELECT RAISE(ABORT, '已录入的法律文本不可删除，请新增版本'); END;
`;
