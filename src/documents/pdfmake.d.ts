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

// pdfmake's subclass of its own pdfkit: fonts named by family and face, read from pdfmake's virtual file system
// (where render.ts parks the loaded font buffers). Only what payment-roster-pdf.ts uses is declared.
declare module 'pdfmake/js/PDFDocument.js' {
  type FontFaces = { normal: string; bold: string; italics: string; bolditalics: string };
  /** pdfkit's EmbeddedFont (ascender/descender in 1/1000 em) and the fontkit font behind it. */
  export type EmbeddedFont = {
    ascender: number;
    descender: number;
    lineHeight(size: number, includeGap?: boolean): number;
    font: {
      unitsPerEm: number;
      hasGlyphForCodePoint(codePoint: number): boolean;
      glyphForCodePoint(codePoint: number): { advanceWidth: number };
    };
  };
  export default class PDFDocument {
    constructor(fonts: Record<string, FontFaces>, images: object, patterns: object, attachments: object, options: object, virtualfs: unknown);
    fonts: Record<string, FontFaces>;
    _font: EmbeddedFont;
    page: { width: number; height: number };
    provideFont(familyName: string, bold: boolean, italics: boolean): EmbeddedFont;
    fontSize(size: number): this;
    fillColor(color: string): this;
    strokeColor(color: string): this;
    lineWidth(width: number): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    stroke(): this;
    addPage(options?: object): this;
    switchToPage(index: number): this;
    bufferedPageRange(): { start: number; count: number };
    text(text: string, x: number, y: number, options?: object): this;
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'end' | 'error', listener: (error?: Error) => void): this;
    end(): void;
  }
}
