// The route table: each screen once, with the roles that see it and its place in the navigation.
// Part 2 (DIC, DOF/DPI, the chair) adds its screens here; the shell and the guard read this table.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../api/types';

export const UNIT_ROLES: readonly Role[] = ['UNIT_OFFICER', 'UNIT_HEAD'];
export const PROVINCE_ROLES: readonly Role[] = ['DIC_REVIEWER', 'DOF_OFFICER', 'DPI_OFFICER', 'CHAIR', 'ADMIN', 'AUDITOR'];

export interface AppRoute {
  /** Under /app, react-router syntax. */
  path: string;
  roles: readonly Role[];
  /** i18n key of its navigation entry; none for screens reached from another screen. */
  nav?: string;
  Component: LazyExoticComponent<ComponentType>;
}

// Each screen group is its own chunk: the sign-in page ships none of them.
const MyWork = lazy(() => import('../features/work/MyWork'));
const loadEditor = () => import('../features/estimates/EditorPage');
const EditorPage = lazy(loadEditor);
const ExcelPage = lazy(() => import('../features/excel/ExcelPage'));
const ReviewPage = lazy(() => import('../features/review/ReviewPage'));
const ReportPage = lazy(() => import('../features/reports/ReportPage'));
const ProvinceHome = lazy(() => import('../features/province/ProvinceHome'));
const ReviewQueue = lazy(() => import('../features/dic/ReviewQueue'));
const ReviewEstimate = lazy(() => import('../features/dic/ReviewEstimate'));
const Cockpit = lazy(() => import('../features/finance/Cockpit'));
const BalanceEstimate = lazy(() => import('../features/finance/BalanceEstimate'));
const RunsPage = lazy(() => import('../features/finance/RunsPage'));
const BudgetPage = lazy(() => import('../features/province/BudgetPage'));
const YearSettings = lazy(() => import('../features/finance/YearSettings'));
const ApprovalInbox = lazy(() => import('../features/chair/ApprovalInbox'));
const SupportDecision = lazy(() => import('../features/chair/SupportDecision'));
const SupportRoundPage = lazy(() => import('../features/support/SupportRoundPage'));
const DashboardPage = lazy(() => import('../features/dashboards/DashboardPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));

const BALANCERS: readonly Role[] = ['DOF_OFFICER', 'DPI_OFFICER'];

export const ROUTES: readonly AppRoute[] = [
  { path: '', roles: UNIT_ROLES, nav: 'nav.work', Component: MyWork },
  { path: 'estimate', roles: UNIT_ROLES, nav: 'nav.editor', Component: EditorPage },
  { path: 'estimate/excel', roles: UNIT_ROLES, nav: 'nav.excel', Component: ExcelPage },
  { path: 'estimate/review', roles: UNIT_ROLES, nav: 'nav.review', Component: ReviewPage },
  { path: 'reports', roles: UNIT_ROLES, nav: 'nav.report', Component: ReportPage },
  { path: '', roles: ['DIC_REVIEWER'], nav: 'prov.nav.review', Component: ReviewQueue },
  { path: 'review/:id', roles: ['DIC_REVIEWER'], Component: ReviewEstimate },
  { path: '', roles: BALANCERS, nav: 'prov.nav.cockpit', Component: Cockpit },
  { path: 'balance/:id', roles: BALANCERS, Component: BalanceEstimate },
  { path: 'runs', roles: BALANCERS, nav: 'prov.nav.runs', Component: RunsPage },
  { path: 'settings', roles: ['DOF_OFFICER'], nav: 'prov.nav.settings', Component: YearSettings },
  { path: 'support', roles: BALANCERS, nav: 'supportRound.nav', Component: SupportRoundPage },
  { path: '', roles: ['CHAIR'], nav: 'prov.nav.inbox', Component: ApprovalInbox },
  { path: 'budget', roles: [...BALANCERS, 'CHAIR'], nav: 'prov.nav.budget', Component: BudgetPage },
  { path: 'support', roles: ['CHAIR'], nav: 'supportRound.navChair', Component: SupportDecision },
  { path: '', roles: ['AUDITOR'], nav: 'dash.nav.audit', Component: AuditPage },
  { path: 'audit', roles: ['DOF_OFFICER', 'CHAIR'], nav: 'dash.nav.audit', Component: AuditPage },
  { path: 'dashboard', roles: PROVINCE_ROLES, nav: 'dash.nav.dashboard', Component: DashboardPage },
  { path: '', roles: ['ADMIN'], nav: 'nav.province', Component: ProvinceHome },
];

/**
 * Screens whose chunk is fetched while the session is still loading when the address already names
 * them (a reload or a deep link): the largest screens, whose chunk would otherwise wait for `/auth/me`.
 */
const PRELOAD: Readonly<Record<string, () => Promise<unknown>>> = { '/app/estimate': loadEditor };

export function preloadScreen(pathname: string): void {
  void PRELOAD[pathname.replace(/\/$/, '')]?.();
}

/** The routes a role may open, in navigation order. */
export function routesFor(role: Role): AppRoute[] {
  return ROUTES.filter((route) => route.roles.includes(role));
}
