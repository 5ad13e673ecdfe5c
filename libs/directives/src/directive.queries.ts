import { Injectable } from '@nestjs/common';
import { Clock, FederationNode, NodeNames } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { mapDirective, mapStatus } from './directive.mapper';
import { DirectiveStatusView, DirectiveView } from './dto/directive.views';
import { Directive, DirectiveRecipient } from './entities';
import { directiveRefusal } from './directives.errors';

@Injectable()
export class DirectiveQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async list(origin?: 'issued' | 'received'): Promise<DirectiveView[]> {
    const rows = await this.dataSource
      .getRepository(Directive)
      .find({ where: origin ? { origin } : {}, order: { issuedAt: 'DESC' }, take: 500 });
    const now = this.clock.now();
    return rows.map((row) => mapDirective(row, now));
  }

  async get(id: string): Promise<DirectiveView> {
    return mapDirective(await this.load(id), this.clock.now());
  }

  /** For a directive this node issued: every node it reaches, and how far each has got. */
  async status(id: string): Promise<DirectiveStatusView> {
    const directive = await this.load(id);
    if (directive.origin !== 'issued') {
      throw directiveRefusal(
        'NOT_ISSUED_HERE',
        {
          zh: `这份部署由${this.names.label(directive.issuerNode)}下发，落实情况请在该节点查看`,
          en: `directive ${id} was issued by ${directive.issuerNode}; ask that node for its status`,
        },
        409,
      );
    }
    const recipients = await this.dataSource
      .getRepository(DirectiveRecipient)
      .find({ where: { directiveId: id }, order: { nodeId: 'ASC' } });
    const nodes = await this.dataSource.getRepository(FederationNode).find();
    return mapStatus(
      directive,
      recipients,
      new Map(nodes.map((n) => [n.nodeId, n])),
      this.clock.now(),
    );
  }

  private async load(id: string): Promise<Directive> {
    const directive = await this.dataSource.getRepository(Directive).findOne({ where: { id } });
    if (!directive)
      throw directiveRefusal(
        'DIRECTIVE_NOT_FOUND',
        { zh: '本节点没有这份部署', en: `no directive ${id} on this node` },
        404,
      );
    return directive;
  }
}
