/**
 * Request bodies: read with kube-apiserver's 3 MiB limit, then decoded by Content-Type. The
 * codec table is the seam where part 2 adds protobuf for built-in kinds.
 *
 * @module
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest, requestEntityTooLarge, unsupportedMediaType } from './status.js';

/** kube-apiserver's `MaxRequestBodyBytes`. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Media types accepted for object bodies (POST/PUT), as kube lists them in 415 errors. */
export const OBJECT_MEDIA_TYPES = ['application/json', 'application/yaml'] as const;

/** Reads the whole body, failing with 413 beyond {@link MAX_BODY_BYTES} (the rest is discarded). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(requestEntityTooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(requestEntityTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Parses JSON text, answering 400 like kube's decoder on malformed input. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`);
  }
}

/** Parses YAML (one document; JSON is YAML), answering 400 on malformed input. */
export function parseYamlText(text: string): unknown {
  try {
    return parseYaml(text, { strict: true, uniqueKeys: true, maxAliasCount: 100 }) as unknown;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!;
    throw badRequest(`error converting YAML to JSON: yaml: ${message}`);
  }
}

/** Decodes a POST/PUT body by Content-Type into a JSON value. */
export function decodeObjectBody(contentType: string | undefined, body: Buffer): unknown {
  const type = mediaType(contentType);
  const text = body.toString('utf8');
  if (type === 'application/json' || type === '') return parseJson(text);
  if (type === 'application/yaml') return parseYamlText(text);
  throw unsupportedMediaType(type, OBJECT_MEDIA_TYPES);
}

/** True for ApiErrors raised while reading or decoding. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
