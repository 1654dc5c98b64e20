import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../bff/lib/logger.js';

describe('the request log line', () => {
  it('is one JSON object with the request fields, the path redacted and escaped', () => {
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l));
    log.request({ requestId: 'abc-123', method: 'GET', path: '/v1/x/tk_pub_secretish_123/"quoted"', status: 200, ms: 3 });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: 'info', msg: 'request', requestId: 'abc-123', method: 'GET', status: 200, ms: 3 });
    expect(line.path).toBe('/v1/x/tk_pub_[redacted]/"quoted"');
    expect(new Date(line.time).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('is not written below info', () => {
    const lines: string[] = [];
    createLogger('warn', (l) => lines.push(l)).request({ requestId: 'a', method: 'GET', path: '/', status: 200, ms: 1 });
    expect(lines).toHaveLength(0);
  });
});

describe('stdout lines', () => {
  it('are gathered, and all written by the time the process exits', async () => {
    // 3000 lines: some written by size, some by the timer, the last ones at exit.
    const script = `
      import { createLogger } from './bff/lib/logger.ts';
      const log = createLogger('info');
      for (let i = 0; i < 2000; i++) log.info('line', { i });
      setTimeout(() => { for (let i = 2000; i < 3000; i++) log.info('line', { i }); process.exit(0); }, 50);
    `;
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.once('error', reject);
      child.once('exit', () => resolve(text));
    });
    const numbers = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).i as number);
    expect(numbers).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });
});
