import { runBackendConformance } from './backend.conformance.js';
import { createMemoryBackend } from './index.js';

runBackendConformance({ name: 'memory', open: () => createMemoryBackend() });
