import type { RouteRecordRaw } from 'vue-router';

/** 移交, 整改: referrals sent and received; rectification on the organization's own node. */
export const rectificationPages: RouteRecordRaw[] = [
  {
    path: 'referrals',
    name: 'referrals',
    component: () => import('@/views/referrals/ReferralListView.vue'),
    meta: { title: '移交', route: 'GET /referrals', menu: '移交整改' },
  },
  {
    path: 'referrals/new',
    name: 'referral-new',
    component: () => import('@/views/referrals/ReferralNewView.vue'),
    meta: { title: '移交问题', route: 'POST /findings/{id}/referrals' },
  },
  {
    path: 'referrals/:id',
    name: 'referral',
    component: () => import('@/views/referrals/ReferralDetailView.vue'),
    meta: { title: '移交详情', route: 'GET /referrals' },
  },
  {
    path: 'rectifications',
    name: 'rectifications',
    component: () => import('@/views/rectification/RectificationListView.vue'),
    meta: { title: '整改', route: 'GET /rectifications', menu: '移交整改' },
  },
  {
    path: 'routine-supervision',
    name: 'routine-supervision',
    component: () => import('@/views/rectification/RoutineSupervisionView.vue'),
    meta: { title: '整改日常监督', route: 'GET /routine-supervision', menu: '移交整改' },
  },
  {
    path: 'rectifications/:id',
    name: 'rectification',
    component: () => import('@/views/rectification/RectificationView.vue'),
    meta: { title: '整改详情', route: 'GET /rectifications/{id}' },
  },
];
