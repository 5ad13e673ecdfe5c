import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { DisclosureDto } from '../../dto/rectification.dto';
import { RectificationView } from '../../dto/rectification.views';
import { mapRectification } from '../rectification.mapper';
import { lockRectification, updateRectification } from '../rectification.repository';

/** 整改公开: the text made public, and the day. */
@Injectable()
export class DiscloseRectification {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async execute(id: string, dto: DisclosureDto, user: Principal): Promise<RectificationView> {
    const change = { disclosureText: dto.text, disclosedOn: dto.disclosedOn };
    const rectification = await this.dataSource.transaction(async (manager) => {
      const rectification = await lockRectification(manager, id);
      await updateRectification(manager, id, change);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'rectification.disclosed',
        subjectType: 'rectification',
        subjectId: id,
        detail: { disclosedOn: dto.disclosedOn },
      });
      return { ...rectification, ...change };
    });
    return mapRectification(rectification);
  }
}
