import type { RouteRecordRaw } from 'vue-router';

/** 信息沟通: information and support requests sent by this node and received by its bodies. */
export const exchangePages: RouteRecordRaw[] = [
  {
    path: 'information-requests',
    name: 'information-requests',
    component: () => import('@/views/exchange/ExchangeView.vue'),
    meta: { title: '信息沟通', route: 'GET /information-requests', menu: '巡察' },
  },
];
