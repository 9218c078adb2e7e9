// Worker threads do not inherit the TypeScript loader of the process that starts them (tsx), so the
// worker registers it itself before loading its TypeScript entry (workerData.entry, a file URL).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
