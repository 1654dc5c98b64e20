// Login-name suggestions for workplaces (`tk-porting`'s workplaces step): apart from `porting.ts`, so that
// the transliteration tables reach only the code that suggests names (the widget loads it with that step).
import transliterate from '@sindresorhus/transliterate';
import { isLoginName } from './porting.js';

export { isLoginName };

/**
 * A login-name suggestion from a display name: transliterated to ASCII by a well-kept library
 * (`@sindresorhus/transliterate`: ä → ae, ß → ss, é → e, ł → l), lower case, the words joined by dots,
 * cut to 32 characters; `taken` (lower case) adds `.2`, `.3`, … until the name is free. Undefined when
 * nothing usable remains (a name in a script without a transliteration).
 */
export function suggestLoginName(displayName: string, taken: Iterable<string> = []): string | undefined {
  const words = transliterate(displayName)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let base = words.join('.').slice(0, 32).replace(/\.+$/, '');
  if (base.length === 0) return undefined;
  if (base.length < 3) base = `${base}.pbx`.slice(0, 32);
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `.${n}`;
    const candidate = base.slice(0, 32 - suffix.length).replace(/\.+$/, '') + suffix;
    if (!used.has(candidate)) return candidate;
  }
}
