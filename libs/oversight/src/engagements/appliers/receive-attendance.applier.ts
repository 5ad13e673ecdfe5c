import { Injectable } from '@nestjs/common';
import { AuditService } from '@liandong/messaging';
import { OversightAttendanceRecordedV1, RefusalError } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Attendee } from '../../entities';
import { heldWith } from '../engagement.repository';

/** 以干代训: the overseen node keeps who of its people attended the training, as the trainer recorded it. */
@Injectable()
export class ReceiveAttendance {
  constructor(private readonly audit: AuditService) {}

  async apply(
    manager: EntityManager,
    from: string,
    payload: OversightAttendanceRecordedV1,
  ): Promise<void> {
    const engagement = await heldWith(manager, payload.engagementId, 'overseen', from);
    if (!engagement)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `this node holds no engagement ${payload.engagementId} of ${from}; only the overseeing node records attendance`,
      );
    if (engagement.form !== 'training')
      throw new RefusalError(
        'CONFLICT',
        `engagement ${engagement.id} is ${engagement.form}; attendance is recorded for training only`,
      );
    const recordedAt = new Date(payload.recordedAt);
    await manager.insert(
      Attendee,
      payload.attendees.map((a) => ({
        id: a.attendeeId,
        engagementId: engagement.id,
        name: a.name,
        unit: a.unit,
        recordedBy: `node:${from}`,
        recordedAt,
      })),
    );
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'oversight.attendance_received',
      subjectType: 'oversight_engagement',
      subjectId: engagement.id,
      detail: { attendees: payload.attendees.length },
    });
  }
}
