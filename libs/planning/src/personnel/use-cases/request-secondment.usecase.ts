import { Inject, Injectable } from '@nestjs/common';
import { nodeAudience, SecondmentRequestedV2, uuidv7 } from '@liandong/protocol';
import {
  AuditService,
  Clock,
  isRegistered,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { planningRefusal } from '../../planning.errors';
import { SecondmentDto, SecondmentView } from '../personnel.dto';
import { PersonnelQueries } from '../personnel.queries';
import { insertSecondment } from '../secondment.repository';

/**
 * 上挂下派: asks an ancestor or a descendant to lend one of its people for a time, describing
 * whom it wants; the lending node nominates the person when it approves. Sent as
 * secondment.requested.v2, naming no person.
 */
@Injectable()
export class RequestSecondment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    private readonly queries: PersonnelQueries,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  private get self(): string {
    return this.options.identity.nodeId;
  }

  async execute(command: SecondmentDto, actor: string): Promise<SecondmentView> {
    if (command.endsOn < command.startsOn)
      throw planningRefusal(
        'BAD_DATES',
        {
          zh: `借调结束日期（endsOn）${command.endsOn} 早于开始日期（startsOn）${command.startsOn}，请检查这两个日期`,
          en: `endsOn (${command.endsOn}) must not be before startsOn (${command.startsOn})`,
        },
        400,
      );
    const secondment = await this.dataSource.transaction(async (manager) => {
      if (!(await this.alongTheTree(manager, command.lendingNode)))
        throw planningRefusal('NOT_ALONG_THE_TREE', {
          zh: `${this.names.label(command.lendingNode)}既不是本节点${this.names.label(this.self)}的上级，也不是它的下级。上挂下派只在同一条上下级线上进行，请向本级的上级或下级借调人员`,
          en: `${command.lendingNode} is neither an ancestor nor a descendant of ${this.self}; secondment (上挂下派) is between tiers of one line`,
        });
      const secondment = await insertSecondment(manager, {
        id: uuidv7(this.clock.now().getTime()),
        role: 'borrowing',
        personId: null,
        wanted: command.wanted,
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
      const payload: SecondmentRequestedV2 = {
        secondmentId: secondment.id,
        wanted: command.wanted,
        from: command.startsOn,
        to: command.endsOn,
        purpose: command.purpose,
      };
      await this.outbox.emit(manager, {
        type: SecondmentRequestedV2.type,
        audience: nodeAudience(command.lendingNode),
        payload,
      });
      await this.audit.record(manager, {
        actor,
        action: 'secondment.requested',
        subjectType: 'secondment',
        subjectId: secondment.id,
        detail: { lendingNode: command.lendingNode, wanted: command.wanted },
      });
      return secondment;
    });
    return this.queries.secondment(secondment.id);
  }

  /** Whether `other` is an ancestor or a descendant of this node (上挂下派 runs along the tree). */
  private async alongTheTree(manager: EntityManager, other: string): Promise<boolean> {
    if (this.options.identity.path.slice(0, -1).includes(other)) return true;
    return (await isRegistered(manager, other)) && other !== this.self;
  }
}
