import { chinaDate } from '@liandong/protocol';
import { waitFor } from '@liandong/local-services';
import { Http } from './demo';
import { FederationState } from './local-federation';

const wait = { timeoutMs: 60_000 };
const DAY = 86_400_000;
const day = (n: number) => chinaDate(new Date(Date.now() + n * DAY));

/**
 * 指导督导: central opens an investigation (工作调研督导) of 河北省's inspection work; the
 * province acknowledges and grants read access to two areas for the window; central reads
 * one, records an observation and closes with a recommendation; the province answers it, and
 * central's figures count the engagement and the answer.
 */
export async function runOversightDemo(
  state: FederationState,
  on: (nodeId: string) => Http,
  log: (line: string) => void,
  run: string,
): Promise<boolean> {
  const central = state.nodes.find((n) => n.tier === 'central');
  const province = state.nodes.find((n) => n.tier === 'provincial');
  if (!central || !province) return true;
  const overseeing = on(central.nodeId);
  const overseen = on(province.nodeId);
  const held = (http: Http, id: string, until: (e: any) => boolean, what: string) =>
    waitFor(
      what,
      async () => {
        const engagement = await http('GET', `/oversight/engagements/${id}`).catch(() => undefined);
        return engagement && until(engagement) ? engagement : undefined;
      },
      wait,
    );

  log('');
  log(
    `20. 指导督导 ${central.name}对${province.name}巡视工作开展工作调研督导 central oversees a province's inspection work`,
  );
  const opened = await overseeing('POST', '/oversight/engagements', {
    overseenNode: province.nodeId,
    form: 'investigation',
    title: `${province.name}巡视工作全流程指导督导（演示 ${run}）`,
    windowStart: day(0),
    windowEnd: day(20),
    people: [{ name: '王督导', post: '督导组组长' }],
    checklist: [
      'planning_coverage.coverage_progress',
      'team_recusal.recusal',
      'team_recusal.team_composition',
    ],
  });
  log(
    `   ${opened.formLabel}：${opened.overseenNodeLabel}，${opened.windowStart} 至 ${opened.windowEnd}，清单 ${opened.checklist.length} 项（${opened.statusLabel}）`,
  );

  log(`21. ${province.name}签收并授权查阅 the province acknowledges and grants read access`);
  await held(overseen, opened.id, () => true, `${province.name} to receive the engagement`);
  await overseen('POST', `/oversight/engagements/${opened.id}/acknowledge`, {
    acknowledgedBy: `${province.name}委巡视办`,
  });
  await overseen('POST', `/oversight/engagements/${opened.id}/grant`, {
    areas: ['planning_coverage', 'team_recusal'],
  });
  const granted = await held(
    overseeing,
    opened.id,
    (e) => e.grantInForce,
    `${central.name} to hold the grant`,
  );
  log(
    `   ${granted.statusLabel}；授权查阅 ${granted.grantedAreas.length} 个方面，至 ${granted.grantUntil}`,
  );

  log(
    `22. ${central.name}查阅、记录督导发现并提出督导意见 central reads, observes, and closes with a recommendation`,
  );
  const area = await overseeing(
    'GET',
    `/oversight/engagements/${opened.id}/areas/planning_coverage`,
  );
  log(
    `   查阅“规划与全覆盖”：${province.name}的巡视 ${area.inspections.length} 项（本次查阅双方均记入审计日志）`,
  );
  await overseeing('POST', `/oversight/engagements/${opened.id}/observations`, {
    item: 'team_recusal.recusal',
    text: '个别巡视组成员的回避说明未归档',
  });
  const closed = await overseeing('POST', `/oversight/engagements/${opened.id}/close`, {
    assessment: '巡视工作总体规范，回避执行和归档需加强。',
    recommendations: [{ item: 'team_recusal.recusal', text: '建立回避说明归档制度' }],
  });
  const [recommendation] = closed.recommendations;
  log(
    `   督导意见：${recommendation.text}，${recommendation.answerBy} 前答复（${recommendation.stateLabel}）`,
  );

  log(`23. ${province.name}逐条答复督导意见 the province answers the recommendation`);
  await held(
    overseen,
    opened.id,
    (e) => e.status === 'closed' && e.recommendations.length === 1,
    `${province.name} to receive the recommendations`,
  );
  await overseen('POST', `/oversight/recommendations/${recommendation.id}/answer`, {
    answeredBy: `${province.name}委巡视办`,
    answer: '已建立回避说明归档制度，本轮起执行。',
  });
  await held(
    overseeing,
    opened.id,
    (e) => e.recommendations[0]?.state === 'answered',
    `${central.name} to see the answer`,
  );
  const figures = await waitFor(
    `${central.name}'s oversight figures`,
    async () => {
      const view = await overseeing('GET', '/oversight/figures');
      return view.own.recommendationsAnswered >= 1 ? view : undefined;
    },
    wait,
  );
  log(
    `   ${central.name}看到：督导已结束 ${figures.own.engagementsClosed} 次，督导意见已答复 ${figures.own.recommendationsAnswered} 条、待答复 ${figures.own.recommendationsOpen} 条、逾期 ${figures.own.recommendationsOverdue} 条`,
  );
  return true;
}
