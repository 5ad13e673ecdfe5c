import { describe, expect, it } from 'vitest';
import { ROUTE_ACCESS } from '@/api/access';
import { menuFor, pages, type MenuGroup } from './routes';

/** The menu as group → titles, to compare at a glance. */
function titles(menu: MenuGroup[]): Record<string, string[]> {
  return Object.fromEntries(menu.map((g) => [g.title, g.items.map((i) => i.title)]));
}

describe('pages', () => {
  it('reads only API routes the node declares', () => {
    const unknown = pages.map((p) => p.meta?.route).filter((r) => r && !(r in ROUTE_ACCESS));
    expect(unknown).toEqual([]);
  });

  it('loads each page lazily', () => {
    for (const page of pages) expect(typeof page.component).toBe('function');
  });
});

describe('menuFor', () => {
  it('gives a viewer the workbench, rounds, rectification and the statistics, but no 部署 and no 管理', () => {
    const menu = menuFor(['viewer']);
    expect(titles(menu)).toEqual({
      工作: ['工作台'],
      巡察: ['轮次与巡察', '交叉巡察'],
      移交整改: ['整改'],
      统计: ['全覆盖', '年度统计', '专题报告', '对象库'],
    });
  });

  it('gives the inspection office 部署, 指导督导, the statistics, 后评估 and 节点运行', () => {
    expect(titles(menuFor(['inspection_office']))).toEqual({
      工作: ['工作台', '部署', '指导督导'],
      巡察: ['轮次与巡察', '交叉巡察', '干部人才库', '信息沟通'],
      移交整改: ['移交', '整改'],
      统计: ['全覆盖', '年度统计', '专题报告', '对象库', '后评估', '巡察组评价'],
      管理: ['节点运行'],
    });
  });

  it('gives an admin 审计, 用户与角色 and 节点运行 but no 部署 or statistics', () => {
    expect(titles(menuFor(['admin']))).toEqual({
      工作: ['工作台'],
      管理: ['审计', '用户与角色', '节点运行'],
    });
  });

  it('gives the leading group everything but 用户与角色', () => {
    expect(titles(menuFor(['leading_group']))).toEqual({
      工作: ['工作台', '部署', '指导督导'],
      巡察: ['轮次与巡察', '交叉巡察', '干部人才库', '信息沟通'],
      移交整改: ['移交', '整改'],
      统计: ['全覆盖', '年度统计', '专题报告', '对象库', '后评估', '巡察组评价'],
      管理: ['审计', '节点运行'],
    });
  });

  it('joins the menus of several roles, each page once', () => {
    expect(titles(menuFor(['viewer', 'admin', 'inspection_office']))).toEqual({
      工作: ['工作台', '部署', '指导督导'],
      巡察: ['轮次与巡察', '交叉巡察', '干部人才库', '信息沟通'],
      移交整改: ['移交', '整改'],
      统计: ['全覆盖', '年度统计', '专题报告', '对象库', '后评估', '巡察组评价'],
      管理: ['审计', '用户与角色', '节点运行'],
    });
  });

  it('shows 举一反三 only at a node with children', () => {
    const rest = ['全覆盖', '年度统计', '专题报告', '对象库'];
    expect(titles(menuFor(['viewer'], 'municipal'))['统计']).toEqual([
      '全覆盖',
      '年度统计',
      '专题报告',
      '举一反三',
      '对象库',
    ]);
    expect(titles(menuFor(['viewer'], 'county'))['统计']).toEqual(rest);
    expect(titles(menuFor(['viewer'], 'central_unit'))['统计']).toEqual(rest);
  });

  it('gives a user without roles only the workbench', () => {
    expect(titles(menuFor([]))).toEqual({ 工作: ['工作台'] });
  });

  it('gives a team member their own inspections, a receiving body its referrals, and the supervision office its routine supervision', () => {
    expect(titles(menuFor(['team_member']))).toEqual({ 工作: ['工作台'], 巡察: ['我的巡察'] });
    expect(titles(menuFor(['receiving_body']))).toEqual({
      工作: ['工作台'],
      巡察: ['信息沟通'],
      移交整改: ['移交'],
    });
    expect(titles(menuFor(['supervision_office']))).toEqual({
      工作: ['工作台'],
      移交整改: ['整改', '整改日常监督'],
    });
    // The inspection office reads the notes in each rectification, without the list.
    expect(titles(menuFor(['inspection_office']))['移交整改']).not.toContain('整改日常监督');
  });

  it('links each entry to its page by name and absolute path', () => {
    const work = menuFor(['inspection_office']).find((g) => g.title === '工作');
    expect(work?.items).toEqual([
      { name: 'workbench', title: '工作台', path: '/workbench' },
      { name: 'directives', title: '部署', path: '/directives' },
      { name: 'oversight', title: '指导督导', path: '/oversight' },
    ]);
    const admin = menuFor(['admin']).find((g) => g.title === '管理');
    expect(admin?.items.map((i) => i.path)).toEqual(['/audit', '/admin/users', '/admin/nodes']);
  });

  it('keeps pages off the menu that are not menu entries', () => {
    const paths = menuFor(['inspection_office', 'leading_group', 'admin']).flatMap((g) =>
      g.items.map((i) => i.path),
    );
    expect(paths).not.toContain('/directives/new');
    expect(paths).not.toContain('/directives/:id');
  });
});
