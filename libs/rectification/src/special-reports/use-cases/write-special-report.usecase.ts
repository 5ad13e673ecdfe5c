import { Inject, Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import {
  AuditService,
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import { nodeAudience, SpecialReportSubmittedV1, uuidv7 } from '@liandong/protocol';
import { DataSource, In } from 'typeorm';
import { Finding } from '../../entities';
import { SpecialReport } from '../../entities/special-report.entity';
import { titleOf } from '../../findings/dossier';
import { rectificationRefusal } from '../../rectification.errors';
import { WriteSpecialReportDto } from '../special-report.dto';
import { mapSpecialReport } from '../special-report.mapper';
import { SpecialReportView } from '../special-report.views';

/**
 * 专题报告: the office writes to this node's party committee, or sends to an ancestor's office
 * (by event), resting on this node's signed findings — which stay here; only their number goes.
 */
@Injectable()
export class WriteSpecialReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(dto: WriteSpecialReportDto, user: Principal): Promise<SpecialReportView> {
    const { identity } = this.options;
    const toNode = dto.addressee === 'ancestor' ? (dto.toNode as string) : null;
    if (dto.addressee === 'party_committee' && dto.toNode)
      throw rectificationRefusal(
        'TO_NODE_NOT_EXPECTED',
        {
          zh: '报送本级党委的专题报告不填上级节点（toNode）。如要报送上级巡视巡察机构，请选择“上级巡视巡察机构”',
          en: 'toNode is for a report to an ancestor; a report to the party committee names none',
        },
        400,
      );
    if (toNode && !identity.path.slice(0, -1).includes(toNode))
      throw rectificationRefusal(
        'NOT_AN_ANCESTOR',
        {
          zh: `${this.names.label(toNode)}不是本节点的上级，专题报告只能报送本级党委或上级巡视巡察机构`,
          en: `${toNode} is not an ancestor of ${identity.nodeId}`,
        },
        400,
      );
    const report = await this.dataSource.transaction(async (manager) => {
      const ids = dto.findingIds ?? [];
      const findings = ids.length ? await manager.find(Finding, { where: { id: In(ids) } }) : [];
      const missing = ids.filter((id) => !findings.some((f) => f.id === id));
      if (missing.length)
        throw rectificationRefusal(
          'FINDING_NOT_FOUND',
          {
            zh: `本节点没有这些问题底稿：${missing.join('、')}。专题报告只能依据本级的问题底稿`,
            en: `no findings ${missing.join(', ')} on this node`,
          },
          404,
        );
      const unsigned = findings.filter((f) => f.status !== 'signed');
      if (unsigned.length)
        throw rectificationRefusal('FINDING_NOT_SIGNED', {
          zh: `问题${unsigned.map(titleOf).join('、')}尚未经组长签字，专题报告只能依据已签字的问题`,
          en: `findings not signed: ${unsigned.map((f) => f.id).join(', ')}`,
        });
      const now = this.clock.now();
      const report: SpecialReport = {
        id: uuidv7(now.getTime()),
        role: 'written',
        fromNode: identity.nodeId,
        addressee: dto.addressee,
        toNode,
        title: dto.title,
        body: dto.body,
        findingIds: ids,
        findingCount: ids.length,
        submittedBy: user.displayName || user.username,
        submittedAt: now,
      };
      await manager.insert(SpecialReport, report);
      if (toNode) {
        const payload: SpecialReportSubmittedV1 = {
          reportId: report.id,
          title: report.title,
          body: report.body,
          findingCount: report.findingCount,
          submittedAt: now.toISOString(),
          submittedBy: report.submittedBy,
        };
        await this.outbox.emit(manager, {
          type: SpecialReportSubmittedV1.type,
          audience: nodeAudience(toNode),
          payload,
        });
      }
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'special_report.written',
        subjectType: 'special_report',
        subjectId: report.id,
        detail: { addressee: report.addressee, toNode, findings: report.findingCount },
      });
      return report;
    });
    return mapSpecialReport(report, (id) => this.names.name(id) ?? id);
  }
}
