import { Injectable } from '@nestjs/common';
import { RefusalField } from '@liandong/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService, Clock } from '@liandong/messaging';
import { chinaDate, uuidv7 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { RecordSupervisionNoteDto } from '../../dto/supervision.dto';
import { SupervisionNoteView } from '../../dto/supervision.views';
import { RectificationItem, SupervisionNote } from '../../entities';
import { SUPERVISION_METHOD_LABELS } from '../../labels';
import { rectificationRefusal } from '../../rectification.errors';
import { findRectification } from '../rectification.repository';
import { insertSupervisionNote } from '../supervision.repository';
import { mapSupervisionNote } from '../supervision-note.mapper';

/** A refusal about one field of the request, as the form shows it beside that field. */
function fieldRefusal(
  code:
    | 'DATE_IN_FUTURE'
    | 'BEFORE_FEEDBACK'
    | 'UNKNOWN_ITEMS'
    | 'URGING_INCOMPLETE'
    | 'URGING_DUE_BEFORE_NOTE',
  field: { name: string; label: string },
  zh: string,
  en: string,
) {
  // Said as the validation of the request says it: 请检查：监督日期（supervisedOn）不能晚于今天…
  const label = `${field.label}（${field.name}）`;
  const fields: RefusalField[] = [{ field: field.name, label, problems: [zh], problemsEn: [en] }];
  return rectificationRefusal(code, { zh: `请检查：${label}${zh}`, en }, 400, { fields });
}

const SUPERVISED_ON = { name: 'supervisedOn', label: '监督日期' };
const URGING = { name: 'urging', label: '督促事项' };
const URGING_DUE_ON = { name: 'urgingDueOn', label: '督促期限' };
const ITEM_IDS = { name: 'itemIds', label: '涉及问题' };

/**
 * 日常监督记录: the supervision office records how it supervised a rectification, on a day
 * from the feedback day to today, what it found, the items concerned and an urging (督促事项)
 * with its due day, if it asks one. Audited.
 */
@Injectable()
export class RecordSupervisionNote {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(
    id: string,
    dto: RecordSupervisionNoteDto,
    user: Principal,
  ): Promise<SupervisionNoteView> {
    const now = this.clock.now();
    const today = chinaDate(now);
    const urging = dto.urging ?? null;
    const urgingDueOn = dto.urgingDueOn ?? null;
    const itemIds = dto.itemIds ?? [];
    return this.dataSource.transaction(async (manager) => {
      const rectification = await findRectification(manager, id);
      if (dto.supervisedOn > today)
        throw fieldRefusal(
          'DATE_IN_FUTURE',
          SUPERVISED_ON,
          `不能晚于今天（${today}）：请记录已经开展的监督`,
          `supervisedOn ${dto.supervisedOn} is after today (${today})`,
        );
      const feedbackOn = chinaDate(rectification.feedbackAt);
      if (dto.supervisedOn < feedbackOn)
        throw fieldRefusal(
          'BEFORE_FEEDBACK',
          SUPERVISED_ON,
          `不能早于巡察反馈日期（${feedbackOn}）：整改日常监督从反馈后开始`,
          `supervisedOn ${dto.supervisedOn} is before the feedback day (${feedbackOn})`,
        );
      if (urging !== null && urgingDueOn === null)
        throw fieldRefusal(
          'URGING_INCOMPLETE',
          URGING_DUE_ON,
          '未填写：提出督促事项时须写明落实期限',
          'an urging is asked with its due day (urgingDueOn)',
        );
      if (urging === null && urgingDueOn !== null)
        throw fieldRefusal(
          'URGING_INCOMPLETE',
          URGING,
          '未填写：有督促期限时须写明督促事项',
          'a due day (urgingDueOn) is given with an urging',
        );
      if (urgingDueOn !== null && urgingDueOn < dto.supervisedOn)
        throw fieldRefusal(
          'URGING_DUE_BEFORE_NOTE',
          URGING_DUE_ON,
          `不能早于监督日期（${dto.supervisedOn}）`,
          `urgingDueOn ${urgingDueOn} is before supervisedOn ${dto.supervisedOn}`,
        );
      const items = await manager.find(RectificationItem, {
        where: { rectificationId: id },
        order: { id: 'ASC' },
      });
      const unknown = itemIds.filter((itemId) => !items.some((item) => item.id === itemId));
      if (unknown.length > 0)
        throw fieldRefusal(
          'UNKNOWN_ITEMS',
          ITEM_IDS,
          `中有 ${unknown.length} 项不是这项整改问题清单中的问题，请从问题清单重新选择`,
          `not items of rectification ${id}: ${unknown.join(', ')}`,
        );
      const note = manager.create(SupervisionNote, {
        id: uuidv7(now.getTime()),
        rectificationId: id,
        method: dto.method,
        supervisedOn: dto.supervisedOn,
        content: dto.content,
        // In the order of the problem list.
        itemIds: items.filter((item) => itemIds.includes(item.id)).map((item) => item.id),
        urging,
        urgingDueOn,
        urgingOutcome: null,
        urgingDoneBy: null,
        urgingDoneAt: null,
        recordedBy: user.username,
        recordedAt: now,
      });
      await insertSupervisionNote(manager, note);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'rectification.supervision_noted',
        subjectType: 'rectification',
        subjectId: id,
        detail: {
          supervisionNoteId: note.id,
          method: SUPERVISION_METHOD_LABELS[note.method],
          supervisedOn: note.supervisedOn,
          items: note.itemIds.length,
          urgingDueOn,
        },
      });
      return mapSupervisionNote(note, items, now, today);
    });
  }
}
