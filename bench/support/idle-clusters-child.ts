// Measures the memory of N idle remote clusters in this process: each a client (own agent,
// rate limiter, discovery) plus one label-filtered ConfigMap informer, synced and watching.
// Prints one JSON line. Run with --expose-gc.
import { ClusterRegistry } from '../../src/runtime/index.js';
import { systemClock } from '../../src/util/index.js';

const [url, countText] = process.argv.slice(2) as [string, string];
const count = Number(countText);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
function settle(): NodeJS.MemoryUsage {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage();
}
const registry = new ClusterRegistry({ clock: systemClock, clientSettings: { qps: Infinity } });
// Warm up code paths with one cluster so lazily compiled code and module state are in the baseline.
const warm = await registry.add('warm', { server: `${url}/clusters/c0` });
await warm.cache.informerFor({ gvk: { apiVersion: 'v1', kind: 'ConfigMap' }, namespace: 'default', labelSelector: 'flotilla.io/bench=idle' }).waitForSync();
const before = settle();
for (let i = 0; i < count; i++) {
  const cluster = await registry.add(`c${i}`, { server: `${url}/clusters/c${i}` });
  cluster.cache.informerFor({ gvk: { apiVersion: 'v1', kind: 'ConfigMap' }, namespace: 'default', labelSelector: 'flotilla.io/bench=idle' });
}
await Promise.all(registry.list().map((c) => c.cache.waitForSync()));
await new Promise((r) => setTimeout(r, 500));
const afterSync = settle();
process.stdout.write(`${JSON.stringify({ rss: afterSync.rss - before.rss, heap: afterSync.heapUsed - before.heapUsed, external: afterSync.external - before.external, count })}\n`);
await registry.close();
process.exit(0);
