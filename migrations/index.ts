// Every migration, in order. Listed explicitly so that the compiled app, the CLI and the tests
// (which run the TypeScript sources) all load the same set without file globs.
import { Foundation1764140000000 } from './1764140000000-Foundation.js';
import { BudgetCycle1764150000000 } from './1764150000000-BudgetCycle.js';
import { Allocation1764160000000 } from './1764160000000-Allocation.js';
import { SupportRounds1764170000000 } from './1764170000000-SupportRounds.js';
import { Jobs1764175000000 } from './1764175000000-Jobs.js';
import { Monitoring1764180000000 } from './1764180000000-Monitoring.js';
import { SignInLimits1764191000000 } from './1764191000000-SignInLimits.js';
import { DicOpinionInBalancing1764191100000 } from './1764191100000-DicOpinionInBalancing.js';
import { DecidedFigures1764191200000 } from './1764191200000-DecidedFigures.js';
import { AuditAnchor1764192000000 } from './1764192000000-AuditAnchor.js';
import { Classification1764250000000 } from './1764250000000-Classification.js';
import { Appraisal1764260000000 } from './1764260000000-Appraisal.js';
import { EstimateLedger1764300000000 } from './1764300000000-EstimateLedger.js';
import { JobLeases1764310000000 } from './1764310000000-JobLeases.js';
import { BalancingRunVersion1764320000000 } from './1764320000000-BalancingRunVersion.js';
import { TargetValueBounds1764330000000 } from './1764330000000-TargetValueBounds.js';

export const MIGRATIONS = [
  Foundation1764140000000,
  BudgetCycle1764150000000,
  Allocation1764160000000,
  SupportRounds1764170000000,
  Jobs1764175000000,
  Monitoring1764180000000,
  SignInLimits1764191000000,
  DicOpinionInBalancing1764191100000,
  DecidedFigures1764191200000,
  AuditAnchor1764192000000,
  Classification1764250000000,
  Appraisal1764260000000,
  EstimateLedger1764300000000,
  JobLeases1764310000000,
  BalancingRunVersion1764320000000,
  TargetValueBounds1764330000000,
];
