import { Inject, Injectable } from '@nestjs/common';
import { BODY_LABELS, open } from '@liandong/protocol';
import { AuditService, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { OpenedAnnexView } from '../dto/directive.views';
import { Directive } from '../entities';
import { directiveRefusal } from '../directives.errors';

/**
 * Opens the confidential annexes of a directive that were sealed to this node's own
 * receiving bodies. Every reading is audited; other nodes' annexes stay sealed.
 */
@Injectable()
export class ReadConfidential {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(id: string, actor: string): Promise<OpenedAnnexView[]> {
    const { identity } = this.options;
    return this.dataSource.transaction(async (manager) => {
      const directive = await manager.findOne(Directive, { where: { id } });
      if (!directive)
        throw directiveRefusal(
          'DIRECTIVE_NOT_FOUND',
          { zh: '本节点没有这份部署', en: `no directive ${id} on this node` },
          404,
        );
      const mine = (directive.sealed ?? []).filter(
        (box) =>
          box.recipientNode === identity.nodeId && identity.bodies[box.body]?.keyId === box.kid,
      );
      if (mine.length === 0) {
        throw directiveRefusal(
          'NOTHING_SEALED_FOR_THIS_NODE',
          {
            zh: '这份部署没有发给本节点受理机关的密件',
            en: `directive ${id} carries no annex this node's receiving bodies can open`,
          },
          404,
        );
      }
      const opened = mine.map((box) => ({
        recipientNode: box.recipientNode,
        body: box.body,
        bodyLabel: BODY_LABELS[box.body],
        text: open(
          box,
          identity.bodies[box.body] as NonNullable<(typeof identity.bodies)[typeof box.body]>,
        ),
      }));
      await this.audit.record(manager, {
        actor,
        action: 'directive.confidential_read',
        subjectType: 'directive',
        subjectId: id,
        detail: { bodies: opened.map((annex) => annex.body) },
      });
      return opened;
    });
  }
}
