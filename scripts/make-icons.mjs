#!/usr/bin/env node
// Draws the app icon and the installer art into resources/ (committed; run again only to change the design):
//   icon.png (512 px), icons/256x256.png and 512x512.png (Linux), icon.ico (16–256 px, PNG entries), installer-sidebar.bmp (164×314) and
//   installer-header.bmp (150×57) for the NSIS installer (electron-builder.yml points at them).
// The mark is a red square seal with 「低保」 in white, set in the bundled Noto Serif SC Bold (run `npm ci` first so
// that resources/fonts holds it). Shapes are drawn as PDF with pdfkit (pdfmake's own renderer) and rasterised by
// poppler (pdftocairo / pdftoppm, `apt-get install poppler-utils`); the BMPs and the ICO are then assembled here
// from poppler's PNG and PPM output, so the same font and poppler give the same bytes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources');
const require = createRequire(join(root, 'node_modules', 'pdfmake', 'package.json'));
const PDFDocument = require('pdfkit');
const fontkit = require('fontkit');

const FONT = join(out, 'fonts', 'NotoSerifSC-Bold.ttf');
const RED = '#b7181f'; // 印泥红, dark enough for white text to pass contrast on a small icon
const INK = '#5c0b0f';
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const font = fontkit.openSync(FONT);

