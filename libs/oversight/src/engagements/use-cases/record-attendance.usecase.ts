import { Injectable } from '@nestjs/common';
import { AuditService, Clock, NodeNames, OutboxService } from '@liandong/messaging';
import { nodeAudience, OversightAttendanceRecordedV1, uuidv7 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { Attendee } from '../../entities';
import { oversightRefusal } from '../../oversight.errors';
import { AttendanceDto } from '../engagement.dto';
import { mapAttendee } from '../engagement.mapper';
import { lockEngagement } from '../engagement.repository';
import { AttendeeView } from '../engagement.views';
import { requireOverseeing } from './overseeing';

/** 以干代训: who attended a training engagement, names and units; the overseen node is told. */
@Injectable()
export class RecordAttendance {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async execute(id: string, dto: AttendanceDto, actor: string): Promise<AttendeeView[]> {
    return this.dataSource.transaction(async (manager) => {
      const engagement = await lockEngagement(manager, id);
      requireOverseeing(engagement, this.names);
      if (engagement.form !== 'training')
        throw oversightRefusal('NOT_TRAINING', {
          zh: '只有专题培训辅导才登记参训人员',
          en: `engagement ${id} is ${engagement.form}; attendance is recorded for training only`,
        });
      const now = this.clock.now();
      const attendees = dto.attendees.map((a, i) =>
        manager.create(Attendee, {
          id: uuidv7(now.getTime() + i),
          engagementId: id,
          name: a.name,
          unit: a.unit,
          recordedBy: actor,
          recordedAt: now,
        }),
      );
      await manager.insert(Attendee, attendees);
      const payload: OversightAttendanceRecordedV1 = {
        engagementId: id,
        recordedAt: now.toISOString(),
        attendees: attendees.map((a) => ({ attendeeId: a.id, name: a.name, unit: a.unit })),
      };
      await this.outbox.emit(manager, {
        type: OversightAttendanceRecordedV1.type,
        audience: nodeAudience(engagement.overseenNode),
        payload,
      });
      await this.audit.record(manager, {
        actor,
        action: 'oversight.attendance_recorded',
        subjectType: 'oversight_engagement',
        subjectId: id,
        detail: { attendees: attendees.length },
      });
      return attendees.map(mapAttendee);
    });
  }
}
