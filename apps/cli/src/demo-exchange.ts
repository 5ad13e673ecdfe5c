import { createHash, randomBytes } from 'node:crypto';
import { chinaDate } from '@liandong/protocol';
import { waitFor } from '@liandong/local-services';
import { client, Http } from './demo';
import { formTeam } from './demo-team';
import { FederationState, readCredentials, signIn } from './local-federation';

const wait = { timeoutMs: 60_000 };
const DAY = 86_400_000;
const day = (n: number) => chinaDate(new Date(Date.now() + n * DAY));
/** A small PDF the city's discipline body attaches to its answer. */
const ATTACHMENT = Buffer.from('%PDF-1.7\n信访举报及办理情况汇总（演示）\n%%EOF\n');

/**
 * 巡前信息沟通: before a new county inspection, the county's office asks the city's
 * discipline body about the target; the body answers with an attachment sealed to the
 * county, and a member of the county's team opens it (the reading is audited).
 */
export async function runExchangeDemo(
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
  const office = on(county.nodeId);

  log('');
  log(
    `17. 巡前信息沟通 ${county.name}巡察办就新一轮巡察的对象向${city.name}纪委监委征询情况 an information request up the line`,
  );
  const code = `${county.nodeId}-${run}-4`;
  const job = await office(
    'POST',
    '/organizations/import',
    [
      '代码,名称,类别,上级代码,干部管理层级',
      `${code},${county.name}某局党组,党政机关部门,,县级`,
    ].join('\n'),
    'text/csv',
  );
  await waitFor(
    `${county.name}'s import`,
    async () => (await office('GET', `/organizations/imports/${job.id}`)).status === 'done',
    wait,
  );
  const round = await office('POST', '/rounds', {
    type: 'regular',
    theme: `${county.name}第二轮常规巡察（演示 ${run}）`,
    windowStart: day(0),
    windowEnd: day(60),
  });
  const inspection = await office('POST', `/rounds/${round.id}/inspections`, {
    organizationCode: code,
  });
  const team = await formTeam(state, county.nodeId, office, inspection.id, `x${run}`);
  const request = await office('POST', `/inspections/${inspection.id}/information-requests`, {
    body: 'discipline',
    targetNode: city.nodeId,
    subject: '领导班子成员信访举报情况',
    details: `请提供近三年对${inspection.organizationName}领导班子成员的信访举报及办理情况。`,
  });
  log(
    `   《${request.subject}》 → ${request.targetNodeLabel}${request.bodyLabel}，${request.answerBy} 前答复（${request.stateLabel}）`,
  );

  log(
    `18. ${city.name}纪委监委答复并附件，加密给${county.name}巡察组 the city's discipline body answers, sealed to the county`,
  );
  const admin = client(
    url(city.nodeId),
    await signIn(url(city.nodeId), 'admin', credentials[city.nodeId].admin),
  );
  const username = `xinxi${run}`;
  const password = randomBytes(12).toString('hex');
  await admin('POST', '/users', {
    username,
    displayName: `${city.name}纪委监委`,
    password,
    roles: ['receiving_body'],
  });
  const discipline = client(url(city.nodeId), await signIn(url(city.nodeId), username, password));
  await waitFor(
    'the city to receive the request',
    async () =>
      ((await discipline('GET', '/information-requests')).received as Array<{ id: string }>).some(
        (r) => r.id === request.id,
      ),
    wait,
  );
  const answered = await discipline('POST', `/information-requests/${request.id}/answer`, {
    summary: '近三年共收到该局领导班子成员信访举报2件，均已办结，详见附件。',
    attachments: [
      {
        filename: '信访举报办理情况汇总.pdf',
        contentType: 'application/pdf',
        contentBase64: ATTACHMENT.toString('base64'),
      },
    ],
  });
  log(
    `   ${city.name}已答复（${answered.stateLabel}），附件 ${answered.attachmentCount} 个；本级不保留可读副本`,
  );

  log(`19. ${county.name}巡察组成员打开密件 a member of the county's team opens the sealed answer`);
  const sent = await waitFor(
    'the county to receive the answer',
    async () => {
      const view = await office('GET', '/information-requests');
      return view.sent.some(
        (r: { id: string; answerHeld: boolean }) => r.id === request.id && r.answerHeld,
      )
        ? view
        : undefined;
    },
    wait,
  );
  const answer = await team.member('GET', `/information-requests/${request.id}/answer`);
  log(`   答复: ${answer.summary}`);
  for (const a of answer.attachments as Array<{ filename: string; size: number; sha256: string }>)
    log(`   附件: ${a.filename}（${a.size} 字节，SHA-256 ${a.sha256.slice(0, 16)}…）`);
  const same =
    answer.attachments[0]?.sha256 === createHash('sha256').update(ATTACHMENT).digest('hex');
  log(`   附件与${city.name}所发一致: ${same ? '是' : '否'}；本次阅读已记入${county.name}审计日志`);
  log(
    `   ${county.name}巡察办看到: 发出 ${sent.summary.sent} 件，待答复 ${sent.summary.outstanding} 件，逾期 ${sent.summary.overdue} 件，已答复 ${sent.summary.answered} 件`,
  );
  return same;
}
