// The watch clients of the latency benchmark, in a worker thread so that reading 100 streams
// does not run on the server's event loop. Each client is a bare TCP socket that sends the
// watch request and scans the chunked response for complete event lines: no HTTP library, so
// the figure is the server's delivery and not a client library's parsing of 100 streams on
// one thread. A line is stamped, when its terminating newline arrives, with process.hrtime
// (CLOCK_MONOTONIC, the same clock in every thread) and the object's name; the main thread
// subtracts the commit time it stamped for that name.
//
// Protocol: workerData = { host, port, path, watchers, expected }; the worker posts { ready }
// once every watch has its response headers, then { names, at } once `expected` lines arrived
// (or on { stop } from the main thread).
import { type Socket, connect } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

interface Setup {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly watchers: number;
  readonly expected: number;
}

const { host, port, path, watchers, expected } = workerData as Setup;
const parent = parentPort!;
const names: string[] = [];
const at: number[] = [];
const sockets: Socket[] = [];
let finished = false;

function finish(): void {
  if (finished) return;
  finished = true;
  for (const socket of sockets) socket.destroy();
  parent.postMessage({ names, at });
}

/** Records the event lines completed by `text`; returns the unfinished rest. */
function scan(text: string, now: number): string {
  let start = 0;
  let nl;
  while ((nl = text.indexOf('\n', start)) >= 0) {
    const name = /"name":"([^"]+)"/.exec(text.slice(start, nl))?.[1];
    start = nl + 1;
    if (name === undefined) continue;
    names.push(name);
    at.push(now);
  }
  if (names.length >= expected) finish();
  return text.slice(start);
}

function open(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    sockets.push(socket);
    socket.setEncoding('utf8');
    let headers = true;
    let text = '';
    socket.on('data', (chunk: string) => {
      const now = Number(process.hrtime.bigint()) / 1e6;
      text += chunk;
      if (headers) {
        const end = text.indexOf('\r\n\r\n');
        if (end < 0) return;
        if (!text.startsWith('HTTP/1.1 200')) reject(new Error(`watch answered ${text.slice(0, text.indexOf('\r\n'))}`));
        headers = false;
        text = text.slice(end + 4);
        resolve();
      }
      text = scan(text, now);
    });
    socket.on('error', (error) => {
      if (!finished) reject(error);
    });
    socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nAccept: application/json\r\n\r\n`);
  });
}

parent.on('message', (message: { stop?: boolean }) => {
  if (message.stop) finish();
});
await Promise.all(Array.from({ length: watchers }, open));
parent.postMessage({ ready: true });
