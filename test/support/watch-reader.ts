/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- watch lines are untyped JSON */
/** Reads a watch response line by line, for tests that check the exact event sequence. */
import { type ClientRequest, request } from 'node:http';

export interface WatchReader {
  /** The next event line, parsed. Rejects when the stream ends first. */
  next(): Promise<any>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  /** Events received but not yet taken with next(). */
  readonly buffered: readonly any[];
  close(): void;
}

/** Opens a watch; resolves once the response headers (200) arrived. */
export function openWatch(url: string): Promise<WatchReader> {
  return new Promise((resolve, reject) => {
    const lines: any[] = [];
    const waiting: { resolve: (line: any) => void; reject: (error: Error) => void }[] = [];
    let done = false;
    let endedResolve: () => void = () => undefined;
    const ended = new Promise<void>((r) => (endedResolve = r));
    const req: ClientRequest = request(url, { agent: false }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`watch answered ${res.statusCode}`));
        res.resume();
        return;
      }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        let nl;
        while ((nl = text.indexOf('\n')) >= 0) {
          const line = JSON.parse(text.slice(0, nl)) as unknown;
          text = text.slice(nl + 1);
          const waiter = waiting.shift();
          if (waiter) waiter.resolve(line);
          else lines.push(line);
        }
      });
      const finish = (): void => {
        if (done) return;
        done = true;
        for (const w of waiting.splice(0)) w.reject(new Error('the watch ended'));
        endedResolve();
      };
      res.on('end', finish);
      res.on('close', finish);
      resolve({
        next: () => {
          if (lines.length > 0) return Promise.resolve(lines.shift());
          if (done) return Promise.reject(new Error('the watch ended'));
          return new Promise((res2, rej2) => waiting.push({ resolve: res2, reject: rej2 }));
        },
        ended,
        get buffered() {
          return lines;
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', (error) => {
      if (!done) reject(error);
    });
    req.end();
  });
}
