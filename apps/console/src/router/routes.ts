import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '@/api/access';
import { allowed } from '@/store/auth';
import { evaluationPages } from './modules/evaluation';
import { hasChildNodes } from '@/utils/labels';
import { exchangePages } from './modules/exchange';
import { findingPages } from './modules/findings';
import { oversightPages } from './modules/oversight';
import { planningPages } from './modules/planning';
import { rectificationPages } from './modules/rectification';

declare module 'vue-router' {
  interface RouteMeta {
    /** The page title (also the menu entry). */
    title?: string;
    /** The API route the page reads first: who may call it may open the page. */
    route?: string;
    /** Shown in the side menu, in this group. */
    menu?: '工作' | '巡察' | '移交整改' | '统计' | '管理';
    /** In the menu only at a node with children (a subtree to look across). */
    subtree?: boolean;
    public?: boolean;
  }
}

/** The console's pages, in menu order; each is its own chunk (areas in ./modules). */
export const pages: RouteRecordRaw[] = [
  {
    path: 'workbench',
    name: 'workbench',
    component: () => import('@/views/WorkbenchView.vue'),
    meta: { title: '工作台', route: 'GET /workbench', menu: '工作' },
  },
  {
    path: 'directives',
    name: 'directives',
    component: () => import('@/views/directives/DirectiveListView.vue'),
    meta: { title: '部署', route: 'GET /directives', menu: '工作' },
  },
  {
    path: 'directives/new',
    name: 'directive-issue',
    component: () => import('@/views/directives/DirectiveIssueView.vue'),
    meta: { title: '下发部署', route: 'POST /directives' },
  },
  {
    path: 'directives/:id',
    name: 'directive',
    component: () => import('@/views/directives/DirectiveDetailView.vue'),
    meta: { title: '部署详情', route: 'GET /directives/{id}' },
  },
  ...oversightPages,
  ...planningPages,
  ...findingPages,
  ...exchangePages,
  ...rectificationPages,
  {
    path: 'coverage',
    name: 'coverage',
    component: () => import('@/views/CoverageView.vue'),
    meta: { title: '全覆盖', route: 'GET /coverage', menu: '统计' },
  },
  {
    path: 'statistics',
    name: 'statistics',
    component: () => import('@/views/statistics/StatisticsView.vue'),
    meta: { title: '年度统计', route: 'GET /statistics/{year}', menu: '统计' },
  },
  {
    path: 'special-reports',
    name: 'special-reports',
    component: () => import('@/views/reports/SpecialReportsView.vue'),
    meta: { title: '专题报告', route: 'GET /special-reports', menu: '统计' },
  },
  {
    path: 'common-problems',
    name: 'common-problems',
    component: () => import('@/views/CommonProblemsView.vue'),
    meta: { title: '举一反三', route: 'GET /common-problems', menu: '统计', subtree: true },
  },
  {
    path: 'registry',
    name: 'registry',
    component: () => import('@/views/RegistryView.vue'),
    meta: { title: '对象库', route: 'GET /organizations', menu: '统计' },
  },
  ...evaluationPages,
  {
    path: 'audit',
    name: 'audit',
    component: () => import('@/views/AuditView.vue'),
    meta: { title: '审计', route: 'GET /audit', menu: '管理' },
  },
  {
    path: 'admin/users',
    name: 'users',
    component: () => import('@/views/admin/UsersView.vue'),
    meta: { title: '用户与角色', route: 'GET /users', menu: '管理' },
  },
  {
    path: 'admin/nodes',
    name: 'nodes',
    component: () => import('@/views/admin/NodesView.vue'),
    meta: { title: '节点运行', route: 'GET /federation/status', menu: '管理' },
  },
];

export interface MenuGroup {
  title: string;
  items: { name: string; title: string; path: string }[];
}

/**
 * The side menu for a user's roles: only pages whose API the user may call; the pages that
 * look across a subtree only once the node's tier is known to have children.
 */
export function menuFor(roles: readonly Role[], tier?: string): MenuGroup[] {
  const groups: MenuGroup[] = [];
  for (const page of pages) {
    const { menu, route, title, subtree } = page.meta ?? {};
    if (!menu || !route || !allowed(route, roles)) continue;
    if (subtree && !hasChildNodes(tier)) continue;
    let group = groups.find((g) => g.title === menu);
    if (!group) groups.push((group = { title: menu, items: [] }));
    group.items.push({ name: String(page.name), title: title ?? '', path: `/${page.path}` });
  }
  return groups;
}
