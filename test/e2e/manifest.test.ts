import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// custom-elements.json, as `npm run build` writes it (npm test builds first): what integrators and
// Storybook's docs read. Only the public surface: attributes a page may set, events it may hear.
type Declaration = { tagName?: string; attributes?: { name: string }[]; events?: { name?: string }[] };

describe('custom-elements.json', () => {
  it('describes every element the loader knows, with its public attributes and events only', () => {
    const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as { modules: { declarations?: Declaration[] }[] };
    const elements = new Map(manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName!, d]));
    const loaderTags = [...readFileSync('widgets/loader.ts', 'utf8').matchAll(/'(tk-[a-z-]+)': \(\) => import/g)].map((m) => m[1]!);
    expect(loaderTags.length).toBeGreaterThanOrEqual(6);
    for (const tag of loaderTags) expect(elements.has(tag), tag).toBe(true);

    const attributes = (tag: string) => elements.get(tag)!.attributes!.map((a) => a.name);
    expect(attributes('tk-provider')).toEqual(expect.arrayContaining(['api', 'publishable-key', 'locale', 'session-secret', 'persist-session']));
    expect(attributes('tk-password-setup')).toEqual(expect.arrayContaining(['token', 'username', 'login-url', 'api', 'publishable-key', 'locale']));
    expect(attributes('tk-porting')).toEqual(expect.arrayContaining(['order-id', 'order-url', 'heading-level', 'api', 'publishable-key', 'locale']));
    expect(attributes('tk-port-orders')).toEqual(expect.arrayContaining(['order-id', 'heading-level']));
    expect(attributes('tk-credential-reset')).toEqual(expect.arrayContaining(['profile-url', 'heading-level', 'api', 'publishable-key', 'locale']));
    expect(elements.get('tk-credential-reset')!.events!.map((e) => e.name)).toEqual(expect.arrayContaining(['tk-complete', 'tk-cancel', 'tk-step-change', 'tk-error']));
    expect(elements.get('tk-porting')!.events!.map((e) => e.name)).toEqual(expect.arrayContaining(['tk-complete', 'tk-cancel', 'tk-open-order']));
    for (const [tag, element] of elements) {
      expect(attributes(tag), tag).not.toEqual(expect.arrayContaining(['values']));
      expect(attributes(tag), tag).not.toContain('step');
      expect(element.events?.every((e) => e.name), `${tag} events are named`).toBe(true);
    }
    expect(elements.get('tk-provider')!.events!.map((e) => e.name)).toContain('tk-session-expired');
  });
});
