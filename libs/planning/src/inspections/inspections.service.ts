import { Inject, Injectable } from '@nestjs/common';
import {
  Audience,
  FeedbackProblemV1,
  InspectionEscalatedV1,
  InspectionFeedbackGivenV1,
  InspectionHandedBackV1,
  nodeAudience,
  overlaps,
  RefusalError,
  uuidv7,
} from '@liandong/protocol';
import {
  AuditService,
  Clock,
  InboundReceipt,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { CoverageReporter } from '../coverage/coverage-reporter';
import {
  CoverageCredit,
  CrossOrder,
  Inspection,
  Organization,
  Person,
  Round,
  Secondment,
  TeamMember,
} from '../entities';
import { STATUS_LABELS } from '../labels';
import { Recusal, RECUSAL_RULES_EN, recusalsFor } from '../personnel/recusal';
import { PLANNING_OPTIONS, PlanningOptions } from '../planning.options';
import { OrganizationView } from '../registry/registry.dto';
import { RemoteRegistry } from '../registry/remote-registry';
import { InspectionHooks } from './inspection-hooks';
import { roundShape } from '../rounds/round.mapper';
import { roundNotFound } from '../rounds/round.repository';
import { planningRefusal } from '../planning.errors';

export interface ScheduleCommand {
  organizationCode: string;
  /** The node whose registry holds the organization; a descendant's makes it escalated. */
  ownerNode?: string;
}

const OPEN = Not(In(['refused']));

/** What an inspection has not had yet when it is recorded: no refusal, feedback or hand-back. */
const NOT_YET = {
  refusalReason: null,
  eventId: null,
  feedbackAt: null,
  feedbackSummary: null,
  handedBackAt: null,
  handBackNotes: null,
};

const statusLabel = (inspection: Inspection) =>
  STATUS_LABELS[inspection.status] ?? inspection.status;

/**
 * One role per person on a team: the deputy leader is not the leader, and the members are
 * neither of them nor anyone twice. Refused (400) rather than silently shrinking the team.
 */
function checkTeamRoles(team: { leaderId: string; deputyLeaderId?: string; memberIds: string[] }) {
  const overlap = (zh: string, en: string) =>
    planningRefusal('TEAM_ROLES_OVERLAP', { zh: `${zh}。每人在巡察组中只能担任一个角色`, en }, 400);
  if (team.deputyLeaderId && team.deputyLeaderId === team.leaderId)
    throw overlap(
      '副组长（deputyLeaderId）与组长（leaderId）是同一人，请另选副组长，或不设副组长',
      'deputyLeaderId is the leader; choose another deputy leader or leave it out',
    );
  if (team.memberIds.includes(team.leaderId))
    throw overlap(
      '组长（leaderId）同时列在了组员（memberIds）中，请从组员中删去组长',
      'the leader (leaderId) is also listed in memberIds; remove the leader from the members',
    );
  if (team.deputyLeaderId && team.memberIds.includes(team.deputyLeaderId))
    throw overlap(
      '副组长（deputyLeaderId）同时列在了组员（memberIds）中，请从组员中删去副组长',
      'the deputy leader (deputyLeaderId) is also listed in memberIds; remove them from the members',
    );
  const twice = team.memberIds.filter((m, i) => team.memberIds.indexOf(m) !== i);
  if (twice.length > 0)
    throw overlap(
      `组员（memberIds）中编号为 ${[...new Set(twice)].join('、')} 的人员列了不止一次，请只列一次`,
      `memberIds lists ${[...new Set(twice)].join(', ')} more than once`,
    );
}

/** Inspections this node conducts, hosts (of its organizations by others) or hears results of. */
@Injectable()
export class InspectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly coverage: CoverageReporter,
    private readonly hooks: InspectionHooks,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    private readonly remote: RemoteRegistry,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(PLANNING_OPTIONS) private readonly planning: PlanningOptions,
  ) {}

  private get self(): string {
    return this.options.identity.nodeId;
  }

  async get(id: string, manager = this.dataSource.manager): Promise<Inspection> {
    const inspection = await manager.findOne(Inspection, { where: { id } });
    if (!inspection)
      throw planningRefusal(
        'INSPECTION_NOT_FOUND',
        {
          zh: `本节点没有编号为 ${id} 的巡察，请检查编号`,
          en: `there is no inspection ${id} on this node`,
        },
        404,
      );
    return inspection;
  }

  private async conducted(manager: EntityManager, id: string): Promise<Inspection> {
    const inspection = await manager.findOne(Inspection, {
      where: { id, role: 'conducting' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!inspection)
      throw planningRefusal(
        'INSPECTION_NOT_FOUND',
        {
          zh: `本节点没有由本级实施的编号为 ${id} 的巡察。组建巡察组、反馈和移交整改监督只能由实施巡察的一方办理，请检查编号`,
          en: `this node does not conduct an inspection ${id}; only the conducting node forms its team, gives feedback and hands back supervision`,
        },
        404,
      );
    return inspection;
  }

  /**
   * An open inspection of one of this node's organizations, held in one of the given roles,
   * whose window shares a day with `window`: the one clash every scheduling rule checks.
   */
  async clash(
    manager: EntityManager,
    codes: string[],
    window: { start: string; end: string },
    roles: Array<'conducting' | 'hosted'>,
  ): Promise<Inspection | undefined> {
    const open = await manager.find(Inspection, {
      where: {
        role: In(roles),
        ownerNode: this.self,
        organizationCode: In(codes),
        status: OPEN,
      },
    });
    return open.find((i) => overlaps(window, { start: i.windowStart, end: i.windowEnd }));
  }

  /** This node's record of another node inspecting one of its organizations. */
  hostedInspection(
    fields: Pick<
      Inspection,
      | 'id'
      | 'mode'
      | 'conductingNode'
      | 'organizationCode'
      | 'organizationName'
      | 'organizationCategory'
      | 'crossOrderId'
      | 'windowStart'
      | 'windowEnd'
    >,
  ): Inspection {
    return this.dataSource.manager.create(Inspection, {
      role: 'hosted',
      roundId: null,
      ownerNode: this.self,
      status: 'planned',
      ...NOT_YET,
      createdAt: this.clock.now(),
      ...fields,
    });
  }

  /** The hosted inspection `from` conducts, or a refusal: no one else reports on it. */
  private async hostedBy(manager: EntityManager, id: string, from: string): Promise<Inspection> {
    const hosted = await manager.findOne(Inspection, {
      where: { id, role: 'hosted', conductingNode: from },
    });
    if (!hosted)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${from} conducts no escalated or cross inspection ${id} of an organization of ${this.self}`,
      );
    return hosted;
  }

  /**
   * Schedules an inspection of an own organization, or escalates one picked from a
   * descendant's registry: that node is asked first (outside the transaction), so both hold
   * the same name and category.
   */
  async schedule(roundId: string, command: ScheduleCommand, actor: string): Promise<Inspection> {
    const owner = command.ownerNode ?? this.self;
    const picked =
      owner === this.self ? undefined : await this.remote.pick(owner, command.organizationCode);
    return this.dataSource.transaction((manager) =>
      this.scheduleIn(manager, roundId, command, actor, picked),
    );
  }

  /** Schedules an inspection in the caller's transaction (a follow-up opened from rectification). */
  async scheduleIn(
    manager: EntityManager,
    roundId: string,
    command: ScheduleCommand,
    actor: string,
    picked?: OrganizationView,
  ): Promise<Inspection> {
    const round = await manager.findOne(Round, { where: { id: roundId } });
    if (!round) throw planningRefusal('ROUND_NOT_FOUND', roundNotFound(roundId), 404);
    const owner = command.ownerNode ?? this.self;
    if (owner !== this.self && picked?.code !== command.organizationCode)
      throw new Error('an escalation is scheduled by schedule(), which reads the owner’s registry');
    const inspection = picked
      ? await this.scheduleEscalated(manager, round, owner, picked)
      : await this.scheduleOwn(manager, round, command.organizationCode);
    await this.audit.record(manager, {
      actor,
      action: inspection.mode === 'escalated' ? 'inspection.escalated' : 'inspection.scheduled',
      subjectType: 'inspection',
      subjectId: inspection.id,
      detail: {
        roundId,
        ownerNode: owner,
        organizationCode: inspection.organizationCode,
        organizationName: inspection.organizationName,
      },
    });
    return inspection;
  }

  private async scheduleOwn(
    manager: EntityManager,
    round: Round,
    code: string,
  ): Promise<Inspection> {
    const org = await manager.findOne(Organization, { where: { code } });
    if (!org)
      throw planningRefusal(
        'ORGANIZATION_NOT_FOUND',
        {
          zh: `${this.names.label(this.self)}的对象库中没有代码为 ${code} 的党组织，请先在本级对象库中登记（导入对象库文件），或检查代码`,
          en: `organization ${code} is not in this node's registry; import it first (POST /organizations/import) or check the code`,
        },
        404,
      );
    const window = { start: round.windowStart, end: round.windowEnd };
    const clash = await this.clash(manager, [code], window, ['hosted']);
    if (clash) {
      const how = clash.mode === 'escalated' ? '提级巡察' : '交叉巡察';
      throw planningRefusal(
        clash.mode === 'escalated' ? 'ESCALATED_BY_ANCESTOR' : 'UNDER_CROSS_INSPECTION',
        {
          zh: `${org.name}在 ${clash.windowStart} 至 ${clash.windowEnd} 已由${this.names.label(clash.conductingNode)}${how}，同一时段内不能再安排本级巡察。请改选其他对象，或把本轮次安排在该巡察结束之后`,
          en: `${org.name} is already under ${clash.mode} inspection by node ${clash.conductingNode} (${how}, ${clash.windowStart}–${clash.windowEnd}); a second inspection of it in this window is not allowed`,
        },
      );
    }
    const duplicate = await manager.findOne(Inspection, {
      where: {
        role: 'conducting',
        roundId: round.id,
        ownerNode: this.self,
        organizationCode: code,
        status: OPEN,
      },
    });
    if (duplicate)
      throw planningRefusal('ALREADY_SCHEDULED', {
        zh: `${org.name}已在本轮次中安排了巡察，不能重复安排（巡察编号 ${duplicate.id}）`,
        en: `${org.name} is already scheduled in this round (inspection ${duplicate.id})`,
      });
    const inspection = this.newInspection(round, {
      mode: 'own',
      ownerNode: this.self,
      organizationCode: org.code,
      organizationName: org.name,
      organizationCategory: org.category,
      status: 'planned',
    });
    await manager.insert(Inspection, inspection);
    return inspection;
  }

  private async scheduleEscalated(
    manager: EntityManager,
    round: Round,
    owner: string,
    picked: OrganizationView,
  ): Promise<Inspection> {
    const inspection = this.newInspection(round, {
      mode: 'escalated',
      ownerNode: owner,
      organizationCode: picked.code,
      organizationName: picked.name,
      organizationCategory: picked.category,
      status: 'requested',
    });
    const payload: InspectionEscalatedV1 = {
      inspectionId: inspection.id,
      round: roundShape(round),
      organizationCode: picked.code,
    };
    const envelope = await this.outbox.emit(manager, {
      type: InspectionEscalatedV1.type,
      audience: nodeAudience(owner),
      payload,
    });
    inspection.eventId = envelope.id;
    await manager.insert(Inspection, inspection);
    return inspection;
  }

  newInspection(
    round: Round,
    fields: Pick<
      Inspection,
      | 'mode'
      | 'ownerNode'
      | 'organizationCode'
      | 'organizationName'
      | 'organizationCategory'
      | 'status'
    > &
      Partial<Inspection>,
  ): Inspection {
    return this.dataSource.manager.create(Inspection, {
      id: uuidv7(this.clock.now().getTime()),
      role: 'conducting',
      roundId: round.id,
      conductingNode: this.self,
      crossOrderId: null,
      windowStart: round.windowStart,
      windowEnd: round.windowEnd,
      ...NOT_YET,
      createdAt: this.clock.now(),
      ...fields,
    });
  }

  /** An ancestor escalates an inspection of one of this node's organizations. */
  async escalationReceived(
    manager: EntityManager,
    ancestor: string,
    payload: InspectionEscalatedV1,
  ): Promise<void> {
    const org = await manager.findOne(Organization, { where: { code: payload.organizationCode } });
    if (!org)
      throw new RefusalError(
        'NOT_FOUND',
        `organization ${payload.organizationCode} is not in the registry of ${this.self}`,
      );
    const window = { start: payload.round.windowStart, end: payload.round.windowEnd };
    const clash = await this.clash(manager, [org.code], window, ['conducting']);
    if (clash)
      throw new RefusalError(
        'CONFLICT',
        `${org.name} is already scheduled for inspection by ${this.self} itself in ${clash.windowStart}–${clash.windowEnd} (inspection ${clash.id})`,
      );
    await manager.insert(
      Inspection,
      this.hostedInspection({
        id: payload.inspectionId,
        mode: 'escalated',
        conductingNode: ancestor,
        organizationCode: org.code,
        organizationName: org.name,
        organizationCategory: org.category,
        crossOrderId: null,
        windowStart: window.start,
        windowEnd: window.end,
      }),
    );
    await this.audit.record(manager, {
      actor: `node:${ancestor}`,
      action: 'inspection.escalation_received',
      subjectType: 'inspection',
      subjectId: payload.inspectionId,
      detail: {
        organizationCode: org.code,
        organizationName: org.name,
        theme: payload.round.theme,
      },
    });
  }

  /** Receipts for escalations: applied means the owner accepted it; refused says why. */
  async receipted(manager: EntityManager, receipts: InboundReceipt[]): Promise<void> {
    await manager.query(
      `UPDATE inspection i
       SET status = CASE WHEN v.outcome IN ('applied', 'duplicate') THEN 'planned' ELSE 'refused' END,
           refusal_reason = CASE WHEN v.outcome IN ('applied', 'duplicate') THEN NULL
                                 ELSE v.code || ': ' || v.reason END
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS v(event_id, outcome, code, reason)
       WHERE i.event_id = v.event_id AND i.status = 'requested'`,
      [
        receipts.map((r) => r.eventId),
        receipts.map((r) => r.outcome),
        receipts.map((r) => r.reasonCode ?? ''),
        receipts.map((r) => r.reason ?? ''),
      ],
    );
  }

  /** 组建巡察组: a leader and members, none of them recused for the target. */
  async setTeam(
    id: string,
    team: { leaderId: string; deputyLeaderId?: string; memberIds: string[] },
    actor: string,
  ): Promise<{ inspection: Inspection; team: TeamMember[] }> {
    checkTeamRoles(team);
    return this.dataSource.transaction(async (manager) => {
      const inspection = await this.conducted(manager, id);
      if (inspection.status !== 'planned')
        throw planningRefusal('TEAM_LOCKED', {
          zh: `对${inspection.organizationName}的巡察当前为“${statusLabel(inspection)}”，只有“已安排”的巡察才能组建或调整巡察组`,
          en: `inspection ${id} is ${inspection.status}; a team is formed only while it is planned`,
        });
      const deputy = team.deputyLeaderId ? [team.deputyLeaderId] : [];
      const ids = [team.leaderId, ...deputy, ...team.memberIds];
      const people = await manager.find(Person, { where: { id: In(ids) } });
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
      const recusals: Recusal[] = people.flatMap((person) =>
        recusalsFor(
          person,
          {
            ownerNode: inspection.ownerNode,
            organizationCode: inspection.organizationCode,
            organizationName: inspection.organizationName,
            windowStart: inspection.windowStart,
          },
          {
            conductingNode: this.self,
            recentPostYears: this.planning.recentPostYears,
            nodeLabel: (node) => this.names.label(node),
          },
        ),
      );
      if (recusals.length > 0)
        throw planningRefusal('RECUSAL', {
          zh: `以下人员须回避，不能进入对${inspection.organizationName}的巡察组：${recusals.map((r) => r.reason).join('；')}。请更换人员后重新组建巡察组`,
          en: `recusal (回避): ${recusals.map((r) => `${r.name} ${RECUSAL_RULES_EN[r.rule]} [${r.rule}]`).join('; ')}`,
        });
      await manager.delete(TeamMember, { inspectionId: id });
      const rows = ids.map((personId, i) =>
        manager.create(TeamMember, {
          inspectionId: id,
          personId,
          role: i === 0 ? 'leader' : i === 1 && deputy.length > 0 ? 'deputy_leader' : 'member',
        }),
      );
      await manager.insert(TeamMember, rows);
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
      return { inspection, team: rows };
    });
  }

  /** A seconded person serves only within the secondment's dates. */
  private async checkSecondments(
    manager: EntityManager,
    people: Person[],
    inspection: Inspection,
  ): Promise<void> {
    for (const person of people.filter((p) => p.secondmentId)) {
      const secondment = await manager.findOne(Secondment, {
        where: { id: person.secondmentId as string },
      });
      if (
        !secondment ||
        secondment.startsOn > inspection.windowStart ||
        secondment.endsOn < inspection.windowEnd
      )
        throw planningRefusal('OUTSIDE_SECONDMENT', {
          zh: `${person.name}是从${this.names.label(person.lentBy)}借调来的，借调期${secondment ? `为 ${secondment.startsOn} 至 ${secondment.endsOn}` : '不明'}，没有覆盖该巡察的时段 ${inspection.windowStart} 至 ${inspection.windowEnd}。请另选人员，或请借出方另行办理覆盖该时段的借调`,
          en: `${person.name} is seconded from ${person.lentBy} only for ${secondment?.startsOn}–${secondment?.endsOn}, which does not cover the inspection window ${inspection.windowStart}–${inspection.windowEnd}`,
        });
    }
  }

  async team(id: string): Promise<Array<TeamMember & { person: Person }>> {
    const rows = await this.dataSource.manager.find(TeamMember, { where: { inspectionId: id } });
    const people = await this.dataSource.manager.find(Person, {
      where: { id: In(rows.map((r) => r.personId)) },
    });
    return rows.map((row) => ({
      ...row,
      person: people.find((p) => p.id === row.personId) as Person,
    }));
  }

  /** 反馈: the inspection took place; coverage credit goes to the organization's own node. */
  async giveFeedback(id: string, summary: string, actor: string): Promise<Inspection> {
    return this.dataSource.transaction(async (manager) => {
      const inspection = await this.conducted(manager, id);
      if (inspection.status !== 'planned')
        throw planningRefusal('NOT_PLANNED', {
          zh: `对${inspection.organizationName}的巡察当前为“${statusLabel(inspection)}”。反馈只能对“已安排”的巡察作出，且只反馈一次`,
          en: `inspection ${id} is ${inspection.status}; feedback is given once, to a planned inspection`,
        });
      const leader = await manager.findOne(TeamMember, {
        where: { inspectionId: id, role: 'leader' },
      });
      if (!leader)
        throw planningRefusal('NO_TEAM', {
          zh: `对${inspection.organizationName}的巡察还没有组长，请先组建巡察组（PUT /inspections/${id}/team），再作反馈`,
          en: `inspection ${id} has no team leader; form the team (PUT /inspections/${id}/team) first`,
        });
      for (const hook of this.hooks.feedback) await hook.check?.(manager, inspection);
      const problems: FeedbackProblemV1[] = [];
      for (const hook of this.hooks.feedback)
        problems.push(...((await hook.problems?.(manager, inspection)) ?? []));
      const now = this.clock.now();
      inspection.status = 'feedback_given';
      inspection.feedbackAt = now;
      inspection.feedbackSummary = summary;
      await manager.update(
        Inspection,
        { id },
        { status: 'feedback_given', feedbackAt: now, feedbackSummary: summary },
      );
      const round = await manager.findOneOrFail(Round, {
        where: { id: inspection.roundId as string },
      });
      const order = inspection.crossOrderId
        ? await manager.findOne(CrossOrder, { where: { id: inspection.crossOrderId } })
        : null;
      const payload: InspectionFeedbackGivenV1 = {
        inspectionId: id,
        mode: inspection.mode,
        roundId: round.id,
        parentRoundId: round.parentRoundId,
        crossOrderId: inspection.crossOrderId,
        ownerNode: inspection.ownerNode,
        organizationCode: inspection.organizationCode,
        organizationName: inspection.organizationName,
        organizationCategory: inspection.organizationCategory,
        feedbackAt: now.toISOString(),
        summary,
        problems,
      };
      const to = new Set<string>(
        [inspection.ownerNode, order?.orderingNode, round.parentNode].filter(
          (node): node is string => Boolean(node) && node !== this.self,
        ),
      );
      await this.outbox.emitMany(
        manager,
        [...to].map((node) => ({
          type: InspectionFeedbackGivenV1.type,
          audience: nodeAudience(node) as Audience,
          payload,
        })),
      );
      if (inspection.ownerNode === this.self) {
        await this.feedbackToOwnOrganization(manager, inspection, problems);
      }
      await this.audit.record(manager, {
        actor,
        action: 'inspection.feedback_given',
        subjectType: 'inspection',
        subjectId: id,
        detail: { told: [...to], organizationName: inspection.organizationName },
      });
      return inspection;
    });
  }

  /**
   * Feedback reached one of this node's organizations (given here, or received from the
   * conducting node): the coverage credit, what the hooks do with it (rectification), then
   * one coverage report with all of it.
   */
  private async feedbackToOwnOrganization(
    manager: EntityManager,
    inspection: Inspection,
    problems: FeedbackProblemV1[],
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(CoverageCredit)
      .values({
        inspectionId: inspection.id,
        organizationCode: inspection.organizationCode,
        mode: inspection.mode,
        conductedBy: inspection.conductingNode,
        feedbackAt: inspection.feedbackAt as Date,
      })
      .orIgnore()
      .execute();
    for (const hook of this.hooks.feedback) await hook.given?.(manager, inspection, problems);
    await this.coverage.report(manager);
  }

  /**
   * Feedback from the conducting node. The owner node takes the coverage credit for a
   * hosted inspection; the ordering node and the linked round's node record the result.
   */
  async feedbackReceived(
    manager: EntityManager,
    from: string,
    issuerPath: string[],
    payload: InspectionFeedbackGivenV1,
  ): Promise<void> {
    const feedbackAt = new Date(payload.feedbackAt);
    if (payload.ownerNode === this.self) {
      const hosted = await this.hostedBy(manager, payload.inspectionId, from);
      await manager.update(
        Inspection,
        { id: hosted.id },
        { status: 'feedback_given', feedbackAt, feedbackSummary: payload.summary },
      );
      await this.feedbackToOwnOrganization(
        manager,
        { ...hosted, feedbackAt, feedbackSummary: payload.summary },
        payload.problems ?? [],
      );
    } else {
      const reportedUnder = await this.reportedUnder(manager, from, issuerPath, payload);
      await manager
        .createQueryBuilder()
        .insert()
        .into(Inspection)
        .values({
          id: payload.inspectionId,
          role: 'reported',
          mode: payload.mode,
          roundId: reportedUnder,
          ownerNode: payload.ownerNode,
          conductingNode: from,
          organizationCode: payload.organizationCode,
          organizationName: payload.organizationName,
          organizationCategory: payload.organizationCategory,
          crossOrderId: payload.crossOrderId ?? null,
          windowStart: '1970-01-01',
          windowEnd: '1970-01-01',
          status: 'feedback_given',
          feedbackAt,
          feedbackSummary: payload.summary,
          createdAt: this.clock.now(),
        })
        .orIgnore()
        .execute();
      const round = await manager.findOne(Round, { where: { id: reportedUnder } });
      if (round)
        await manager.update(
          Inspection,
          { id: payload.inspectionId },
          { windowStart: round.windowStart, windowEnd: round.windowEnd },
        );
    }
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'inspection.feedback_received',
      subjectType: 'inspection',
      subjectId: payload.inspectionId,
      detail: { mode: payload.mode, organizationName: payload.organizationName },
    });
  }

  /** The round of this node a result belongs under; refuses a sender with no standing here. */
  private async reportedUnder(
    manager: EntityManager,
    from: string,
    issuerPath: string[],
    payload: InspectionFeedbackGivenV1,
  ): Promise<string> {
    if (payload.crossOrderId) {
      const order = await manager.findOne(CrossOrder, {
        where: { id: payload.crossOrderId, role: 'ordering', visitingNode: from },
      });
      if (order) return order.roundId;
    }
    const below = issuerPath.slice(0, -1).includes(this.self);
    if (payload.parentRoundId && below) {
      const round = await manager.findOne(Round, { where: { id: payload.parentRoundId } });
      if (round) return round.id;
    }
    throw new RefusalError(
      'NOT_AUTHORIZED',
      `${this.self} neither owns ${payload.organizationCode}, nor ordered ${from}'s inspection, nor has the round it is linked to`,
    );
  }

  /** 移交整改监督: after feedback, rectification supervision goes to the organization's node. */
  async handBack(id: string, notes: string, actor: string): Promise<Inspection> {
    return this.dataSource.transaction(async (manager) => {
      const inspection = await this.conducted(manager, id);
      if (inspection.ownerNode === this.self)
        throw planningRefusal('OWN_ORGANIZATION', {
          zh: `${inspection.organizationName}是本级对象库中的党组织，整改监督由本级负责，无需移交。移交整改监督只用于提级巡察和交叉巡察`,
          en: 'this node owns the organization and supervises its rectification itself; hand-back is for escalated and cross inspections',
        });
      if (inspection.status !== 'feedback_given')
        throw planningRefusal('NO_FEEDBACK_YET', {
          zh: `对${inspection.organizationName}的巡察当前为“${statusLabel(inspection)}”，须在反馈之后才能把整改监督移交${this.names.label(inspection.ownerNode)}`,
          en: `inspection ${id} is ${inspection.status}; hand rectification back after feedback is given`,
        });
      const now = this.clock.now();
      await manager.update(
        Inspection,
        { id },
        { status: 'handed_back', handedBackAt: now, handBackNotes: notes },
      );
      const payload: InspectionHandedBackV1 = {
        inspectionId: id,
        handedBackAt: now.toISOString(),
        notes,
      };
      await this.outbox.emit(manager, {
        type: InspectionHandedBackV1.type,
        audience: nodeAudience(inspection.ownerNode),
        payload,
      });
      await this.audit.record(manager, {
        actor,
        action: 'inspection.handed_back',
        subjectType: 'inspection',
        subjectId: id,
        detail: { ownerNode: inspection.ownerNode },
      });
      return { ...inspection, status: 'handed_back', handedBackAt: now, handBackNotes: notes };
    });
  }

  async handedBack(
    manager: EntityManager,
    from: string,
    payload: InspectionHandedBackV1,
  ): Promise<void> {
    const hosted = await this.hostedBy(manager, payload.inspectionId, from);
    if (hosted.status !== 'feedback_given')
      throw new RefusalError(
        'CONFLICT',
        `inspection ${payload.inspectionId} is ${hosted.status} here; supervision is handed back after feedback`,
      );
    await manager.update(
      Inspection,
      { id: hosted.id },
      {
        status: 'handed_back',
        handedBackAt: new Date(payload.handedBackAt),
        handBackNotes: payload.notes,
      },
    );
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'rectification.supervision_received',
      subjectType: 'inspection',
      subjectId: hosted.id,
      detail: { organizationName: hosted.organizationName },
    });
  }
}
