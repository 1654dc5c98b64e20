/**
 * The baseline of the `POST /v1/numbers/check` scenario: bare node:http and postgres.js sending the
 * statements the BFF sends for one check (the session lookup, the route's rate-limit hit — on counters of
 * its own, so that the two sides do not use up each other's limit — the one
 * open-order statement), with the same number parsing (libphonenumber-js/max through the same pure
 * functions) and the same JSON answer. No framework, no ORM, no validation, no logging.
 *
 *   node --import tsx bench/lib/numbers-raw.ts <port> <database url>
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import postgres from 'postgres';
import { openPortOrderStatuses, type PortingCountry } from '../../contract/porting.js';
import { checkList, parseLine, reportOf } from '../../bff/domain/numbers.js';

const [port, url] = process.argv.slice(2);
const sql = postgres(url!, { max: 10, onnotice: () => {} });
const statuses = `{${openPortOrderStatuses.join(',')}}`;
const WINDOW_MS = 600_000;
let logged = false;

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const hash = createHash('sha256').update(token).digest('hex');
      const [found] = await sql`
        select s.*, u.*, t.* from sessions s join users u on u.id = s.user_id join tenants t on t.id = s.tenant_id
        where s.token_hash = ${hash} and s.revoked_at is null limit 1`;
      if (!found) {
        res.writeHead(401).end();
        return;
      }
      const now = Date.now();
      const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
      await sql`
        insert into rate_limits (bucket, window_start, window_end, hits) values (${`raw.numbers.check|user:${found.user_id}|${start}`}, ${new Date(start)}, ${new Date(start + WINDOW_MS)}, 1)
        on conflict (bucket) do update set hits = rate_limits.hits + 1 returning hits`;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { country?: PortingCountry; lines: string[] };
      const country = body.country ?? 'CH';
      const parsed = body.lines.map((l, i) => parseLine(l, i, country));
      checkList(parsed);
      const wanted = parsed.flatMap((l) => (l.e164 && !l.problems.includes('invalid') ? [{ i: l.index, f: l.range?.first ?? l.e164, l: l.range?.last ?? l.e164 }] : []));
      const hits = await sql`
        select w.i as "index" from jsonb_to_recordset(${sql.json(wanted)}::jsonb) as w(i int, f text, l text)
        where exists (
          select 1 from port_order_numbers n join port_orders o on o.id = n.order_id and o.tenant_id = n.tenant_id
          where n.tenant_id = ${found.tenant_id}::uuid and o.status = any(${statuses}::text[]) and o.id is distinct from ${null}::uuid
            and length(n.range_first) = length(w.f) and n.range_first <= w.l and n.range_last >= w.f)`;
      const hit = new Set(hits.map((r) => Number(r.index)));
      for (const line of parsed) if (hit.has(line.index)) line.problems.push('in_open_order');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reportOf(country, parsed, 'de')));
    } catch (err) {
      if (!logged) console.error((logged = true) && err);
      res.writeHead(500).end();
    }
  });
}).listen(Number(port), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => void sql.end().then(() => process.exit(0)));
