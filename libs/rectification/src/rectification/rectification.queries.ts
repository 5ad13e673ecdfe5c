import { Injectable, StreamableFile } from '@nestjs/common';
import { tableFile } from '@liandong/common';
import { Clock } from '@liandong/messaging';
import { InspectionDirectory } from '@liandong/planning';
import { chinaDate, OversightFiguresV1 } from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { RectificationDetailView, RectificationView } from '../dto/rectification.views';
import { ProgressReport, Rectification, RectificationAlert, RectificationItem } from '../entities';
import { ITEM_STATUS_LABELS } from '../labels';
import { findRectification } from './rectification.repository';
import {
  mapRectification,
  mapRectificationDetail,
  RectificationRecord,
} from './rectification.mapper';

const LEDGER_HEADER = [
  '序号',
  '问题',
  '定性依据',
  '责任人',
  '单位主要负责人',
  '整改任务',
  '状态',
  '销号佐证',
  '销号时间',
];

@Injectable()
export class RectificationQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly inspections: InspectionDirectory,
  ) {}

  async list(): Promise<RectificationView[]> {
    const rows = await this.dataSource.manager.find(Rectification, {
      order: { createdAt: 'DESC' },
    });
    return rows.map(mapRectification);
  }

  async detail(id: string): Promise<RectificationDetailView> {
    return mapRectificationDetail(await this.record(id), chinaDate(this.clock.now()));
  }

  /** 整改台账: the problem, responsibility and task lists as a file (Excel by default, or CSV). */
  async ledger(id: string, format?: 'csv' | 'xlsx'): Promise<StreamableFile> {
    const { rectification, items } = await this.record(id);
    const table = [
      LEDGER_HEADER,
      ...items.map((item, i) => [
        String(i + 1),
        item.problem,
        item.basis,
        item.responsiblePerson ?? '',
        item.unitHead ?? '',
        item.tasks.join('；'),
        ITEM_STATUS_LABELS[item.status],
        item.proof ?? '',
        item.closedAt ? item.closedAt.toISOString() : '',
      ]),
    ];
    return tableFile(format, `rectification-${rectification.organizationCode}`, '整改台账', table);
  }

  /** The rectification figures of this node for the coverage report. */
  async figures(manager: EntityManager): Promise<Partial<OversightFiguresV1>> {
    const today = chinaDate(this.clock.now());
    const rows: Array<{ total: string; overdue: string; items: string; closed: string }> =
      await manager.query(
        `SELECT (SELECT count(*) FROM rectification) AS total,
                (SELECT count(*) FROM rectification r WHERE r.due_on < $1::date
                   AND NOT EXISTS (SELECT 1 FROM progress_report p WHERE p.rectification_id = r.id)) AS overdue,
                (SELECT count(*) FROM rectification_item) AS items,
                (SELECT count(*) FROM rectification_item WHERE status = 'closed') AS closed`,
        [today],
      );
    return {
      rectifications: Number(rows[0].total),
      rectificationsOverdue: Number(rows[0].overdue),
      items: Number(rows[0].items),
      itemsClosed: Number(rows[0].closed),
    };
  }

  private async record(id: string): Promise<RectificationRecord> {
    const manager = this.dataSource.manager;
    const rectification = await findRectification(manager, id);
    const [items, reports, alerts, inspection] = await Promise.all([
      manager.find(RectificationItem, { where: { rectificationId: id } }),
      manager.find(ProgressReport, {
        where: { rectificationId: id },
        order: { submittedAt: 'ASC' },
      }),
      manager.find(RectificationAlert, { where: { rectificationId: id } }),
      this.inspections.find(manager, rectification.inspectionId, ['conducting', 'hosted']),
    ]);
    return { rectification, items, reports, alerts, inspection };
  }
}
