import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SecondmentView } from '../personnel.dto';
import { mapSecondment } from '../personnel.mapper';
import { SecondmentDecision } from '../secondment-decision';

/** 同意借调: the lending node lends the person; the borrowing node receives them with the answer. */
@Injectable()
export class ApproveSecondment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decision: SecondmentDecision,
  ) {}

  async execute(id: string, actor: string): Promise<SecondmentView> {
    const secondment = await this.dataSource.transaction((manager) =>
      this.decision.record(manager, id, 'approved', null, actor),
    );
    return mapSecondment(secondment);
  }
}
