// Migration 18 (issue 12): 附件3 prints the related official's name, post and the relation in separate columns, so
// the application records the post apart from the name. Declarations made before keep their one text (name and
// post together) in staff_relative_of; the register prints it as it was written.
export const migration018 = `
ALTER TABLE case_applications ADD COLUMN staff_relative_post TEXT;
`;
