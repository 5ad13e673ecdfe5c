import { randomBytes } from 'node:crypto';
import { chinaDate } from '@liandong/protocol';
import { waitFor } from '@liandong/local-services';
import { client, Http } from './demo';
import { formTeam, reportAndFeedBack, signedFinding } from './demo-team';
import { FederationState, readCredentials, signIn } from './local-federation';

const wait = { timeoutMs: 60_000 };
const today = () => chinaDate(new Date());

/**
 * The rectification showcase: one finding of a county inspection from draft to signature,
 * the report and the leading group's decision, feedback, a clue referred up to the city's
 * discipline body (sealed to it), and the rectification with its deadline.
 */
export async function runRectificationDemo(
  state: FederationState,
  on: (nodeId: string) => Http,
  log: (line: string) => void,
  run: string,
): Promise<boolean> {
  const county = state.nodes.find((n) => n.tier === 'county');
  const city = state.nodes.find((n) => n.tier === 'municipal');
  if (!county || !city) return true;
  const credentials = readCredentials();
  const url = (nodeId: string) => state.nodes.find((n) => n.nodeId === nodeId)?.url as string;
  /** A user made by the node's administrator, signed in. */
  const account = async (nodeId: string, username: string, roles: string[]) => {
    const admin = client(
      url(nodeId),
      await signIn(url(nodeId), 'admin', credentials[nodeId].admin),
    );
    const password = randomBytes(12).toString('hex');
    await admin('POST', '/users', { username, displayName: username, password, roles });
    return client(url(nodeId), await signIn(url(nodeId), username, password));
  };
  const office = on(county.nodeId);

  log('');
  log(
    `12. ${county.name}巡察组开展巡察 a county team (leader, deputy, member with accounts) inspects`,
  );
  const round = await office('POST', '/rounds', {
    type: 'regular',
    theme: `${county.name}常规巡察（演示 ${run}）`,
    windowStart: today(),
    windowEnd: today(),
  });
  const inspection = await office('POST', `/rounds/${round.id}/inspections`, {
    organizationCode: `${county.nodeId}-${run}-2`,
  });
  const team = await formTeam(state, county.nodeId, office, inspection.id, run);
  log(`   巡察对象: ${inspection.organizationName}`);

  log('13. 问题底稿 a member drafts a finding with evidence; the deputy checks, the leader signs');
  const signed = await signedFinding(team, inspection.id, {
    title: '违规发放津贴补贴',
    facts: '2025年以加班费名义违规发放补贴12万元。',
    basis: '《中国共产党纪律处分条例》第一百零五条',
    evidence: '谈话笔录：财务科长承认按局长要求发放。',
  });
  log(
    `   《${signed.title}》 起草 ${signed.draftedBy} → 审核 ${signed.checkedBy} → 签字 ${signed.signedBy}`,
  );

  log('14. 巡察报告、领导小组决定、反馈 report, decision, feedback');
  const report = await reportAndFeedBack(team, office, inspection.id, {
    report: '发现问题1个，移交问题线索1件。',
    feedback: '反馈意见：违规发放津贴补贴问题，责成限期整改。',
  });
  log(`   报告第 ${report.version} 版已定稿（不可修改，更正须出新版本并说明理由）；已反馈`);

  log(
    `15. 问题线索移交${city.name}纪委监委 a clue goes up to the city's discipline body, sealed to it`,
  );
  const referral = await office('POST', `/findings/${signed.id}/referrals`, {
    kind: 'clue',
    cadreTier: 'municipal',
    content: '某局局长张某涉嫌违规决定发放津贴补贴（市管干部）。',
  });
  log(
    `   → ${city.name}（${referral.targetNode}）纪委监委，${referral.acknowledgeBy.slice(0, 10)} 前签收`,
  );
  const discipline = await account(city.nodeId, `jiwei${run}`, ['receiving_body']);
  await waitFor(
    'the city to receive the clue',
    async () =>
      ((await discipline('GET', '/referrals')).received as Array<{ id: string }>).some(
        (r) => r.id === referral.id,
      ),
    wait,
  );
  const content = await discipline('GET', `/referrals/${referral.id}/content`);
  log(`   ${city.name}纪委监委打开密件: ${content.text}`);
  await discipline('POST', `/referrals/${referral.id}/acknowledge`);
  await discipline('POST', `/referrals/${referral.id}/disposition`, {
    disposition: '已立案审查。',
  });
  const referrals = await waitFor(
    'the county to hear the disposition',
    async () => {
      const view = await office('GET', '/referrals');
      return view.sent.some(
        (r: { id: string; state: string }) => r.id === referral.id && r.state === 'disposed',
      )
        ? view
        : undefined;
    },
    wait,
  );
  log(
    `   ${county.name}看到: 移交 ${referrals.summary.sent} 件，已处置 ${referrals.summary.disposed} 件，处置率 ${referrals.summary.disposalRate}%`,
  );

  log('16. 整改 rectification: lists, deadline by the rule in force on the feedback day, proof');
  const rectifications = await office('GET', '/rectifications');
  const rectification = await office(
    'GET',
    `/rectifications/${rectifications.find((r: { inspectionId: string }) => r.inspectionId === inspection.id).id}`,
  );
  log(
    `   反馈日按当日有效规则 ${rectification.policyMonths} 个月：整改进展情况报告 ${rectification.dueOn} 前报送（还剩 ${rectification.deadline.daysLeft} 天）`,
  );
  const item = rectification.items[0];
  await office('PUT', `/rectifications/${rectification.id}/items/${item.id}`, {
    responsiblePerson: '财务科科长',
    unitHead: '局长',
    tasks: ['清退违规发放的补贴', '修订财务管理制度'],
  });
  await office('POST', `/rectifications/${rectification.id}/items/${item.id}/close`, {
    proof: '补贴已全额清退，见银行回单。',
  });
  await office('POST', `/rectifications/${rectification.id}/progress-reports`, {
    text: '整改进展情况：1个问题已整改销号。',
  });
  const closed = await office('GET', `/rectifications/${rectification.id}`);
  log(
    `   问题 ${closed.items.length} 个，已销号 ${closed.items.filter((i: { status: string }) => i.status === 'closed').length} 个；整改进展报告已报送，待监督检查室、组织部、巡察办签字`,
  );
  return true;
}
