// The office settings every test office starts with: every issuing authority filled (issue 12), so documents issue.
export const OFFICE_SETTINGS = {
  townshipName: '清河镇人民政府',
  divisionCode: '990101100',
  officeName: '清河镇民政所',
  officePhone: '0550-1234567',
  countyCentrePhone: '0550-7654321',
  townshipPhone: '0550-1234500',
  countyGovernmentName: '清河县人民政府',
  countyGovernmentPhone: '0550-7650000',
  countyBureauName: '清河县民政局',
  countyBureauPhone: '0550-7654000',
};
