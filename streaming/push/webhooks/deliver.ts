import type { SignedRequest } from './sign.ts';

/**
 * Sends one webhook with retries. Network errors, timeouts, 5xx and 429 are retried with exponential
 * back-off (429/503 honour Retry-After); other 4xx are permanent — the URL or the payload is wrong and
 * sending it again will not help. Chat robots answer 200 with an error code in the body (bad signature,
 * rate limit), so those bodies are read too.
 */

export interface DeliveryOptions {
  /** attempts in all, the first included */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  /** injectable for tests; defaults to setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

export const DELIVERY_DEFAULTS: DeliveryOptions = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 10_000 };

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  status: number | null;
  /** why the last attempt failed */
  error?: string;
  retriable?: boolean;
}

const sleepReal = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Retry-After is either seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const s = Number(header);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const t = Date.parse(header);
  return Number.isFinite(t) ? Math.max(0, t - now) : null;
}

// DingTalk/WeCom: {errcode, errmsg}; Feishu: {code, msg} (older: StatusCode). 0 is success.
// DingTalk 130101 and Feishu 9499/11232 mean "sending too fast": worth a retry, unlike a bad signature.
const THROTTLED = new Set([130101, 9499, 11232, 45009]);

function bodyError(text: string): { error: string; retriable: boolean } | null {
  let j: Record<string, unknown>;
  try { j = JSON.parse(text); } catch { return null; }
  if (j === null || typeof j !== 'object') return null;
  const code = j.errcode ?? j.code ?? j.StatusCode;
  if (typeof code !== 'number' || code === 0) return null;
  return { error: `robot error ${code}: ${String(j.errmsg ?? j.msg ?? j.StatusMessage ?? '')}`, retriable: THROTTLED.has(code) };
}

export async function deliver(req: SignedRequest, options: Partial<DeliveryOptions> = {}): Promise<DeliveryResult> {
  const o = { ...DELIVERY_DEFAULTS, ...options };
  const sleep = o.sleep ?? sleepReal;
  let last: DeliveryResult = { ok: false, attempts: 0, status: null, error: 'not sent' };
  for (let attempt = 1; attempt <= o.attempts; attempt++) {
    let wait: number | null = null;
    try {
      const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, signal: AbortSignal.timeout(o.timeoutMs) });
      const text = await res.text();
      if (res.ok) {
        const bad = bodyError(text);
        if (!bad) return { ok: true, attempts: attempt, status: res.status };
        last = { ok: false, attempts: attempt, status: res.status, ...bad };
      } else {
        const retriable = res.status >= 500 || res.status === 429 || res.status === 408;
        last = { ok: false, attempts: attempt, status: res.status, error: `HTTP ${res.status}: ${text.slice(0, 200)}`, retriable };
        wait = retryAfterMs(res.headers.get('retry-after'));
      }
    } catch (e) {
      last = { ok: false, attempts: attempt, status: null, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), retriable: true };
    }
    if (!last.retriable || attempt === o.attempts) break;
    // Full jitter would make tests nondeterministic; a fixed doubling is enough for a handful of robots.
    const backoff = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
    await sleep(Math.min(o.maxDelayMs, wait ?? backoff));
  }
  return last;
}
