import { writeSync } from 'node:fs';
import { ibanProblem } from '../../contract/iban.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

/** The line every request writes (at `info`). */
export interface RequestLine {
  requestId: string;
  method: string;
  /** Without the query string: it may carry a link token. */
  path: string;
  status: number;
  ms: number;
}

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** `info('request', line)`, written without walking an object: it runs on every request. */
  request(line: RequestLine): void;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const SENSITIVE_KEY = /authorization|password|passwd|secret|token|api[-_]?key|^key$|iban|pin|cookie|^handle$/i;
const SENSITIVE_VALUE: [RegExp, string | ((match: string) => string)][] = [
  [/\btk_(pub|sec|ses|ess|sgh)_[A-Za-z0-9_-]+/g, 'tk_$1_[redacted]'],
  [/\bBearer\s+\S+/gi, 'Bearer [redacted]'],
  // IBANs, with or without the usual groups of four: only what is one (country length, check digits), so
  // that mandate references, customer numbers and ids that merely look alike stay readable.
  [/\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b/g, (m) => (ibanProblem(m) ? m : '[iban redacted]')],
  // Database errors name the query's parameters (`Failed query: … params: …`): whole signups. Never logged.
  [/\nparams: [\s\S]*?(?=\n {4}at |$)/g, '\nparams: [omitted]'],
];

const redactText = (text: string) => SENSITIVE_VALUE.reduce((s, [re, by]) => s.replace(re, by as string), text);
/** Whatever SENSITIVE_VALUE could match starts like this; paths rarely do, so most skip the three patterns. */
const MAYBE_SENSITIVE = /tk_|bearer|[A-Z]{2}\d{2}/i;

/** `new Date().toISOString()`, made once per millisecond (many request lines share one). */
let lastMs = 0;
let lastIso = '';
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

/** Removes keys, tokens, passwords and IBANs from anything about to be logged. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) {
    return { name: value.name, message: redact(value.message), stack: redact(value.stack ?? '') };
  }
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SENSITIVE_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)]),
  );
}

/**
 * Lines to stdout, gathered and written every 20 ms (or per 64 KB): stdout on a pipe is a synchronous
 * write(2) each time, which under load cost more than the line itself. What is still gathered when the
 * process exits is written then; a process killed with SIGKILL loses at most its last 20 ms of lines.
 */
export function stdoutLines(): (line: string) => void {
  let pending = '';
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const out = pending;
    pending = '';
    process.stdout.write(out);
  };
  process.on('exit', () => pending && writeSync(1, pending));
  return (line) => {
    pending += `${line}\n`;
    if (pending.length >= 65_536) flush();
    else timer ??= setTimeout(flush, 20).unref();
  };
}

/** JSON lines, one object per event, redacted. `write` is injectable so tests can read the output. */
export function createLogger(level: LogLevel = 'info', write: (line: string) => void = stdoutLines()): Logger {
  const at =
    (lvl: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields: LogFields = {}) => {
      if (order[lvl] < order[level]) return;
      write(JSON.stringify({ time: isoNow(), level: lvl, msg, ...(redact(fields) as LogFields) }));
    };
  const requests = order.info >= order[level];
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    request: (r) => {
      if (!requests) return;
      const path = MAYBE_SENSITIVE.test(r.path) ? redactText(r.path) : r.path;
      write(
        `{"time":"${isoNow()}","level":"info","msg":"request","requestId":${JSON.stringify(r.requestId)},"method":${JSON.stringify(r.method)},"path":${JSON.stringify(path)},"status":${r.status},"ms":${r.ms}}`,
      );
    },
  };
}
