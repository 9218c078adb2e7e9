import type { Launch } from '../../../../schemas/plans.ts';
import type { Db } from '../../../../streaming/store/db.ts';
import { listLaunches } from '../plans/launches.ts';

/**
 * Where launches come from: the plans' action log (a launch event with a time and a scope). The impact
 * computation only needs this function, so a test or a tool can give it another one.
 */
export type LaunchSource = (db: Db) => Promise<Launch[]>;

export const defaultLaunchSource: LaunchSource = listLaunches;
