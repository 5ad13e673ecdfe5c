import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService, Clock, LiveQueries, NodeNames } from '@liandong/messaging';
import {
  CoverageQueries,
  CoverageView,
  InspectionHooks,
  InspectionQueries,
  InspectionView,
} from '@liandong/planning';
import {
  chinaDate,
  OVERSIGHT_AREAS,
  OversightArea,
  OversightAreaTableV1,
} from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { AREA_LABELS } from '../checklist';
import { Engagement } from '../entities';
import { oversightRefusal } from '../oversight.errors';
import { recordsTable, teamTable } from './own-area-tables';

/** The body of an `oversight` live query (protocol.md §10). */
export interface AreaQueryBody {
  engagementId: string;
  area: OversightArea;
}

export interface AreaAnswer {
  inspections: InspectionView[];
  coverage: CoverageView | null;
  /** The area's own tables (absent from an answer by a node of an earlier version). */
  tables?: OversightAreaTableV1[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function checkBody(body: unknown): AreaQueryBody {
  const bad = () =>
    oversightRefusal(
      'INVALID_QUERY',
      {
        zh: '查阅请求不符合规定（须为 { engagementId, area }）',
        en: 'the query must be { engagementId: UUID, area }',
      },
      400,
    );
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad();
  const { engagementId, area, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw bad();
  if (typeof engagementId !== 'string' || !UUID.test(engagementId)) throw bad();
  if (!OVERSIGHT_AREAS.includes(area as OversightArea)) throw bad();
  return { engagementId, area: area as OversightArea };
}

/**
 * The overseen end answers its overseeing ancestor's reads (`oversight` live query): only
 * for an engagement it holds with that ancestor, only a granted area, only while the grant
 * is in force by this node's clock; each read is audited here.
 */
@Injectable()
export class AreaAnswerer implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly liveQueries: LiveQueries,
    private readonly inspections: InspectionQueries,
    private readonly coverage: CoverageQueries,
    private readonly hooks: InspectionHooks,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  onModuleInit(): void {
    this.liveQueries.answer<unknown, AreaAnswer>('oversight', (body, asker) =>
      this.answer(checkBody(body), asker),
    );
  }

  async answer(body: AreaQueryBody, asker: string): Promise<AreaAnswer> {
    const engagement = await this.dataSource.manager.findOne(Engagement, {
      where: { id: body.engagementId, role: 'overseen', overseeingNode: asker },
    });
    if (!engagement)
      throw oversightRefusal(
        'ENGAGEMENT_NOT_FOUND',
        {
          zh: `本节点没有${this.names.label(asker)}对本节点开展的这项指导督导（编号 ${body.engagementId}），不能查阅`,
          en: `no engagement ${body.engagementId} of ${asker} over this node`,
        },
        404,
      );
    requireGranted(engagement, body.area, chinaDate(this.clock.now()));
    const answer: AreaAnswer = {
      inspections: await this.inspections.list({}),
      coverage: body.area === 'planning_coverage' ? await this.coverage.view() : null,
      tables: await this.tables(body.area),
    };
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        actor: `node:${asker}`,
        action: 'oversight.area_read',
        subjectType: 'oversight_engagement',
        subjectId: engagement.id,
        detail: { area: body.area },
      }),
    );
    return answer;
  }

  /** What this node shows of `area` beyond its inspections and coverage: its own tables first. */
  private async tables(area: OversightArea): Promise<OversightAreaTableV1[]> {
    const manager = this.dataSource.manager;
    const own =
      area === 'team_recusal'
        ? await teamTable(manager)
        : area === 'records'
          ? await recordsTable(manager)
          : [];
    return [...own, ...(await this.hooks.areaTables(area, manager))];
  }
}

/** The grant covers `area` today, or the refusal that says why not (403). */
export function requireGranted(engagement: Engagement, area: OversightArea, today: string): void {
  if (!engagement.grantedAreas || !engagement.grantedAreas.includes(area))
    throw oversightRefusal(
      'AREA_NOT_GRANTED',
      {
        zh: `被督导节点没有授权查阅“${AREA_LABELS[area]}”。请被督导节点在签收后授权，或查阅已授权的方面`,
        en: `${area} is not granted for engagement ${engagement.id}`,
      },
      403,
    );
  if (today < (engagement.grantFrom as string) || today > (engagement.grantUntil as string))
    throw oversightRefusal(
      'GRANT_EXPIRED',
      {
        zh: `查阅授权的期限为 ${engagement.grantFrom} 至 ${engagement.grantUntil}，今天（${today}）不在期限内，不能查阅`,
        en: `the grant runs ${engagement.grantFrom} to ${engagement.grantUntil}; today (${today}) is outside it`,
      },
      403,
    );
}
