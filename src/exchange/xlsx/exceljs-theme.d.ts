// exceljs ships types for its public API only; xlsx-writer.ts takes the Office theme exceljs writes into every
// workbook from this module of the package (a plain CommonJS module exporting the XML as a string).
declare module 'exceljs/lib/xlsx/xml/theme1.js' {
  const xml: string;
  export default xml;
}
