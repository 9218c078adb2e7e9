import type { TestProject } from 'vitest/node';
import { startServers } from './servers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    clickhouseUrl: string;
  }
}

/** One Redis and one ClickHouse for the whole run; each test file isolates itself by key prefix and database. */
export default async function setup(project: TestProject) {
  const servers = await startServers();
  project.provide('redisUrl', servers.redisUrl);
  project.provide('clickhouseUrl', servers.clickhouseUrl);
  return () => servers.stop();
}
