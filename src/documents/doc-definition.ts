// The subset of pdfmake's document-definition vocabulary the templates use. Kept local because
// pdfmake 0.3 has no published types; a typo in a property name should fail the type check.

export type Alignment = 'left' | 'center' | 'right' | 'justify';
export type Margin = number | [number, number] | [number, number, number, number];

export type CanvasLine = {
  type: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth?: number;
  dash?: { length: number; space?: number };
};

export type TableNode = {
  table: {
    widths?: (number | '*' | 'auto')[];
    /** Minimum row heights; content taller than this still grows the row. */
    heights?: number | number[] | ((row: number) => number | 'auto');
    headerRows?: number;
    dontBreakRows?: boolean;
    keepWithHeaderRows?: number;
    body: Content[][];
  };
  layout?: TableLayout;
};

export type TableLayout = {
  hLineWidth?: (i: number, node: TableNode) => number;
  vLineWidth?: (i: number, node: TableNode) => number;
  hLineColor?: (i: number, node: TableNode) => string;
  vLineColor?: (i: number, node: TableNode) => string;
  paddingLeft?: (i: number, node: TableNode) => number;
  paddingRight?: (i: number, node: TableNode) => number;
  paddingTop?: (i: number, node: TableNode) => number;
  paddingBottom?: (i: number, node: TableNode) => number;
  fillColor?: (rowIndex: number, node: TableNode, columnIndex: number) => string | null;
};

export type StyleProps = {
  font?: string;
  fontSize?: number;
  bold?: boolean;
  alignment?: Alignment;
  lineHeight?: number;
  color?: string;
  characterSpacing?: number;
  leadingIndent?: number;
  decoration?: 'underline' | 'lineThrough';
  noWrap?: boolean;
};

export type ContentObject = StyleProps & {
  text?: string | Content[];
  stack?: Content[];
  columns?: Content[];
  columnGap?: number;
  ol?: Content[];
  canvas?: CanvasLine[];
  table?: TableNode['table'];
  layout?: TableLayout;
  style?: string | string[];
  margin?: Margin;
  width?: number | '*' | 'auto';
  colSpan?: number;
  rowSpan?: number;
  unbreakable?: boolean;
  /** A marker pageBreakBefore looks for (layout.ts): rows of a ruled list, the signature row under it. */
  id?: string;
  pageBreak?: 'before' | 'after';
  pageOrientation?: 'portrait' | 'landscape';
};

export type Content = string | ContentObject | Content[];

export type DocInfo = {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator?: string;
  producer?: string;
  /** Taken from the document's own date, never the clock, so a reprint is byte-identical. */
  creationDate?: Date;
  modDate?: Date;
};

/** What pdfmake tells pageBreakBefore about a laid-out node (the subset the templates read). */
export type NodeInfo = { id?: string; pageNumbers: number[]; startPosition: { top: number; pageNumber: number } };
export type PageBreakHelpers = {
  getFollowingNodesOnPage: () => NodeInfo[];
  getNodesOnNextPage: () => NodeInfo[];
  getPreviousNodesOnPage: () => NodeInfo[];
};

export type DocDefinition = {
  info: DocInfo;
  pageSize: 'A4';
  pageOrientation: 'portrait' | 'landscape';
  pageMargins: [number, number, number, number];
  defaultStyle: StyleProps;
  styles?: Record<string, StyleProps & { margin?: Margin }>;
  content: Content[];
  header?: (currentPage: number, pageCount: number) => Content;
  footer?: (currentPage: number, pageCount: number) => Content;
  language?: string;
  /** pdfmake calls it for every laid-out node; true breaks the page before the node (see layout.ts). */
  pageBreakBefore?: (node: NodeInfo, helpers: PageBreakHelpers) => boolean;
};
