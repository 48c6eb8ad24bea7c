/**
 * Duplicate keys in JSON text. `JSON.parse` silently keeps the last of two equal keys, while
 * kube's strict decoder reports `duplicate field "metadata.name"`; this scanner finds them
 * without building values. It assumes the text already parsed as JSON.
 *
 * @module
 */

interface Frame {
  readonly kind: 'object' | 'array';
  readonly path: string;
  readonly keys: Set<string>;
  index: number;
  pendingKey?: string;
}

function readString(text: string, start: number): { value: string; end: number } {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return { value: JSON.parse(text.slice(start, i + 1)) as string, end: i + 1 };
}

function childPath(frame: Frame | undefined): string {
  if (!frame) return '';
  if (frame.kind === 'array') return `${frame.path}[${frame.index}]`;
  return frame.path === '' ? frame.pendingKey ?? '' : `${frame.path}.${frame.pendingKey ?? ''}`;
}

/** Scanner state: open containers and whether the next string is an object key. */
interface Scan {
  readonly stack: Frame[];
  readonly duplicates: string[];
  expectKey: boolean;
}

function onString(scan: Scan, value: string): void {
  const top = scan.stack[scan.stack.length - 1];
  if (!scan.expectKey || top?.kind !== 'object') return;
  if (top.keys.has(value)) scan.duplicates.push(top.path === '' ? value : `${top.path}.${value}`);
  top.keys.add(value);
  top.pendingKey = value;
  scan.expectKey = false;
}

function onPunctuation(scan: Scan, ch: string): void {
  const top = scan.stack[scan.stack.length - 1];
  if (ch === '{' || ch === '[') {
    scan.stack.push({ kind: ch === '{' ? 'object' : 'array', path: childPath(top), keys: new Set(), index: 0 });
    scan.expectKey = ch === '{';
  } else if (ch === '}' || ch === ']') {
    scan.stack.pop();
  } else if (ch === ',') {
    if (top?.kind === 'array') top.index++;
    scan.expectKey = top?.kind === 'object';
  }
}

/** Paths of keys that appear twice in the same JSON object, in document order. */
export function findDuplicateKeys(text: string): string[] {
  const scan: Scan = { stack: [], duplicates: [], expectKey: false };
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') {
      const { value, end } = readString(text, i);
      i = end - 1;
      onString(scan, value);
    } else {
      onPunctuation(scan, text[i]!);
    }
  }
  return scan.duplicates;
}
