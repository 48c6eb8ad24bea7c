/**
 * sprig's specialised groups (hashes, crypto, uuid/semver, dates, OS/network, JSON), gathered
 * in one list so sprig/index.ts needs a single line for them.
 *
 * @module
 */
import type { FuncDef } from '../registry.js';
import { certFuncs } from './certs.js';
import { cryptoFuncs } from './crypto.js';
import { dateFuncs } from './dates.js';
import { hashFuncs } from './hashes.js';
import { jsonFuncs } from './json.js';
import { osFuncs } from './os.js';
import { randomFuncs } from './random.js';
import { semverFuncs } from './semver.js';

/** Every set-B sprig function. */
export const setBFuncs: readonly FuncDef[] = [...hashFuncs, ...randomFuncs, ...osFuncs, ...jsonFuncs, ...semverFuncs, ...dateFuncs, ...cryptoFuncs, ...certFuncs];
