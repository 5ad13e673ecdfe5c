import { Injectable, StreamableFile } from '@nestjs/common';
import { tableFile } from '@liandong/common';
import { Clock } from '@liandong/messaging';
import { InspectionDirectory } from '@liandong/planning';
import { chinaDate, OversightFiguresV1 } from '@liandong/protocol';
import { DataSource, EntityManager, In } from 'typeorm';
import { RectificationDetailView, RectificationSummaryView } from '../dto/rectification.views';
import { RoutineSupervisionQuery } from '../dto/supervision.dto';
import { RoutineSupervisionView } from '../dto/supervision.views';
import { ProgressReport, Rectification, RectificationAlert, RectificationItem } from '../entities';
import { ITEM_STATUS_LABELS } from '../labels';
import { findRectification, proofsOf, rectificationCounts } from './rectification.repository';
import { notesOf, supervisionPage } from './supervision.repository';
import {
  mapDeadline,
  mapRectificationDetail,
  mapRectificationSummary,
  RectificationRecord,
} from './rectification.mapper';
import { mapRoutineSupervision } from './supervision-note.mapper';

/** The roles that read the notes of routine supervision (日常监督记录). */
export const SUPERVISION_READERS = [
  'supervision_office',
  'inspection_office',
  'leading_group',
] as const;

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
    const none = { items: 0, closed: 0, reports: 0, notes: 0 };
    return rows.map((r) => mapRectificationSummary(r, counts.get(r.id) ?? none, today));
  }

  /**
   * With its supervision notes for a caller whose `roles` read them (null for the others);
   * without roles (the node's own code) with them.
   */
  async detail(id: string, roles?: readonly string[]): Promise<RectificationDetailView> {
    const readsNotes = !roles || SUPERVISION_READERS.some((role) => roles.includes(role));
    const now = this.clock.now();
    return mapRectificationDetail(await this.record(id, readsNotes), now, chinaDate(now));
  }

  /**
   * 整改日常监督: a page of this node's rectifications with their notes and urgings, the most
   * pressing first (the next urging due, then those supervised least lately).
   */
  async supervision(
    query: RoutineSupervisionQuery,
  ): Promise<{ rows: RoutineSupervisionView[]; total: number }> {
    const manager = this.dataSource.manager;
    const now = this.clock.now();
    const today = chinaDate(now);
    const page = await supervisionPage(manager, today, query.limit ?? 100, query.offset ?? 0);
    const found = await manager.find(Rectification, {
      where: { id: In(page.rows.map((r) => r.id)) },
    });
    const byId = new Map(found.map((r) => [r.id, r]));
    const rows = page.rows.flatMap((row) => {
      const rectification = byId.get(row.id);
      if (!rectification) return [];
      const deadline = mapDeadline(rectification, row.reports > 0, today);
      return [mapRoutineSupervision(rectification, deadline, row, now, today)];
    });
    return { rows, total: page.total };
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

  private async record(id: string, withNotes = false): Promise<RectificationRecord> {
    const manager = this.dataSource.manager;
    const rectification = await findRectification(manager, id);
    const [items, proofs, reports, alerts, inspection, notes] = await Promise.all([
      // A stable order: ids are UUIDv7, by the time each was made.
      manager.find(RectificationItem, { where: { rectificationId: id }, order: { id: 'ASC' } }),
      proofsOf(manager, id),
      manager.find(ProgressReport, {
        where: { rectificationId: id },
        order: { submittedAt: 'ASC' },
      }),
      manager.find(RectificationAlert, { where: { rectificationId: id } }),
      this.inspections.find(manager, rectification.inspectionId, ['conducting', 'hosted']),
      withNotes ? notesOf(manager, id) : null,
    ]);
    return { rectification, items, proofs, reports, alerts, inspection, notes };
  }
}
