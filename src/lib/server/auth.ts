import { timingSafeEqual } from 'node:crypto';
import { apiKeys, type Config } from '../../../streaming/config.ts';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Producer keys come from VOC_API_KEYS; with none configured, ingestion is closed rather than open. */
export function hasValidApiKey(request: Request, config: Config): boolean {
  const header = request.headers.get('x-api-key') ?? request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
  if (!header) return false;
  for (const key of apiKeys(config)) if (same(header, key)) return true;
  return false;
}
