import { createRouter, createWebHistory } from 'vue-router';
import { useAuth } from '@/store/auth';
import { pages } from './routes';

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('@/views/LoginView.vue'),
      meta: { title: '登录', public: true },
    },
    {
      path: '/evaluate',
      name: 'evaluate',
      component: () => import('@/views/evaluation/EvaluateView.vue'),
      meta: { title: '巡视巡察组纪律作风评价', public: true },
    },
    {
      path: '/',
      component: () => import('@/layouts/MainLayout.vue'),
      redirect: { name: 'workbench' },
      children: [
        ...pages,
        {
          path: ':missing(.*)*',
          name: 'not-found',
          component: () => import('@/views/NotFoundView.vue'),
          meta: { title: '页面不存在' },
        },
      ],
    },
  ],
});

router.beforeEach(async (to) => {
  const auth = useAuth();
  await auth.restore();
  if (to.meta.public) return true;
  if (!auth.user)
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  if (to.meta.route && !auth.can(to.meta.route))
    return { name: 'workbench', query: { denied: to.meta.title } };
  return true;
});

router.afterEach((to) => {
  const auth = useAuth();
  const node = auth.node?.name;
  document.title = [to.meta.title, node, '联动工作台'].filter(Boolean).join(' · ');
});
