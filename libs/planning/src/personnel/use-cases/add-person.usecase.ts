import { Inject, Injectable } from '@nestjs/common';
import { uuidv7 } from '@liandong/protocol';
import {
  AuditService,
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
} from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { planningRefusal } from '../../planning.errors';
import { PersonDto, PersonView } from '../personnel.dto';
import { mapPerson } from '../personnel.mapper';
import { accountExists, insertPerson, usernameTaken } from '../person.repository';

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

/** 干部人才库: adds a person this node may put on teams, linked to an account of this node if given. */
@Injectable()
export class AddPerson {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(command: PersonDto, actor: string): Promise<PersonView> {
    checkPostDates(command.posts ?? []);
    const person = await this.dataSource.transaction(async (manager) => {
      if (command.username && (await usernameTaken(manager, command.username)))
        throw planningRefusal('USERNAME_TAKEN', {
          zh: `账号 ${command.username} 已关联到人才库中的另一人员，一个账号只能关联一名人员。请检查账号，或不填账号`,
          en: `another person of this pool is already linked to the account ${command.username}`,
        });
      if (command.username && !(await accountExists(manager, command.username)))
        throw planningRefusal(
          'UNKNOWN_ACCOUNT',
          {
            zh: `${this.names.label(this.options.identity.nodeId)}没有账号 ${command.username}（username）。请先由系统管理员在本节点建立该账号，或检查账号拼写，或不填账号`,
            en: `there is no user account ${command.username} on this node; have an administrator create it first (POST /users), check the spelling, or leave username out`,
          },
          422,
        );
      const person = await insertPerson(manager, {
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
      await this.audit.record(manager, {
        actor,
        action: 'person.added',
        subjectType: 'person',
        subjectId: person.id,
        detail: { name: person.name, sourceBody: person.sourceBody },
      });
      return person;
    });
    return mapPerson(person);
  }
}
