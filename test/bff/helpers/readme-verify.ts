import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Verify = (secret: string, header: string | undefined, body: string | Buffer, nowSeconds?: number) => boolean;

/** The webhook verification snippet exactly as README.md shows it (its Webhooks section), written to a file and imported. */
export async function readmeVerify(): Promise<Verify> {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Webhooks\n'));
  const snippet = [...section.slice(0, section.indexOf('\n## ', 1)).matchAll(/```js\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((code) => code.includes('export function verify('));
  if (!snippet) throw new Error('README.md: no ```js block with `export function verify(` in the Webhooks section');
  const file = join(tmpdir(), `telkit-verify-${randomBytes(6).toString('hex')}.mjs`);
  writeFileSync(file, snippet);
  try {
    return ((await import(pathToFileURL(file).href)) as { verify: Verify }).verify;
  } finally {
    rmSync(file);
  }
}
