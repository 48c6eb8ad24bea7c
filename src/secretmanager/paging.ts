/**
 * Page tokens and sizes for list calls. A token is the opaque, base64url-encoded key of the
 * last item returned; the next page starts after it, so items added or removed between pages
 * never make a client skip one that stayed.
 *
 * @module
 */
import { invalidArgument } from './errors.js';

/** Google's ceiling for `pageSize` on Secret Manager lists. */
export const MAX_PAGE_SIZE = 25_000;

export interface PageRequest {
  readonly pageSize?: string | null;
  readonly pageToken?: string | null;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextPageToken?: string;
}

/**
 * Takes the page of `sorted` (already filtered, in list order) after the token's key.
 * `keyOf` gives each item's stable key; `after` says whether an item comes after a key.
 */
export function takePage<T>(sorted: readonly T[], request: PageRequest, defaultSize: number, keyOf: (item: T) => string, after: (item: T, key: string) => boolean): Page<T> {
  const size = request.pageSize ? Number(request.pageSize) : 0;
  if (!Number.isInteger(size) || size < 0) throw invalidArgument(`Invalid page_size [${request.pageSize}]: expected a non-negative integer.`);
  let start = 0;
  if (request.pageToken) {
    const key = Buffer.from(request.pageToken, 'base64url').toString('utf8');
    if (!key.startsWith('k:')) throw invalidArgument('Invalid page_token.');
    start = sorted.findIndex((item) => after(item, key.slice(2)));
    if (start < 0) start = sorted.length;
  }
  const limit = Math.min(size === 0 ? defaultSize : size, MAX_PAGE_SIZE);
  const items = sorted.slice(start, start + limit);
  const last = items.at(-1);
  if (start + limit >= sorted.length || last === undefined) return { items };
  return { items, nextPageToken: Buffer.from(`k:${keyOf(last)}`).toString('base64url') };
}
