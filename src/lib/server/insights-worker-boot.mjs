// Worker threads do not inherit the TypeScript loader of the process that starts them (tsx), so the
// worker registers it itself before loading its TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./insights-worker-main.ts');
