/**
 * The notes translators see beside each English text: the comments above its key in `en/<part>.ts`. Read with
 * the TypeScript parser, loaded only when a spreadsheet is exported.
 */
import ts from 'typescript';

function commentText(raw: string): string {
  return raw
    .replace(/^\/\/\s?/, '')
    .replace(/^\/\*+|\*+\/$/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, '').trim())
    .filter((line) => line !== '')
    .join(' ');
}

const BLANK_LINE = /\n[ \t]*\r?\n/;

/**
 * The comments above each key of an English part: a `//` comment heads the keys below it up to the next blank
 * line (several stack); a `/** … *\/` comment belongs to the key right below it. A comment at the end of a
 * key's line is that key's, so it is not carried to the next one.
 */
export function englishNotes(source: string): Map<string, string[]> {
  const file = ts.createSourceFile('part.ts', source, ts.ScriptTarget.Latest, true);
  const notes = new Map<string, string[]>();
  let literal: ts.ObjectLiteralExpression | undefined;
  const find = (node: ts.Node): void => {
    if (literal) return;
    if (ts.isObjectLiteralExpression(node)) literal = node;
    else ts.forEachChild(node, find);
  };
  for (const statement of file.statements) if (ts.isVariableStatement(statement)) find(statement);
  if (!literal) return notes;
  let section: string[] = [];
  let first = true;
  for (const property of literal.properties) {
    const start = property.getStart(file);
    let own: string | null = null;
    let at = property.pos;
    for (const range of ts.getLeadingCommentRanges(source, property.pos) ?? []) {
      const gap = source.slice(at, range.pos);
      at = range.end;
      if (!first && !gap.includes('\n')) continue; // the previous key's own line comment
      if (BLANK_LINE.test(gap)) section = [];
      const text = commentText(source.slice(range.pos, range.end));
      if (range.kind === ts.SyntaxKind.SingleLineCommentTrivia) section.push(text);
      else own = text;
    }
    if (BLANK_LINE.test(source.slice(at, start))) {
      section = [];
      own = null;
    }
    first = false;
    const name = property.name;
    if (!name || !(ts.isStringLiteral(name) || ts.isIdentifier(name))) continue;
    notes.set(name.text, own === null ? [...section] : [...section, own]);
  }
  return notes;
}
