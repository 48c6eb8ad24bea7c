// A controller process for the leader hand-over test: runs a Manager with leader election against
// the URL in argv, prints LEADING once it leads, and stops cleanly on SIGTERM.
import { Manager, controllerFor, reconcilerFunc } from '../../src/runtime/index.js';
import { systemClock } from '../../src/util/index.js';
import { clientFor, quietLog } from './runtime.js';

const [url, identity, namespace] = process.argv.slice(2) as [string, string, string];
const manager = new Manager({
  client: clientFor(url), log: quietLog, clock: systemClock,
  leaderElection: { namespace, name: 'proc-leader', identity, leaseDurationMs: 3000, renewDeadlineMs: 2000, retryPeriodMs: 500 },
});
controllerFor(manager, { apiVersion: 'v1', kind: 'ConfigMap' }, { namespace }).complete(reconcilerFunc(() => Promise.resolve({})));
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort());
const timer = setInterval(() => {
  if (manager.isLeader) {
    process.stdout.write('LEADING\n');
    clearInterval(timer);
  }
}, 20);
process.stdout.write('STARTED\n');
manager.start(stop.signal).then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
