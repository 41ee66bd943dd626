// The shapes the screens read, named once: each is the generated OpenAPI schema (schema.d.ts) of
// the API's response. Money is always a digit string there.
import type { components } from './schema';

type Schemas = components['schemas'];

export type Me = Schemas['MeResponseDto'];
export type Role = Me['role'];
export type LoginResult = Schemas['LoginResponseDto'];
export type FiscalYear = Schemas['FiscalYearDto'];
export type Catalog = Schemas['CatalogDto'];
export type Estimate = Schemas['EstimateDto'];
export type EstimateStatus = Estimate['status'];
export type Line = Schemas['EstimateLineDto'];
export type AmountByCode = Schemas['AmountByCodeDto'];
export type EstimateListItem = Schemas['EstimateListItemDto'];
/** A line change's body. The generated type marks priorityTier required (from its documented default); the API takes any subset of the fields. */
export type UpdateLineBody = Schemas['UpdateLineDto'];
export type SubmissionChecklist = Schemas['SubmissionChecklistDto'];
export type ChecklistRule = Schemas['ChecklistRuleDto'];
export type ChecklistState = ChecklistRule['state'];
