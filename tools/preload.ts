import MagicString from 'magic-string';
import type { Plugin } from 'vite';

/** The string literal in `widgets/loader.ts` (`JSON.parse('{"__telkit_preload__":[]}')`) that the build fills in. */
const PLACEHOLDER = /(["'])(?:\\.|(?!\1).)*__telkit_preload__(?:\\.|(?!\1).)*\1/;

/**
 * Fills in, in `loader.js`, the files each of its tags loads: the entry the loader imports for the tag and
 * that entry's static imports, transitively, relative to the loader. The loader preloads them all at once
 * when the tag appears, so a page needs one round trip after the loader instead of one per import level.
 */
export function loaderPreloads(loaderName = 'loader.js'): Plugin {
  return {
    name: 'telkit:loader-preloads',
    apply: 'build',
    renderChunk(code, chunk, _options, meta) {
      if (chunk.fileName !== loaderName) return null;
      const placeholder = PLACEHOLDER.exec(code);
      if (!placeholder) throw new Error(`${loaderName}: no __telkit_preload__ to fill in`);
      const closure = (file: string, seen = new Set<string>()): Set<string> => {
        if (seen.has(file)) return seen;
        seen.add(file);
        for (const imported of meta.chunks[file]?.imports ?? []) closure(imported, seen);
        return seen;
      };
      const byTag: Record<string, string[]> = {};
      for (const [, tag, path] of code.matchAll(/['"](tk-[a-z-]+)['"]:\s*\(\)\s*=>\s*import\(['"]\.\/([^'"]+)['"]\)/g)) {
        byTag[tag!] = [...closure(path!)];
      }
      if (Object.keys(byTag).length === 0) throw new Error(`${loaderName}: no tags found`);
      const s = new MagicString(code);
      s.overwrite(placeholder.index, placeholder.index + placeholder[0].length, JSON.stringify(JSON.stringify(byTag)));
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
  };
}
