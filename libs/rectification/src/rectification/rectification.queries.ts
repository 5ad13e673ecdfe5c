import { Injectable, StreamableFile } from '@nestjs/common';
import { tableFile } from '@liandong/common';
import { Clock } from '@liandong/messaging';
import { InspectionDirectory } from '@liandong/planning';
import { chinaDate, OversightFiguresV1 } from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { RectificationDetailView, RectificationSummaryView } from '../dto/rectification.views';
import { ProgressReport, Rectification, RectificationAlert, RectificationItem } from '../entities';
import { ITEM_STATUS_LABELS } from '../labels';
import { findRectification, proofsOf, rectificationCounts } from './rectification.repository';
import {
  mapRectificationDetail,
  mapRectificationSummary,
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
  '佐证材料',
  '销号时间',
];

@Injectable()
export class RectificationQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly inspections: InspectionDirectory,
  ) {}

  /** Newest first, each with its deadline on today and how far its problem list has come. */
  async list(): Promise<RectificationSummaryView[]> {
    const manager = this.dataSource.manager;
    const [rows, counts] = await Promise.all([
      manager.find(Rectification, { order: { createdAt: 'DESC' } }),
      rectificationCounts(manager),
    ]);
    const today = chinaDate(this.clock.now());
    const none = { items: 0, closed: 0, reports: 0 };
    return rows.map((r) => mapRectificationSummary(r, counts.get(r.id) ?? none, today));
  }

  async detail(id: string): Promise<RectificationDetailView> {
    return mapRectificationDetail(await this.record(id), chinaDate(this.clock.now()));
  }

  /** 整改台账: the problem, responsibility and task lists as a file (Excel by default, or CSV). */
  async ledger(id: string, format?: 'csv' | 'xlsx'): Promise<StreamableFile> {
    const { rectification, items, proofs } = await this.record(id);
    const files = (itemId: string) =>
      proofs
        .filter((p) => p.itemId === itemId)
        .map((p) => `${p.filename}（SHA-256 ${p.sha256}）`)
        .join('；');
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
        files(item.id),
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
    const [items, proofs, reports, alerts, inspection] = await Promise.all([
      // A stable order: ids are UUIDv7, by the time each was made.
      manager.find(RectificationItem, { where: { rectificationId: id }, order: { id: 'ASC' } }),
      proofsOf(manager, id),
      manager.find(ProgressReport, {
        where: { rectificationId: id },
        order: { submittedAt: 'ASC' },
      }),
      manager.find(RectificationAlert, { where: { rectificationId: id } }),
      this.inspections.find(manager, rectification.inspectionId, ['conducting', 'hosted']),
    ]);
    return { rectification, items, proofs, reports, alerts, inspection };
  }
}
