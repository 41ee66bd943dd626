// `npm run bench`: every benchmark, in order. Add new ones to the list.
import { benchAllocation } from './allocation.bench.js';

const benchmarks: readonly (readonly [name: string, run: () => Promise<unknown>])[] = [
  ['allocation', benchAllocation],
];

for (const [name, run] of benchmarks) {
  console.log(`# ${name}`);
  await run();
}
