// Issue 14: an empty list must tell the clerk what to do next, never only antd's 「暂无数据」. Every antd Table and
// List in the renderer is found by parsing its source (so a table added later is covered without listing it here)
// and must carry `locale={{ emptyText: … }}` with text of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const RENDERER = join(ROOT, 'renderer', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.tsx') ? [path] : [];
  });
}

type Found = { where: string; emptyText: string | null };

/** The antd `Table` / `List` elements of one file with the source text of their `locale.emptyText`, if any. */
function listsOf(file: string): Found[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Found[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && ts.isIdentifier(node.tagName) && ['Table', 'List'].includes(node.tagName.text)) {
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      let emptyText: string | null = null;
      for (const attr of node.attributes.properties) {
        if (!ts.isJsxAttribute(attr) || attr.name.getText(sf) !== 'locale') continue;
        const expr = attr.initializer && ts.isJsxExpression(attr.initializer) ? attr.initializer.expression : undefined;
        if (!expr || !ts.isObjectLiteralExpression(expr)) continue;
        for (const p of expr.properties) if (ts.isPropertyAssignment(p) && p.name.getText(sf) === 'emptyText') emptyText = p.initializer.getText(sf);
      }
      found.push({ where: `${relative(ROOT, file)}:${line + 1} <${node.tagName.text}>`, emptyText });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const all = sources(RENDERER).flatMap(listsOf);

describe('empty lists name the next step', () => {
  it('finds the renderer’s tables and lists', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  it('every Table and List has its own empty text, never the bare 暂无数据', () => {
    const bare = all.filter((f) => f.emptyText === null || /暂无数据|^['"`]\s*['"`]$/.test(f.emptyText)).map((f) => f.where);
    expect(bare).toEqual([]);
  });
});
