import type { RouteRecordRaw } from 'vue-router';

/** 指导督导: engagements this node conducts over its descendants, and those it receives. */
export const oversightPages: RouteRecordRaw[] = [
  {
    path: 'oversight',
    name: 'oversight',
    component: () => import('@/views/oversight/EngagementListView.vue'),
    meta: { title: '指导督导', route: 'GET /oversight/engagements', menu: '工作' },
  },
  {
    path: 'oversight/:id',
    name: 'engagement',
    component: () => import('@/views/oversight/EngagementView.vue'),
    meta: { title: '督导详情', route: 'GET /oversight/engagements/{id}' },
  },
];
