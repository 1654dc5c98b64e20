import MagicString from 'magic-string';
import type { Plugin } from 'vite';

/**
 * Collapses the whitespace in Lit's css`` and html`` templates, which JS minifiers leave alone.
 * Only the static text between `${…}` is touched; expressions are skipped by a small scanner.
 */
export function minifyTemplates(include: RegExp): Plugin {
  return {
    name: 'telkit:minify-templates',
    apply: 'build',
    transform(code, id) {
      if (!include.test(id) || !/\b(css|html)`/.test(code)) return null;
      const s = new MagicString(code);
      for (const match of code.matchAll(/\b(css|html)`/g)) {
        const kind = match[1] as 'css' | 'html';
        for (const [start, end] of staticParts(code, match.index + match[0].length)) {
          const text = code.slice(start, end);
          const small = kind === 'css' ? minifyCss(text) : text.replace(/\s*\n\s*/g, ' ');
          if (small !== text) s.overwrite(start, end, small || ' ');
        }
      }
      return { code: s.toString(), map: s.generateMap({ hires: true, source: id }) };
    },
  };
}

/** Whitespace collapses; around an expression (`border: ${width} solid ${color}`) one space stays. */
function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

/** [start, end) of each static text part of the template literal whose body starts at `i`. */
function staticParts(code: string, i: number): [number, number][] {
  const parts: [number, number][] = [];
  scanTemplate(code, i, parts);
  return parts;
}

/** Index just after the closing backtick of a template literal whose body starts at `i`. */
function scanTemplate(code: string, i: number, parts?: [number, number][]): number {
  let start = i;
  while (i < code.length) {
    const ch = code[i];
    if (ch === '\\') {
      i += 2;
    } else if (ch === '`') {
      if (parts && i > start) parts.push([start, i]);
      return i + 1;
    } else if (ch === '$' && code[i + 1] === '{') {
      if (parts && i > start) parts.push([start, i]);
      i = skipExpression(code, i + 2);
      start = i;
    } else i++;
  }
  return i;
}

/** Index just after the `}` closing an expression whose code starts at `i`. */
function skipExpression(code: string, i: number): number {
  let depth = 1;
  while (i < code.length) {
    const ch = code[i];
    if (ch === '`') {
      i = scanTemplate(code, i + 1);
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i + 1;
    else if (ch === '"' || ch === "'") {
      i++;
      while (i < code.length && code[i] !== ch) i += code[i] === '\\' ? 2 : 1;
    }
    i++;
  }
  return i;
}
