import { createHmac } from 'node:crypto';
import type { ChannelKind } from './formats.ts';

/**
 * Request signing as each tool documents it, for robots created with a signing secret:
 * - DingTalk: sign = urlencode(base64(HMAC-SHA256(key = secret, msg = `${timestampMs}\n${secret}`))),
 *   sent as `timestamp` and `sign` query parameters; the timestamp must be within an hour of DingTalk's clock.
 * - Feishu/Lark: sign = base64(HMAC-SHA256(key = `${timestampSec}\n${secret}`, msg = "")), sent as
 *   `timestamp` (seconds, string) and `sign` fields of the JSON body.
 * - Slack and plain JSON: X-VoC-Timestamp and X-VoC-Signature = "sha256=" + hex HMAC(secret, `${ts}.${body}`),
 *   the Stripe/Slack style, so a receiver can check both origin and freshness.
 * WeCom robots have no signing (the key in the URL is the secret).
 */

export interface SignedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

export function voCSignature(secret: string, timestampSec: number, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex');
}

/** The request for one channel at time `now` (epoch ms). */
export function buildRequest(kind: ChannelKind, url: string, payload: Record<string, unknown>, now: number, secret?: string): SignedRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (!secret || kind === 'wecom') return { url, headers, body: JSON.stringify(payload) };
  if (kind === 'dingtalk') {
    const u = new URL(url);
    u.searchParams.set('timestamp', String(now));
    u.searchParams.set('sign', dingtalkSign(secret, now));
    return { url: u.toString(), headers, body: JSON.stringify(payload) };
  }
  const sec = Math.floor(now / 1000);
  if (kind === 'feishu') return { url, headers, body: JSON.stringify({ timestamp: String(sec), sign: feishuSign(secret, sec), ...payload }) };
  const body = JSON.stringify(payload);
  return { url, headers: { ...headers, 'x-voc-timestamp': String(sec), 'x-voc-signature': voCSignature(secret, sec, body) }, body };
}
