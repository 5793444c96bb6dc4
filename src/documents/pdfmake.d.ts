// pdfmake 0.3 ships no type declarations and @types/pdfmake targets 0.2; this declares only the
// server-side surface render.ts uses (see node_modules/pdfmake/js/index.js and base.js).
declare module 'pdfmake' {
  type FontDescriptor = { normal: string; bold?: string; italics?: string; bolditalics?: string };
  /** getStream: the pdfkit document, laid out (render.ts reads the font objects pdfkit made from it). */
  type OutputDocument = { getBuffer(): Promise<Buffer>; getStream(): Promise<unknown> };
  type VirtualFileSystem = {
    existsSync(filename: string): boolean;
    writeFileSync(filename: string, content: Buffer): void;
  };
  type PdfMake = {
    virtualfs: VirtualFileSystem;
    setFonts(fonts: Record<string, FontDescriptor>): void;
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
    createPdf(docDefinition: object, options?: object): OutputDocument;
  };
  const pdfmake: PdfMake;
  export default pdfmake;
}
