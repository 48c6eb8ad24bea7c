// Load generator for the secretmanager bench, run as a separate process so that the server
// (single-threaded, in the bench process) keeps its core to itself. Keeps `connections`
// keep-alive sockets busy with GETs of one URL for `durationMs` after a warm-up, and prints
// {"count","elapsedMs","latenciesMs":{p50,p99},"failures"} as JSON on stdout.
//
// usage: node secretmanager-load-client.mjs URL TOKEN DURATION_MS CONNECTIONS
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const [url, token, durationText, connectionsText] = process.argv.slice(2);
const durationMs = Number(durationText);
const connections = Number(connectionsText);
const warmupMs = Math.min(1000, durationMs / 4);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const target = new URL(url);
const options = { agent, host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, headers: { authorization: `Bearer ${token}` } };

function once() {
  return new Promise((resolve, reject) => {
    const request = http.get(options, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', reject);
  });
}

const latencies = [];
let failures = 0;
let counting = false;
let stop = false;

async function loop() {
  while (!stop) {
    const start = performance.now();
    const status = await once();
    if (!counting) continue;
    if (status !== 200) failures++;
    latencies.push(performance.now() - start);
  }
}

const loops = Array.from({ length: connections }, loop);
await sleep(warmupMs);
counting = true;
const begin = performance.now();
await sleep(durationMs);
counting = false;
const elapsedMs = performance.now() - begin;
stop = true;
await Promise.all(loops);
agent.destroy();
latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))];
process.stdout.write(`${JSON.stringify({ count: latencies.length, elapsedMs, latenciesMs: { p50: at(50), p99: at(99) }, failures })}\n`);
