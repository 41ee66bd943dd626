import fc from 'fast-check';
import { findDuplicateId } from './unique-ids.js';

const withIds = (ids: readonly string[]): { id: string }[] => ids.map((id) => ({ id }));

describe('findDuplicateId', () => {
  it('finds nothing among distinct ids', () => {
    expect(findDuplicateId(withIds([]))).toBeNull();
    expect(findDuplicateId(withIds(['A', 'B', 'a', 'A ']))).toBeNull();
  });

  it('returns the first repeating line in input order and the line it repeats', () => {
    expect(findDuplicateId(withIds(['A', 'B', 'C', 'B', 'A']))).toEqual({ index: 3, firstIndex: 1 });
  });

  it('finds one duplicate among a hundred thousand ids', () => {
    const ids = Array.from({ length: 100_000 }, (_, index) => `line-${index}`);
    expect(findDuplicateId(withIds(ids))).toBeNull();
    ids.push('line-4242');
    expect(findDuplicateId(withIds(ids))).toEqual({ index: 100_000, firstIndex: 4242 });
  });

  it('agrees with a Map on random ids (short ids collide often)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 2 }), { maxLength: 300 }), (ids) => {
        const firstIndexById = new Map<string, number>();
        let expected: { index: number; firstIndex: number } | null = null;
        for (const [index, id] of ids.entries()) {
          const firstIndex = firstIndexById.get(id);
          if (firstIndex !== undefined) {
            expected = { index, firstIndex };
            break;
          }
          firstIndexById.set(id, index);
        }
        expect(findDuplicateId(withIds(ids))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
