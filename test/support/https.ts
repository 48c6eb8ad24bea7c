/** A small HTTPS client for tests: trusts a given CA, sends a bearer token, returns status, headers and parsed JSON. */
import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

export interface HttpsCall {
  readonly method?: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly token?: string;
  readonly ca: string;
}

export function httpsCall(url: string, init: HttpsCall): Promise<{ status: number; headers: IncomingHttpHeaders; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: init.method ?? 'GET', ca: init.ca,
      headers: { ...(init.token !== undefined ? { Authorization: `Bearer ${init.token}` } : {}), ...(init.contentType ? { 'Content-Type': init.contentType } : {}) },
    }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
