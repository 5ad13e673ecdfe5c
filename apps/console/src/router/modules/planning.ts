import type { RouteRecordRaw } from 'vue-router';

/** 轮次与巡察, 交叉巡察, 干部人才库: the office plans rounds, teams and cross rotations. */
export const planningPages: RouteRecordRaw[] = [
  {
    path: 'rounds',
    name: 'rounds',
    component: () => import('@/views/planning/RoundListView.vue'),
    meta: { title: '轮次与巡察', route: 'GET /rounds', menu: '巡察' },
  },
  {
    path: 'rounds/:id',
    name: 'round',
    component: () => import('@/views/planning/RoundDetailView.vue'),
    meta: { title: '轮次详情', route: 'GET /rounds/{id}' },
  },
  {
    path: 'inspections/:id',
    name: 'inspection',
    component: () => import('@/views/planning/InspectionView.vue'),
    meta: { title: '巡察详情', route: 'GET /inspections/{id}' },
  },
  {
    path: 'cross',
    name: 'cross',
    component: () => import('@/views/planning/CrossView.vue'),
    meta: { title: '交叉巡察', route: 'GET /cross-orders', menu: '巡察' },
  },
  {
    path: 'personnel',
    name: 'personnel',
    component: () => import('@/views/planning/PersonnelView.vue'),
    meta: { title: '干部人才库', route: 'GET /personnel', menu: '巡察' },
  },
];
