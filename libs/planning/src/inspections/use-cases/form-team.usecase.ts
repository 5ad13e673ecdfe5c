import { Inject, Injectable } from '@nestjs/common';
import { AuditService, MESSAGING_OPTIONS, MessagingOptions, NodeNames } from '@liandong/messaging';
import { RefusalField } from '@liandong/common';
import { DataSource, EntityManager } from 'typeorm';
import { Inspection, Person } from '../../entities';
import { STATUS_LABELS } from '../../labels';
import { peopleIn } from '../../personnel/person.repository';
import { Recusal, RECUSAL_RULES_EN, recusalsFor } from '../../personnel/recusal';
import { findSecondment } from '../../personnel/secondment.repository';
import { PLANNING_OPTIONS, PlanningOptions } from '../../planning.options';
import { planningRefusal } from '../../planning.errors';
import { InspectionDetailView, TeamDto } from '../inspection.dto';
import { InspectionQueries } from '../inspection.queries';
import { lockConductedOrFail } from '../inspection.repository';
import { replaceTeam } from '../team.repository';
import { checkTeamRoles, outsideSecondment } from '../team-rules';

/**
 * 组建巡察组: a leader, a deputy leader if any, and members for a planned inspection this node
 * conducts — each from the personnel pool, one role each, a seconded person only within the
 * secondment, none recused (回避) for the target. The team replaces any earlier one.
 */
@Injectable()
export class FormTeam {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly names: NodeNames,
    private readonly queries: InspectionQueries,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(PLANNING_OPTIONS) private readonly planning: PlanningOptions,
  ) {}

  async execute(id: string, team: TeamDto, actor: string): Promise<InspectionDetailView> {
    checkTeamRoles(team);
    await this.dataSource.transaction(async (manager) => {
      const inspection = await lockConductedOrFail(manager, id);
      if (inspection.status !== 'planned')
        throw planningRefusal('TEAM_LOCKED', {
          zh: `对${inspection.organizationName}的巡察当前为“${STATUS_LABELS[inspection.status] ?? inspection.status}”，只有“已安排”的巡察才能组建或调整巡察组`,
          en: `inspection ${id} is ${inspection.status}; a team is formed only while it is planned`,
        });
      const deputy = team.deputyLeaderId ? [team.deputyLeaderId] : [];
      const ids = [team.leaderId, ...deputy, ...team.memberIds];
      const people = await peopleIn(manager, ids);
      const missing = ids.filter((pid) => !people.some((p) => p.id === pid));
      if (missing.length > 0)
        throw planningRefusal(
          'PERSON_NOT_FOUND',
          {
            zh: `本节点干部人才库中没有编号为 ${missing.join('、')} 的人员。请先在人才库中登记（POST /personnel），或检查人员编号`,
            en: `not in this node's personnel pool: ${missing.join(', ')}`,
          },
          404,
        );
      await this.checkSecondments(manager, people, inspection);
      const recusals = this.recusals(people, inspection);
      if (recusals.length > 0)
        throw planningRefusal(
          'RECUSAL',
          {
            zh: `以下人员须回避，不能进入对${inspection.organizationName}的巡察组：${recusals.map((r) => r.reason).join('；')}。请更换人员后重新组建巡察组`,
            en: `recusal (回避): ${recusals.map((r) => `${r.name} ${RECUSAL_RULES_EN[r.rule]} [${r.rule}]`).join('; ')}`,
          },
          409,
          { fields: recusalFields(recusals) },
        );
      await replaceTeam(
        manager,
        id,
        ids.map((personId, i) => ({
          personId,
          role: i === 0 ? 'leader' : i === 1 && deputy.length > 0 ? 'deputy_leader' : 'member',
        })),
      );
      await this.audit.record(manager, {
        actor,
        action: 'inspection.team_formed',
        subjectType: 'inspection',
        subjectId: id,
        detail: {
          leader: team.leaderId,
          deputyLeader: deputy[0] ?? null,
          members: ids.slice(1 + deputy.length),
        },
      });
    });
    return this.queries.detail(id);
  }

  /** A seconded person serves only within the secondment's dates. */
  private async checkSecondments(
    manager: EntityManager,
    people: Person[],
    inspection: Inspection,
  ): Promise<void> {
    for (const person of people.filter((p) => p.secondmentId)) {
      const secondment = await findSecondment(manager, person.secondmentId as string);
      const outside = outsideSecondment(
        person,
        secondment,
        inspection,
        this.names.label(person.lentBy),
      );
      if (outside) throw planningRefusal('OUTSIDE_SECONDMENT', outside);
    }
  }

  private recusals(people: Person[], inspection: Inspection): Recusal[] {
    return people.flatMap((person) =>
      recusalsFor(
        person,
        {
          ownerNode: inspection.ownerNode,
          organizationCode: inspection.organizationCode,
          organizationName: inspection.organizationName,
          windowStart: inspection.windowStart,
        },
        {
          conductingNode: this.options.identity.nodeId,
          recentPostYears: this.planning.recentPostYears,
          nodeLabel: (node) => this.names.label(node),
        },
      ),
    );
  }
}

/**
 * Each refused person as a field of the refusal (by person id, named, with every reason), so
 * that a form can show the refusal beside the person it is about.
 */
function recusalFields(recusals: Recusal[]): RefusalField[] {
  const byPerson = new Map<string, RefusalField>();
  for (const r of recusals) {
    const field = byPerson.get(r.personId) ?? {
      field: r.personId,
      label: r.name,
      problems: [],
      problemsEn: [],
    };
    field.problems.push(r.reason);
    field.problemsEn.push(`${RECUSAL_RULES_EN[r.rule]} [${r.rule}]`);
    byPerson.set(r.personId, field);
  }
  return [...byPerson.values()];
}
