import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('fills in the demo defaults', () => {
    const c = loadConfig({});
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.PROGRESS_LOG_MS).toBe(30_000);
    expect(c.BATCH_MAX).toBe(2000);
  });

  it('reads numbers given as strings', () => {
    expect(loadConfig({ PROGRESS_LOG_MS: '5000', BATCH_MS: '50' })).toMatchObject({ PROGRESS_LOG_MS: 5000, BATCH_MS: 50 });
  });

  it('names the variable that is wrong instead of starting with a silent NaN', () => {
    expect(() => loadConfig({ PROGRESS_LOG_MS: 'soon' })).toThrow(/invalid configuration: PROGRESS_LOG_MS/);
    expect(() => loadConfig({ PROGRESS_LOG_MS: '10' })).toThrow(/PROGRESS_LOG_MS/);
    expect(() => loadConfig({ CLICKHOUSE_DATABASE: 'voc; DROP TABLE x' })).toThrow(/CLICKHOUSE_DATABASE/);
  });
});
