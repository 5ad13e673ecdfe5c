import type { RouteRecordRaw } from 'vue-router';

/** 后评估: rounds at the inspected organization's node, and the teams' records where they were conducted. */
export const evaluationPages: RouteRecordRaw[] = [
  {
    path: 'evaluation',
    name: 'evaluation',
    component: () => import('@/views/evaluation/EvaluationListView.vue'),
    meta: { title: '后评估', route: 'GET /evaluation/inspections', menu: '统计' },
  },
  {
    path: 'evaluation/teams',
    name: 'evaluation-teams',
    component: () => import('@/views/evaluation/TeamEvaluationsView.vue'),
    meta: { title: '巡察组评价', route: 'GET /evaluation/teams', menu: '统计' },
  },
];
