// Migration 15 (issue 16): the 残联 re-assessment loop writes its result back to the person. An objection names the
// disputed member by id (not only by name), and a re-assessment keeps the person, the disability facts before and
// after the result, and the determination saved from the new facts. Earlier rows keep NULLs: they were recorded
// by name only, and their result was free text.
// No REFERENCES on the person ids: a member may later leave the household, and the record must stay readable.
export const migration015 = `
ALTER TABLE publicity_objections ADD COLUMN disputed_person_id INTEGER;
ALTER TABLE disability_reassessments ADD COLUMN person_id INTEGER;
ALTER TABLE disability_reassessments ADD COLUMN before_type TEXT;
ALTER TABLE disability_reassessments ADD COLUMN before_level INTEGER;
ALTER TABLE disability_reassessments ADD COLUMN after_type TEXT;
ALTER TABLE disability_reassessments ADD COLUMN after_level INTEGER;
ALTER TABLE disability_reassessments ADD COLUMN determination_id INTEGER REFERENCES determinations(id);
`;
