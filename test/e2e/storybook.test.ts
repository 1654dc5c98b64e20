import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, collectProblems, launch } from './helpers/browser.js';

// Every story — every primitive in every state, and the provider's states — in both themes and both
// languages, checked with axe in a real browser. Needs `npm run build-storybook` first (npm test does).
const root = 'storybook-static';
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
type Story = { id: string; type: string; title: string };
/** The built index (read when the file loads, so that each group of stories is a test of its own). */
const index = existsSync(join(root, 'index.json')) ? (JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as { entries: Record<string, Story> }) : undefined;
const stories = Object.values(index?.entries ?? {}).filter((e) => e.type === 'story');
const titles = [...new Set(stories.map((s) => s.title))];

let server: Server;
let base: string;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  if (!existsSync(join(root, 'index.json'))) throw new Error('storybook-static is missing: run `npm run build-storybook`');
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname)).replace(/^\/+/, '') || 'index.html';
    if (path === 'favicon.ico') return res.writeHead(204).end(); // the browser asks once per session
    const file = join(root, path);
    if (path.startsWith('..') || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  // localhost, not the address: passkeys (the login's passkey stories) never work on an IP address.
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
  browser = await launch();
  page = await browser.newPage();
  problems = collectProblems(page);
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

describe('Storybook', () => {
  it('is built, with a story for every primitive in every state', () => {
    expect(index, 'storybook-static is missing: run `npm run build-storybook`').toBeDefined();
    for (const tag of ['Text field', 'Select', 'Checkbox', 'Radio group', 'Date field']) {
      const names = stories.filter((s) => s.title === `Primitives/${tag}`).map((s) => s.id.split('--')[1]);
      expect(names, tag).toEqual(expect.arrayContaining(['empty', 'filled', 'invalid', 'disabled']));
    }
    expect(stories.filter((s) => s.title === 'Primitives/Button').map((s) => s.id.split('--')[1])).toEqual(expect.arrayContaining(['busy', 'disabled']));
  });

  // One test per component: each has its own time, and a failure names the component.
  for (const title of titles) {
    it(`${title}: every story axe-clean in both themes and languages`, async () => {
      for (const story of stories.filter((s) => s.title === title)) {
        for (const globals of ['theme:light;locale:de', 'theme:dark;locale:en']) {
          await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story&globals=${globals}`);
          await page.waitForFunction(() => document.querySelector('#storybook-root')?.childElementCount);
          // the provider's requests to the fake API; a widget story's play function walks through its steps
          await page.waitForTimeout(story.id.startsWith('widgets-') ? 700 : 150);
          expect(await axeViolations(page), `${story.id} (${globals})`).toEqual([]);
          // nothing in the console: a play function that found no button, a failed request
          expect(problems.splice(0), `${story.id} (${globals})`).toEqual([]);
        }
      }
    }, 300_000);
  }
});
