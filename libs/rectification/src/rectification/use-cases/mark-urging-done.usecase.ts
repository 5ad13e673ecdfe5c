import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService, Clock } from '@liandong/messaging';
import { chinaDate } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { UrgingDoneDto } from '../../dto/supervision.dto';
import { SupervisionNoteView } from '../../dto/supervision.views';
import { RectificationItem } from '../../entities';
import { rectificationRefusal } from '../../rectification.errors';
import { lockSupervisionNote, updateSupervisionNote } from '../supervision.repository';
import { mapSupervisionNote } from '../supervision-note.mapper';

/**
 * 督促事项已落实: the supervision office marks a note's urging done, saying what was done,
 * once. The note itself stays as it was recorded. Audited.
 */
@Injectable()
export class MarkUrgingDone {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(noteId: string, dto: UrgingDoneDto, user: Principal): Promise<SupervisionNoteView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const note = await lockSupervisionNote(manager, noteId);
      if (note.urging === null)
        throw rectificationRefusal('NO_URGING', {
          zh: '这条日常监督记录没有提出督促事项，无需标记落实',
          en: `supervision note ${noteId} asks no urging`,
        });
      if (note.urgingDoneAt)
        throw rectificationRefusal('URGING_DONE', {
          zh: '这项督促事项已标记落实，无需重复标记',
          en: `the urging of supervision note ${noteId} is already done`,
        });
      const change = { urgingOutcome: dto.outcome, urgingDoneBy: user.username, urgingDoneAt: now };
      await updateSupervisionNote(manager, noteId, change);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'rectification.urging_done',
        subjectType: 'rectification',
        subjectId: note.rectificationId,
        detail: { supervisionNoteId: noteId, urgingDueOn: note.urgingDueOn },
      });
      const items = await manager.find(RectificationItem, {
        where: { rectificationId: note.rectificationId },
        order: { id: 'ASC' },
      });
      return mapSupervisionNote({ ...note, ...change }, items, now, chinaDate(now));
    });
  }
}
