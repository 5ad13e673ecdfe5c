import { Inject, Injectable } from '@nestjs/common';
import {
  nodeAudience,
  PersonV1,
  PostV1,
  RefusalError,
  RelationV1,
  SecondmentDecidedV1,
  SecondmentRequestedV1,
  SourceBody,
  uuidv7,
} from '@liandong/protocol';
import {
  AuditService,
  Clock,
  FederationNode,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import { UserAccount } from '@liandong/access';
import { DataSource, EntityManager } from 'typeorm';
import { Person, Secondment } from '../entities';
import { STATUS_LABELS } from '../labels';
import { planningRefusal } from '../planning.errors';

export interface PersonCommand {
  name: string;
  sourceBody: SourceBody;
  homeJurisdiction: string;
  homeUnitCode?: string | null;
  homeUnitName: string;
  username?: string | null;
  posts?: Array<Omit<PostV1, 'to'> & { to?: string | null }>;
  relations?: RelationV1[];
}

export function personV1(person: Person): PersonV1 {
  return {
    personId: person.id,
    name: person.name,
    sourceBody: person.sourceBody,
    homeJurisdiction: person.homeJurisdiction,
    homeUnitCode: person.homeUnitCode,
    homeUnitName: person.homeUnitName,
    posts: person.posts,
    relations: person.relations,
  };
}

/** A post ends on or after the day it began (DATES_OUT_OF_ORDER names the post otherwise). */
function checkPostDates(posts: Array<{ from: string; to?: string | null }>): void {
  posts.forEach((post, i) => {
    if (post.to && post.to < post.from)
      throw planningRefusal(
        'DATES_OUT_OF_ORDER',
        {
          zh: `任职经历第 ${i + 1} 条的结束日期（posts[${i}].to）${post.to} 早于开始日期（posts[${i}].from）${post.from}，请检查这两个日期；仍在任的，结束日期不填`,
          en: `posts[${i}].to (${post.to}) is before posts[${i}].from (${post.from}); leave to out while the post is held`,
        },
        400,
      );
  });
}

/** 干部人才库 and 上挂下派: people this node can put on teams, and borrowing along the tree. */
@Injectable()
export class PersonnelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  private get self(): string {
    return this.options.identity.nodeId;
  }

  async add(command: PersonCommand, actor: string): Promise<Person> {
    checkPostDates(command.posts ?? []);
    return this.dataSource.transaction(async (manager) => {
      if (
        command.username &&
        (await manager.count(Person, { where: { username: command.username } }))
      )
        throw planningRefusal('USERNAME_TAKEN', {
          zh: `账号 ${command.username} 已关联到人才库中的另一人员，一个账号只能关联一名人员。请检查账号，或不填账号`,
          en: `another person of this pool is already linked to the account ${command.username}`,
        });
      if (
        command.username &&
        !(await manager.count(UserAccount, { where: { username: command.username } }))
      )
        throw planningRefusal(
          'UNKNOWN_ACCOUNT',
          {
            zh: `${this.names.label(this.self)}没有账号 ${command.username}（username）。请先由系统管理员在本节点建立该账号，或检查账号拼写，或不填账号`,
            en: `there is no user account ${command.username} on this node; have an administrator create it first (POST /users), check the spelling, or leave username out`,
          },
          422,
        );
      const person = manager.create(Person, {
        id: uuidv7(this.clock.now().getTime()),
        name: command.name,
        sourceBody: command.sourceBody,
        homeJurisdiction: command.homeJurisdiction,
        homeUnitCode: command.homeUnitCode ?? null,
        homeUnitName: command.homeUnitName,
        username: command.username ?? null,
        posts: (command.posts ?? []).map((p) => ({ ...p, to: p.to ?? null })),
        relations: command.relations ?? [],
        lentBy: null,
        secondmentId: null,
        createdAt: this.clock.now(),
      });
      await manager.insert(Person, person);
      await this.audit.record(manager, {
        actor,
        action: 'person.added',
        subjectType: 'person',
        subjectId: person.id,
        detail: { name: person.name, sourceBody: person.sourceBody },
      });
      return person;
    });
  }

  async list(): Promise<Person[]> {
    return this.dataSource.manager.find(Person, { order: { createdAt: 'ASC' } });
  }

  async get(id: string): Promise<Person> {
    const person = await this.dataSource.manager.findOne(Person, { where: { id } });
    if (!person)
      throw planningRefusal(
        'PERSON_NOT_FOUND',
        {
          zh: `本节点干部人才库中没有编号为 ${id} 的人员，请检查编号`,
          en: `no person ${id} in this node's pool`,
        },
        404,
      );
    return person;
  }

  /** Whether `other` is an ancestor or a descendant of this node (上挂下派 runs along the tree). */
  private async alongTheTree(manager: EntityManager, other: string): Promise<boolean> {
    if (this.options.identity.path.slice(0, -1).includes(other)) return true;
    return (
      (await manager.count(FederationNode, { where: { nodeId: other } })) > 0 && other !== this.self
    );
  }

  async request(
    command: {
      lendingNode: string;
      personId: string;
      startsOn: string;
      endsOn: string;
      purpose: string;
    },
    actor: string,
  ): Promise<Secondment> {
    if (command.endsOn < command.startsOn)
      throw planningRefusal(
        'BAD_DATES',
        {
          zh: `借调结束日期（endsOn）${command.endsOn} 早于开始日期（startsOn）${command.startsOn}，请检查这两个日期`,
          en: `endsOn (${command.endsOn}) must not be before startsOn (${command.startsOn})`,
        },
        400,
      );
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.alongTheTree(manager, command.lendingNode)))
        throw planningRefusal('NOT_ALONG_THE_TREE', {
          zh: `${this.names.label(command.lendingNode)}既不是本节点${this.names.label(this.self)}的上级，也不是它的下级。上挂下派只在同一条上下级线上进行，请向本级的上级或下级借调人员`,
          en: `${command.lendingNode} is neither an ancestor nor a descendant of ${this.self}; secondment (上挂下派) is between tiers of one line`,
        });
      const secondment = manager.create(Secondment, {
        id: uuidv7(this.clock.now().getTime()),
        role: 'borrowing',
        personId: command.personId,
        borrowingNode: this.self,
        lendingNode: command.lendingNode,
        startsOn: command.startsOn,
        endsOn: command.endsOn,
        purpose: command.purpose,
        status: 'requested',
        reason: null,
        requestedAt: this.clock.now(),
        decidedAt: null,
      });
      await manager.insert(Secondment, secondment);
      const payload: SecondmentRequestedV1 = {
        secondmentId: secondment.id,
        personId: command.personId,
        from: command.startsOn,
        to: command.endsOn,
        purpose: command.purpose,
      };
      await this.outbox.emit(manager, {
        type: SecondmentRequestedV1.type,
        audience: nodeAudience(command.lendingNode),
        payload,
      });
      await this.audit.record(manager, {
        actor,
        action: 'secondment.requested',
        subjectType: 'secondment',
        subjectId: secondment.id,
        detail: { lendingNode: command.lendingNode, personId: command.personId },
      });
      return secondment;
    });
  }

  async requested(
    manager: EntityManager,
    from: string,
    issuerPath: string[],
    payload: SecondmentRequestedV1,
  ): Promise<void> {
    const related =
      this.options.identity.path.slice(0, -1).includes(from) ||
      issuerPath.slice(0, -1).includes(this.self);
    if (!related)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${from} is neither an ancestor nor a descendant of ${this.self}; secondment runs along the tree`,
      );
    const person = await manager.findOne(Person, { where: { id: payload.personId } });
    if (!person || person.lentBy)
      throw new RefusalError(
        'NOT_FOUND',
        `${payload.personId} is not in the own pool of ${this.self}`,
      );
    await manager.insert(Secondment, {
      id: payload.secondmentId,
      role: 'lending',
      personId: payload.personId,
      borrowingNode: from,
      lendingNode: this.self,
      startsOn: payload.from,
      endsOn: payload.to,
      purpose: payload.purpose,
      status: 'requested',
      reason: null,
      requestedAt: this.clock.now(),
      decidedAt: null,
    });
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'secondment.request_received',
      subjectType: 'secondment',
      subjectId: payload.secondmentId,
      detail: { personId: payload.personId, name: person.name },
    });
  }

  async decide(
    id: string,
    decision: 'approved' | 'declined',
    reason: string | null,
    actor: string,
  ): Promise<Secondment> {
    return this.dataSource.transaction(async (manager) => {
      const secondment = await manager.findOne(Secondment, {
        where: { id, role: 'lending' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!secondment)
        throw planningRefusal(
          'SECONDMENT_NOT_FOUND',
          {
            zh: `本节点没有收到编号为 ${id} 的借调请求，请检查编号（只有借出方才能同意或拒绝借调）`,
            en: `no secondment request ${id} for this node (only the lending node decides one)`,
          },
          404,
        );
      if (secondment.status !== 'requested')
        throw planningRefusal('ALREADY_DECIDED', {
          zh: `${this.names.label(secondment.borrowingNode)}的这项借调请求已经${STATUS_LABELS[secondment.status] ?? secondment.status}，不能再次决定`,
          en: `secondment ${id} is already ${secondment.status}`,
        });
      const person = await manager.findOneOrFail(Person, { where: { id: secondment.personId } });
      const now = this.clock.now();
      await manager.update(Secondment, { id }, { status: decision, reason, decidedAt: now });
      const payload: SecondmentDecidedV1 = {
        secondmentId: id,
        decision,
        reason,
        person: decision === 'approved' ? personV1(person) : null,
      };
      await this.outbox.emit(manager, {
        type: SecondmentDecidedV1.type,
        audience: nodeAudience(secondment.borrowingNode),
        payload,
      });
      await this.audit.record(manager, {
        actor,
        action: `secondment.${decision}`,
        subjectType: 'secondment',
        subjectId: id,
        detail: { borrowingNode: secondment.borrowingNode, name: person.name, reason },
      });
      return { ...secondment, status: decision, reason, decidedAt: now };
    });
  }

  async decided(manager: EntityManager, from: string, payload: SecondmentDecidedV1): Promise<void> {
    const secondment = await manager.findOne(Secondment, {
      where: {
        id: payload.secondmentId,
        role: 'borrowing',
        lendingNode: from,
        status: 'requested',
      },
    });
    if (!secondment)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${this.self} has no open request ${payload.secondmentId} to ${from}`,
      );
    if (payload.decision === 'approved' && payload.person?.personId !== secondment.personId)
      throw new RefusalError(
        'CONFLICT',
        `the approval carries a person other than the one requested`,
      );
    await manager.update(
      Secondment,
      { id: secondment.id },
      { status: payload.decision, reason: payload.reason ?? null, decidedAt: this.clock.now() },
    );
    if (payload.decision === 'approved' && payload.person) {
      const p = payload.person;
      await manager.upsert(
        Person,
        {
          id: p.personId,
          name: p.name,
          sourceBody: p.sourceBody,
          homeJurisdiction: p.homeJurisdiction,
          homeUnitCode: p.homeUnitCode ?? null,
          homeUnitName: p.homeUnitName,
          username: null,
          posts: p.posts,
          relations: p.relations,
          lentBy: from,
          secondmentId: secondment.id,
          createdAt: this.clock.now(),
        },
        ['id'],
      );
    }
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: `secondment.${payload.decision}_received`,
      subjectType: 'secondment',
      subjectId: secondment.id,
      detail: { personId: secondment.personId },
    });
  }

  async secondments(): Promise<Secondment[]> {
    return this.dataSource.manager.find(Secondment, { order: { requestedAt: 'ASC' } });
  }
}
