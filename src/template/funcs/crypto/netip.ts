/**
 * Go's net.ParseIP and net.IP.String for the addresses certificates carry: dotted IPv4 (no
 * leading zeros), IPv6 with `::` and an optional trailing IPv4 part, no zones. Addresses are
 * 16-byte arrays, as Go stores them; `to4` gives the 4-byte form when there is one.
 *
 * @module
 */

const V4_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function parseV4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseV6(s: string): number[] | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const fields = part.split(':');
    for (const [i, f] of fields.entries()) {
      if (i === fields.length - 1 && f.includes('.')) {
        const v4 = parseV4(f);
        if (v4 === undefined) return undefined;
        out.push(...v4);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(f)) return undefined;
        const n = parseInt(f, 16);
        out.push(n >> 8, n & 0xff);
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 1) return head.length === 16 ? head : undefined;
  if (head.length + tail.length > 14) return undefined;
  return [...head, ...new Array<number>(16 - head.length - tail.length).fill(0), ...tail];
}

/** net.ParseIP: the 16-byte address, or undefined where Go returns nil. */
export function parseIP(s: string): Uint8Array | undefined {
  const v4 = parseV4(s);
  if (v4 !== undefined) return Uint8Array.from([...V4_PREFIX, ...v4]);
  if (!s.includes(':')) return undefined;
  const v6 = parseV6(s);
  return v6 === undefined ? undefined : Uint8Array.from(v6);
}

/** net.IP.To4: the 4-byte form of an IPv4 (or IPv4-mapped) address, else undefined. */
export function to4(ip: Uint8Array): Uint8Array | undefined {
  if (ip.length === 4) return ip;
  if (ip.length === 16 && V4_PREFIX.every((b, i) => ip[i] === b)) return ip.subarray(12);
  return undefined;
}

/** net.IP.String for 4- and 16-byte addresses (RFC 5952 form for IPv6). */
export function ipString(ip: Uint8Array): string {
  const v4 = to4(ip);
  if (v4 !== undefined) return [...v4].join('.');
  if (ip.length !== 16) return `?${Buffer.from(ip).toString('hex')}`;
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((ip[i]! << 8) | ip[i + 1]!);
  // The longest run of two or more zero words becomes `::` (the first one on a tie).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}