/** Writes one PDF page of w×h points drawn by `draw`, and returns its path. */
async function pdf(dir, name, w, h, draw) {
  const doc = new PDFDocument({ size: [w, h], margin: 0, info: { CreationDate: new Date(0), Producer: 'dibao', Creator: 'dibao' } });
  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise((ok) => doc.on('end', ok));
  doc.registerFont('seal', FONT);
  draw(doc);
  doc.end();
  await done;
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

/** Text centred on (cx, cy) by the ink of its glyphs, not by the font's line box (CJK glyphs sit high in it). */
function centredText(doc, text, size, cx, cy, color) {
  const run = font.layout(text);
  const scale = size / font.unitsPerEm;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, pen = 0;
  run.glyphs.forEach((g, i) => {
    const b = g.bbox;
    x0 = Math.min(x0, pen + b.minX);
    x1 = Math.max(x1, pen + b.maxX);
    y0 = Math.min(y0, b.minY);
    y1 = Math.max(y1, b.maxY);
    pen += run.positions[i].xAdvance;
  });
  const left = cx - ((x0 + x1) / 2) * scale;
  const baseline = cy + ((y0 + y1) / 2) * scale;
  doc.font('seal').fontSize(size).fillColor(color).text(text, left, baseline, { lineBreak: false, baseline: 'alphabetic' });
}

/** The seal on a square of side s at (x, y): rounded red square, a white frame inside, 低保 in white. */
function seal(doc, x, y, s) {
  doc.roundedRect(x, y, s, s, s * 0.11).fill(RED);
  const inset = s * 0.075;
  doc.lineWidth(s * 0.03).roundedRect(x + inset, y + inset, s - 2 * inset, s - 2 * inset, s * 0.05).stroke('#ffffff');
  centredText(doc, '低保', s * 0.38, x + s / 2, y + s / 2, '#ffffff');
}

/** Vertical 低保案件台 in the sidebar, one character under the other. */
function column(doc, text, size, cx, top, gap, color) {
  [...text].forEach((ch, i) => centredText(doc, ch, size, cx, top + i * (size + gap) + size / 2, color));
}

// ---------------------------------------------------------------- raster formats

/** Width and height from a PNG's IHDR (pdftocairo writes 8-bit RGBA, no timestamps). */
function pngSize(png) {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Reads a binary PPM (P6) as written by pdftoppm. */
function readPpm(buf) {
  const header = buf.toString('latin1', 0, 64).split(/\s+/);
  if (header[0] !== 'P6' || header[3] !== '255') throw new Error('unexpected PPM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const offset = buf.length - width * height * 3;
  return { width, height, rgb: buf.subarray(offset) };
}

/** 24-bit BMP (BITMAPINFOHEADER, bottom-up rows padded to 4 bytes): what NSIS's MUI2 pages load. */
function bmp({ width, height, rgb }) {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const data = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const row = (height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[row + x * 3] = rgb[i + 2];
      data[row + x * 3 + 1] = rgb[i + 1];
      data[row + x * 3 + 2] = rgb[i];
    }
  }
  const head = Buffer.alloc(54);
  head.write('BM', 0, 'latin1');
  head.writeUInt32LE(54 + data.length, 2);
  head.writeUInt32LE(54, 10);
  head.writeUInt32LE(40, 14);
  head.writeInt32LE(width, 18);
  head.writeInt32LE(height, 22);
  head.writeUInt16LE(1, 26);
  head.writeUInt16LE(24, 28);
  head.writeUInt32LE(data.length, 34);
  head.writeInt32LE(2835, 38); // 72 dpi
  head.writeInt32LE(2835, 42);
  return Buffer.concat([head, data]);
}

/** An ICO whose entries are PNGs (read by Windows since Vista and by electron-builder's icon check). */
function ico(pngs) {
  const head = Buffer.alloc(6 + 16 * pngs.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(pngs.length, 4);
  let offset = head.length;
  pngs.forEach((png, i) => {
    const { width, height } = pngSize(png);
    const e = 6 + 16 * i;
    head.writeUInt8(width >= 256 ? 0 : width, e);
    head.writeUInt8(height >= 256 ? 0 : height, e + 1);
    head.writeUInt8(0, e + 2);
    head.writeUInt8(0, e + 3);
    head.writeUInt16LE(1, e + 4);
    head.writeUInt16LE(32, e + 6);
    head.writeUInt32LE(png.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([head, ...pngs]);
}

// ---------------------------------------------------------------- drawing

const work = mkdtempSync(join(tmpdir(), 'dibao-icons-'));
try {
  const iconPdf = await pdf(work, 'icon', 256, 256, (doc) => seal(doc, 8, 8, 240));
  const png = (size) => {
    const base = join(work, `icon-${size}`);
    execFileSync('pdftocairo', ['-png', '-transp', '-singlefile', '-scale-to', String(size), iconPdf, base]);
    return readFileSync(`${base}.png`);
  };
  mkdirSync(join(out, 'icons'), { recursive: true });
  writeFileSync(join(out, 'icon.png'), png(512));
  writeFileSync(join(out, 'icons', '256x256.png'), png(256));
  writeFileSync(join(out, 'icons', '512x512.png'), png(512));
  writeFileSync(join(out, 'icon.ico'), ico(ICO_SIZES.map(png)));

  const sidebarPdf = await pdf(work, 'sidebar', 164, 314, (doc) => {
    doc.rect(0, 0, 164, 314).fill('#ffffff');
    doc.rect(0, 0, 164, 132).fill('#fbf3f2');
    seal(doc, 37, 28, 90);
    column(doc, '低保案件台', 22, 82, 150, 6, INK);
    doc.rect(0, 306, 164, 8).fill(RED);
  });
  const headerPdf = await pdf(work, 'header', 150, 57, (doc) => {
    doc.rect(0, 0, 150, 57).fill('#ffffff');
    seal(doc, 100, 6, 45);
    centredText(doc, '低保案件台', 15, 48, 28.5, INK);
  });
  const ppm = (file, name, w, h) => {
    const base = join(work, name);
    execFileSync('pdftoppm', ['-singlefile', '-scale-to-x', String(w), '-scale-to-y', String(h), file, base]);
    return readPpm(readFileSync(`${base}.ppm`));
  };
  writeFileSync(join(out, 'installer-sidebar.bmp'), bmp(ppm(sidebarPdf, 'sidebar', 164, 314)));
  writeFileSync(join(out, 'installer-header.bmp'), bmp(ppm(headerPdf, 'header', 150, 57)));
  console.log('make-icons: resources/icon.png, icons/, icon.ico, installer-sidebar.bmp, installer-header.bmp written');
} finally {
  rmSync(work, { recursive: true, force: true });
}
