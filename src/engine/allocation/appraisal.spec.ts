import { allocationRequest, type CandidateLine } from './scenarios.js';

const line = (overrides: Partial<CandidateLine>): CandidateLine => ({
  lineId: 'L',
  amount: 300n,
  approvedAmount: null,
  committedMinimum: 100n,
  priorityTier: 2,
  fundingSourceCode: 'DISTRICT',
  isProject: false,
  designAgreed: null,
  dicOpinion: null,
  dicNote: null,
  ...overrides,
});

describe('balancing starts from the appraised figure', () => {
  it('asks for the appraised amount instead of the request, its minimum held within it', () => {
    expect(allocationRequest('BALANCE', line({}))).toMatchObject({ requested: 300n, minimum: 100n });
    expect(allocationRequest('BALANCE', line({ appraisedAmount: 250n }))).toMatchObject({ requested: 250n, minimum: 100n, tier: 2 });
    expect(allocationRequest('BALANCE', line({ appraisedAmount: 50n }))).toMatchObject({ requested: 50n, minimum: 50n });
  });

  it('tops up only to the appraised figure', () => {
    expect(allocationRequest('TOP_UP', line({ appraisedAmount: 250n, approvedAmount: 200n }))).toMatchObject({ requested: 50n, minimum: 0n });
    expect(allocationRequest('TOP_UP', line({ appraisedAmount: 250n, approvedAmount: 250n }))).toMatchObject({ requested: 0n });
  });
});
