/**
 * Reading requests and writing responses: bounded bodies, JSON and form parsing that never
 * echoes body text (it may hold a payload), and answers in Google's JSON shapes.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OAuthError } from '../authenticator.js';
import { invalidArgument, type GoogleApiError } from '../errors.js';

/** Largest request body read: a 64 KiB payload is about 88 KiB of JSON. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the body, refusing more than {@link MAX_BODY_BYTES}. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw invalidArgument(`Request payload size exceeds the limit: ${MAX_BODY_BYTES} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw invalidArgument(`Request payload size exceeds the limit: ${MAX_BODY_BYTES} bytes.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a JSON body. The error names only the position: JSON.parse messages quote the text
 * around the mistake, and that text may be a secret payload.
 */
export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw invalidArgument(`Invalid JSON payload received.${position ? ` Syntax error at position ${position}.` : ''}`);
  }
}

/** Parses an OAuth token request: a form, or (leniently) JSON. */
export function parseForm(request: IncomingMessage, body: Buffer): URLSearchParams {
  if ((request.headers['content-type'] ?? '').includes('application/json')) {
    const json = parseJson(body);
    if (json === null || typeof json !== 'object') throw new OAuthError('invalid_request', 'The request body must be a form or a JSON object.');
    return new URLSearchParams(Object.entries(json).map(([k, v]): [string, string] => [k, String(v)]));
  }
  return new URLSearchParams(body.toString('utf8'));
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8', 'cache-control': 'private' };

export function sendJson(response: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(text), ...extraHeaders });
  response.end(text);
}

/** Google's JSON error answer; 401s carry the `WWW-Authenticate` challenge Google sends. */
export function sendGoogleError(response: ServerResponse, error: GoogleApiError): void {
  const headers: Record<string, string> = error.status === 'UNAUTHENTICATED' ? { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' } : {};
  sendJson(response, error.httpCode, error.toBody(), headers);
}

/** RFC 6749 error answer of the token endpoint. */
export function sendOAuthError(response: ServerResponse, error: OAuthError): void {
  sendJson(response, 400, { error: error.error, error_description: error.description });
}
