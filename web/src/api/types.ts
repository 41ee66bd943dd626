// The shapes the screens read. Each is taken from the generated OpenAPI schema where the API
// declares it; money is always a digit string.
export type Role = 'UNIT_OFFICER' | 'UNIT_HEAD' | 'DIC_REVIEWER' | 'DOF_OFFICER' | 'DPI_OFFICER' | 'CHAIR' | 'ADMIN' | 'AUDITOR';
export type EstimateStatus = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'BALANCED' | 'APPROVED';

export interface Me {
  userId: string;
  username: string;
  fullName: string;
  role: Role;
  unitId: string;
  unitScope: string[] | null;
}

export interface LoginResult {
  accessToken: string;
  user: { id: string; username: string; fullName: string; role: Role; unitId: string };
}

export interface FiscalYear {
  year: number;
  planPeriod: string;
  submissionDeadline: string | null;
  balancingDeadline: string | null;
  committeeDeadline: string | null;
  lateSubmissionPolicy: 'FLAG' | 'REFUSE';
  version: number;
}

export interface Named {
  code: string;
  name: string;
  nameEn: string;
}

export interface Catalog {
  planAreas: (Named & { parentCode: string | null; selectable: boolean })[];
  fundingSources: (Named & { budgetLevel: string | null })[];
  expenditureTypes: Named[];
  activityKinds: Named[];
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  kind: string;
}

export interface Line {
  id: string;
  lineNo: number;
  isContinuing: boolean;
  planAreaCode: string;
  expenditureTypeCode: string;
  fundingSourceCode: string;
  activityKindCode: string;
  description: string;
  measureUnit: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  multiYearTotal: string | null;
  contingency: string | null;
  committedMinimum: string;
  priorityTier: number;
  justification: string;
  approvedAmount: string | null;
  dicOpinion: 'AGREE' | 'AGREE_WITH_CHANGES' | 'DISAGREE' | null;
  dicNote: string | null;
}

export interface AmountByCode {
  code: string;
  amount: string;
}

export interface Estimate {
  id: string;
  unitId: string;
  year: number;
  status: EstimateStatus;
  version: number;
  submittedAt: string | null;
  submittedLate: boolean;
  returnComment: string | null;
  unit: Unit;
  lines: Line[];
  totals: { total: string; lineCount: number; byPlanArea: AmountByCode[]; byFundingSource: AmountByCode[]; byExpenditureType: AmountByCode[] };
  supportAwarded: { fundingSourceCode: string; amount: string }[];
}

export interface EstimateListItem {
  id: string;
  unitId: string;
  year: number;
  status: EstimateStatus;
  version: number;
  unit: Unit;
  total: string;
  lineCount: number;
}
