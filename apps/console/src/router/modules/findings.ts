import type { RouteRecordRaw } from 'vue-router';

/** 我的巡察, 问题底稿, 报告: the team drafts and reviews findings; reports, decision, feedback. */
export const findingPages: RouteRecordRaw[] = [
  {
    path: 'my-inspections',
    name: 'my-inspections',
    component: () => import('@/views/findings/MyInspectionsView.vue'),
    meta: { title: '我的巡察', route: 'GET /inspections/mine', menu: '巡察' },
  },
  {
    path: 'inspections/:id/findings',
    name: 'findings',
    component: () => import('@/views/findings/FindingListView.vue'),
    meta: { title: '问题底稿', route: 'GET /inspections/{id}/findings' },
  },
  {
    path: 'inspections/:id/findings/new',
    name: 'finding-draft',
    component: () => import('@/views/findings/FindingDraftView.vue'),
    meta: { title: '起草问题', route: 'POST /inspections/{id}/findings' },
  },
  {
    path: 'inspections/:id/findings/:findingId',
    name: 'finding',
    component: () => import('@/views/findings/FindingView.vue'),
    meta: { title: '问题底稿', route: 'GET /findings/{id}' },
  },
  {
    path: 'inspections/:id/reports',
    name: 'reports',
    component: () => import('@/views/findings/ReportsView.vue'),
    meta: { title: '巡察报告', route: 'GET /inspections/{id}/reports' },
  },
];
