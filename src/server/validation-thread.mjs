// Entry point of a validation worker thread: the service's sources are TypeScript, run by tsx.
import { register } from 'tsx/esm/api';

register();
await import('./validation-thread.ts');
