// The allocation engine's public API: pure TypeScript, no framework imports.
export {
  allocate,
  type AllocationBasis,
  type AllocationInput,
  type AllocationLineInput,
  type AllocationLineResult,
  type AllocationResult,
  type PartialTierDetail,
  type RoundingOutcome,
  type TierOutcome,
  type TierOutcomeKind,
} from './allocate.js';
export {
  AllocationError,
  AllocationInputError,
  InfeasibleAllocationError,
  type AllocationProblemLocation,
} from './allocation-errors.js';
export {
  explainAllocation,
  formatAllocationResult,
  type AllocationExplanation,
  type AllocationLineExplanation,
  type AllocationOutput,
  type AllocationRule,
  type AllocationStep,
} from './format-allocation-result.js';
export { parseAllocationInput } from './parse-allocation-input.js';
