import MagicString from 'magic-string';
import type { Plugin } from 'vite';

/** The string literal in `widgets/loader.ts` (`JSON.parse('{"__telkit_preload__":[]}')`) that the build fills in. */
const PLACEHOLDER = /(["'])(?:\\.|(?!\1).)*__telkit_preload__(?:\\.|(?!\1).)*\1/;
/** The loader's `'tk-x': () => import('./x.js')`, as the bundler renders it. */
const TAG_IMPORT = /(['"](tk-[a-z-]+)['"]:\s*\(\)\s*=>\s*import\(['"])\.\/([^'"]+)(['"]\))/g;

/**
 * Two things for `loader.js`, so that a page needs one round trip after the loader:
 * - each tag imports the chunk that defines its element, not an entry that only re-exports from it
 *   (`login.js` → `chunks/portal-….js`): one file less on the way;
 * - the files each tag loads besides that chunk (its static imports, transitively; names inside `chunks/`)
 *   are filled in, for the loader to preload them all at once when the tag appears.
 */
export function loaderPreloads(loaderName = 'loader.js'): Plugin {
  return {
    name: 'telkit:loader-preloads',
    apply: 'build',
    renderChunk(code, chunk, _options, meta) {
      if (chunk.fileName !== loaderName) return null;
      const placeholder = PLACEHOLDER.exec(code);
      if (!placeholder) throw new Error(`${loaderName}: no __telkit_preload__ to fill in`);
      const chunks = Object.values(meta.chunks);
      /** An entry without code of its own re-exports its module from the chunk that holds it. */
      const definingChunk = (file: string): string => {
        const entry = meta.chunks[file];
        if (!entry?.facadeModuleId || entry.moduleIds.some((id) => entry.modules[id]?.renderedLength)) return file;
        return chunks.find((c) => c.moduleIds.includes(entry.facadeModuleId!) && c.modules[entry.facadeModuleId!]?.renderedLength)?.fileName ?? file;
      };
      const closure = (file: string, seen = new Set<string>()): Set<string> => {
        if (seen.has(file)) return seen;
        seen.add(file);
        for (const imported of meta.chunks[file]?.imports ?? []) closure(imported, seen);
        return seen;
      };
      const s = new MagicString(code);
      const byTag: Record<string, string[]> = {};
      for (const match of code.matchAll(TAG_IMPORT)) {
        const [, before, tag, entry, after] = match;
        const target = definingChunk(entry!);
        // Without the chunk the tag imports (the import fetches it at once) and without the `chunks/` every file has.
        byTag[tag!] = [...closure(target)].filter((file) => file !== target).map((file) => file.replace(/^chunks\//, ''));
        s.overwrite(match.index, match.index + match[0].length, `${before}./${target}${after}`);
      }
      if (Object.keys(byTag).length === 0) throw new Error(`${loaderName}: no tags found`);
      s.overwrite(placeholder.index, placeholder.index + placeholder[0].length, JSON.stringify(JSON.stringify(byTag)));
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
  };
}
