export { estimateImpact, SETTLED_CYCLES } from './estimate.ts';
export type * from './types.ts';
