// TypeORM column transformers for money and quantities. Plain objects: no framework import needed.
import { normaliseDecimal } from './vnd.js';

interface ValueTransformer<Db, Code> {
  to(value: Code): Db;
  from(value: Db): Code;
}

/** numeric(20,0) ↔ bigint. pg returns numeric as a string, so no float ever appears. */
export const vndColumn: ValueTransformer<string | null | undefined, bigint | null | undefined> = {
  to: (value) => (value === null || value === undefined ? value : value.toString()),
  from: (value) => (value === null || value === undefined ? value : BigInt(value)),
};

/** numeric(p,s) ↔ normalised decimal string ("2.5000" → "2.5"): quantities and ratios. */
export const decimalColumn: ValueTransformer<string | null | undefined, string | null | undefined> = {
  to: (value) => value,
  from: (value) => (value === null || value === undefined ? value : normaliseDecimal(value)),
};
