/**
 * Every built-in type, in discovery order.
 *
 * @module
 */
import { reviewTypes } from '../../auth/reviews.js';
import { BuiltinTypes } from '../registry.js';
import { coreTypes } from './core.js';
import { crdType } from './crds.js';
import { otherTypes } from './others.js';

/** A fresh index of the built-in types (one per server; shared by all its clusters). */
export function createBuiltinTypes(): BuiltinTypes {
  return new BuiltinTypes([...coreTypes, ...otherTypes, crdType, ...reviewTypes]);
}
