import { AuditEntry } from '@liandong/messaging';
import { Inspection, Person, TeamMember } from '@liandong/planning';
import { chinaDate, OversightAreaTableV1 } from '@liandong/protocol';
import { EntityManager, In } from 'typeorm';

/** What the audit log's subject types are called in an office. */
const SUBJECT_LABELS: Record<string, string> = {
  directive: '部署',
  round: '巡察轮次',
  inspection: '巡察',
  organization: '对象库',
  registry_import: '对象库导入',
  term: '届期',
  person: '干部人才库',
  secondment: '上挂下派',
  cross_order: '交叉巡察',
  finding: '问题底稿',
  evidence: '证据材料',
  inspection_report: '巡察报告',
  referral: '移交',
  rectification: '整改',
  progress_report: '整改进展报告',
  oversight_engagement: '指导督导',
  oversight_recommendation: '督导意见',
  information_request: '信息沟通',
  user: '用户',
  node: '节点登记',
  key: '密钥',
  event: '联动消息',
  sequence: '联动消息',
  request: '查询',
};

/** 巡察组组建: each inspection's team as formed here (who leads, how many serve). */
export async function teamTable(manager: EntityManager): Promise<OversightAreaTableV1[]> {
  const members = await manager.find(TeamMember);
  const inspections = await manager.find(Inspection, {
    select: { id: true, organizationName: true },
    where: { id: In([...new Set(members.map((m) => m.inspectionId))]) },
  });
  const people = await manager.find(Person, {
    select: { id: true, name: true },
    where: { id: In([...new Set(members.map((m) => m.personId))]) },
  });
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  return [
    {
      title: '巡察组组建（回避情况在组建时逐人审查，有应回避的人员不能入组）',
      columns: ['巡察对象', '组长', '副组长', '成员数'],
      rows: inspections.map((inspection) => {
        const team = members.filter((m) => m.inspectionId === inspection.id);
        const named = (role: string) =>
          team
            .filter((m) => m.role === role)
            .map((m) => nameOf.get(m.personId) ?? '—')
            .join('、') || '—';
        return [
          inspection.organizationName,
          named('leader'),
          named('deputy_leader'),
          String(team.filter((m) => m.role === 'member').length),
        ];
      }),
    },
  ];
}

/** 全过程留痕: how much the audit log holds of each kind of record, and its latest. */
export async function recordsTable(manager: EntityManager): Promise<OversightAreaTableV1[]> {
  const counts = await manager
    .createQueryBuilder(AuditEntry, 'a')
    .select('a.subjectType', 'subject')
    .addSelect('count(*)', 'n')
    .addSelect('max(a.occurredAt)', 'latest')
    .groupBy('a.subjectType')
    .orderBy('a.subjectType')
    .getRawMany<{ subject: string; n: string; latest: Date }>();
  return [
    {
      title: '审计留痕（本节点审计日志，逐条哈希链接，由上级节点见证）',
      columns: ['事项类别', '记录条数', '最近一条'],
      rows: counts.map((row) => [
        SUBJECT_LABELS[row.subject] ?? `其他（${row.subject}）`,
        row.n,
        chinaDate(new Date(row.latest)),
      ]),
    },
  ];
}
