import { readFile } from 'node:fs/promises';
import type { Launch } from '../../../../schemas/plans.ts';
import type { Db } from '../../../../streaming/store/db.ts';

/**
 * Where launches come from. The plans' action log owns them (`listLaunches` in src/lib/server/plans);
 * the impact computation only needs this function, so it can be given another one.
 */
export type LaunchSource = (db: Db) => Promise<Launch[]>;

/**
 * Until the plans work is merged, launches can be read from a JSON file named by VOC_IMPACT_LAUNCHES
 * (an array of `Launch`); without it there are none.
 */
export const defaultLaunchSource: LaunchSource = async () => {
  const path = process.env.VOC_IMPACT_LAUNCHES;
  if (!path) return [];
  return JSON.parse(await readFile(path, 'utf8')) as Launch[];
};
